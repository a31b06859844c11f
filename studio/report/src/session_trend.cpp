#include "hawker/studio/report/session_trend.hpp"

#include <algorithm>
#include <map>

#include "hawker/studio/analytics/session_metrics.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/report/report_csv.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

/// Totals of a group of sessions (one title, tag or host), its ratios from the summed parts.
struct GroupTotals {
    int64_t sessions = 0, gmvCents = 0, uv = 0, pv = 0, buyers = 0, units = 0;
};

json groupJson(const std::string& keyName, const std::map<std::string, GroupTotals>& groups) {
    json out = json::array();
    for (const auto& [key, g] : groups)
        out.push_back({{keyName, key},
                       {"sessions", g.sessions},
                       {"gmv_cents", g.gmvCents},
                       {"uv", g.uv},
                       {"units", g.units},
                       {"conversion_rate",
                        ratioJson(metricRatio(static_cast<double>(g.buyers), static_cast<double>(g.uv)))},
                       {"gpm_cents", ratioJson(metricRatio(static_cast<double>(g.gmvCents) * 1000.0,
                                                           static_cast<double>(g.pv)))}});
    return out;
}

} // namespace

json buildTrend(Database& db, const TrendOptions& options) {
    std::vector<Session> chosen;
    for (const Session& s : SessionStore(db).list()) {
        if (!s.startUtcMs || *s.startUtcMs < options.sinceUtcMs || *s.startUtcMs > options.untilUtcMs)
            continue;
        if (s.rehearsal && !options.includeRehearsals) continue;
        if (!options.title.empty() && s.title != options.title) continue;
        if (!options.tag.empty() && s.tag != options.tag) continue;
        if (!options.host.empty() && s.host != options.host) continue;
        chosen.push_back(s);
    }
    std::sort(chosen.begin(), chosen.end(),
              [](const Session& a, const Session& b) { return *a.startUtcMs < *b.startUtcMs; });

    json sessions = json::array();
    std::map<std::string, json> products; // sku → {"sku","name","sessions":[…]}
    std::map<std::string, GroupTotals> byTitle, byTag, byHost;
    ReportOptions reportOptions;
    reportOptions.includeRehearsals = options.includeRehearsals;
    for (const Session& s : chosen) {
        const json report = buildSessionReport(db, s.id, reportOptions);
        // A product's trend is the sessions that showed, clicked or sold it, not every session.
        if (!options.sku.empty() && !report["products"].contains(options.sku)) continue;
        const json& summary = report["summary"];
        const int64_t gmv = json_read::integerAt(summary, "gmv_cents"),
                      uv = json_read::integerAt(summary, "uv"), pv = json_read::integerAt(summary, "pv"),
                      buyers = json_read::integerAt(summary, "buyers"),
                      units = json_read::integerAt(summary, "units");
        sessions.push_back({{"id", s.id},
                            {"title", s.title},
                            {"tag", s.tag},
                            {"host", s.host},
                            {"start_utc_ms", *s.startUtcMs},
                            {"gmv_cents", gmv},
                            {"uv", uv},
                            {"pv", pv},
                            {"buyers", buyers},
                            {"paid_orders", json_read::integerAt(summary, "paid_orders")},
                            {"units", units},
                            {"conversion_rate", summary["conversion_rate"]},
                            {"gpm_cents", summary["gpm_cents"]}});
        for (GroupTotals* g : {&byTitle[s.title], s.tag.empty() ? nullptr : &byTag[s.tag],
                               s.host.empty() ? nullptr : &byHost[s.host]}) {
            if (!g) continue;
            ++g->sessions;
            g->gmvCents += gmv;
            g->uv += uv;
            g->pv += pv;
            g->buyers += buyers;
            g->units += units;
        }
        for (const auto& [sku, p] : report["products"].items()) {
            if (!options.sku.empty() && sku != options.sku) continue;
            // Every session of a chosen product counts, its zeros too; in the full list only what sold.
            if (options.sku.empty() && json_read::integerAt(p, "units") == 0 &&
                json_read::integerAt(p, "gmv_cents") == 0)
                continue;
            json& product = products[sku];
            if (product.is_null())
                product = {
                    {"sku", sku}, {"name", json_read::stringAt(p, "name")}, {"sessions", json::array()}};
            product["sessions"].push_back({{"id", s.id},
                                           {"start_utc_ms", *s.startUtcMs},
                                           {"units", json_read::integerAt(p, "units")},
                                           {"gmv_cents", json_read::integerAt(p, "gmv_cents")}});
        }
    }
    json productList = json::array();
    for (auto& [sku, product] : products)
        productList.push_back(std::move(product));
    return {{"since_utc_ms", options.sinceUtcMs},
            {"until_utc_ms", options.untilUtcMs},
            {"title", options.title},
            {"tag", options.tag},
            {"host", options.host},
            {"sku", options.sku},
            {"sessions", std::move(sessions)},
            {"products", std::move(productList)},
            {"by_title", groupJson("title", byTitle)},
            {"by_tag", groupJson("tag", byTag)},
            {"by_host", groupJson("host", byHost)}};
}

std::vector<std::filesystem::path> writeTrendCsv(const json& trend, const std::filesystem::path& dir) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) throw std::runtime_error("cannot create " + dir.string() + ": " + error.message());
    std::vector<std::filesystem::path> files;
    files.push_back(writeCsvTable(dir / "trend_sessions.csv", trend["sessions"],
                                  {"id", "title", "tag", "host", "start_utc_ms", "gmv_cents", "uv", "pv",
                                   "buyers", "paid_orders", "units", "conversion_rate", "gpm_cents"}));
    json rows = json::array();
    for (const json& product : json_read::listAt(trend, "products"))
        for (const json& s : json_read::listAt(product, "sessions"))
            rows.push_back({{"sku", product["sku"]},
                            {"name", product["name"]},
                            {"session_id", s["id"]},
                            {"start_utc_ms", s["start_utc_ms"]},
                            {"units", s["units"]},
                            {"gmv_cents", s["gmv_cents"]}});
    files.push_back(writeCsvTable(dir / "trend_products.csv", rows,
                                  {"sku", "name", "session_id", "start_utc_ms", "units", "gmv_cents"}));
    return files;
}

} // namespace hawker::studio
