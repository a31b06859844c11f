#include "hawker/studio/report/session_comparison.hpp"

#include <map>

#include "hawker/studio/report/chi_square.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

/// Sessions of the same title or tag that started before `session`.
std::vector<Session> earlierSessions(Database& db, const Session& session, const ReportOptions& options) {
    std::vector<Session> out;
    SessionStore store(db);
    for (const Session& other : store.list()) {
        if (other.id == session.id || !other.startUtcMs) continue;
        if (other.rehearsal && !options.includeRehearsals) continue;
        const bool sameTitle = other.title == session.title;
        const bool sameTag = !session.tag.empty() && other.tag == session.tag;
        if (!sameTitle && !sameTag) continue;
        if (*other.startUtcMs > session.startUtcMs.value_or(0)) continue;
        out.push_back(other);
    }
    std::sort(out.begin(), out.end(),
              [](const Session& a, const Session& b) { return *a.startUtcMs > *b.startUtcMs; });
    if (out.size() > options.comparisonLimit) out.resize(options.comparisonLimit);
    return out;
}

} // namespace

SessionTotals sessionTotals(Database& db, const Session& session) {
    SessionTotals totals;
    if (!session.startUtcMs) return totals;
    const int64_t start = *session.startUtcMs;
    const int64_t end = session.endUtcMs.value_or(nowUtcMs());
    Statement uv = db.prepare("SELECT count(DISTINCT viewer) FROM events WHERE session_id = ?1 AND type = 0 "
                              "AND ts BETWEEN ?2 AND ?3");
    uv.bind(1, session.id).bind(2, start).bind(3, end);
    if (uv.step()) totals.uv = uv.integer(0);
    // The earliest order_paid of each order (SQLite takes the bare columns
    // from the row holding min(ts)).
    Statement paid =
        db.prepare("SELECT count(*), count(DISTINCT viewer), coalesce(sum(amount_cents), 0) FROM ("
                   " SELECT viewer, amount_cents, min(ts) FROM events"
                   " WHERE session_id = ?1 AND order_id IS NOT NULL AND type = 9 AND ts BETWEEN ?2 AND ?3"
                   " GROUP BY order_id)");
    paid.bind(1, session.id).bind(2, start).bind(3, end);
    if (paid.step()) {
        totals.paidOrders = paid.integer(0);
        totals.buyers = paid.integer(1);
        totals.gmvCents = paid.integer(2);
    }
    return totals;
}

json compareWithEarlierSessions(Database& db, const Session& session, const MetricsSummary& current,
                                const ReportOptions& options) {
    json rows = json::array();
    for (const Session& other : earlierSessions(db, session, options)) {
        const SessionTotals t = sessionTotals(db, other);
        rows.push_back({{"id", other.id},
                        {"title", other.title},
                        {"tag", other.tag},
                        {"variant", other.variant},
                        {"rehearsal", other.rehearsal},
                        {"start_utc_ms", *other.startUtcMs},
                        {"uv", t.uv},
                        {"buyers", t.buyers},
                        {"paid_orders", t.paidOrders},
                        {"gmv_cents", t.gmvCents},
                        {"conversion_rate",
                         ratioJson(metricRatio(static_cast<double>(t.buyers), static_cast<double>(t.uv)))},
                        {"current", false}});
    }
    rows.push_back({{"id", session.id},
                    {"title", session.title},
                    {"tag", session.tag},
                    {"variant", session.variant},
                    {"rehearsal", session.rehearsal},
                    {"start_utc_ms", session.startUtcMs.value_or(0)},
                    {"uv", current.uv},
                    {"buyers", current.buyers},
                    {"paid_orders", current.paidOrders},
                    {"gmv_cents", current.gmvCents},
                    {"conversion_rate", ratioJson(current.conversionRate)},
                    {"current", true}});
    return rows;
}

namespace {
struct Group {
    int64_t buyers = 0, trials = 0, members = 0;
};

/// One comparison per variant against the first (alphabetically): A vs B, A vs C, …
json compareGroups(const std::map<std::string, Group>& groups, const std::string& dimension,
                   const std::string& membersKey, const std::string& trialsKey) {
    json tests = json::array();
    if (groups.size() < 2) return tests;
    const auto base = groups.begin();
    for (auto other = std::next(base); other != groups.end(); ++other) {
        const Group& a = base->second;
        const Group& b = other->second;
        const ChiSquareResult result = chiSquare2x2(a.buyers, a.trials, b.buyers, b.trials);
        tests.push_back(
            {{"dimension", dimension},
             {"a", base->first},
             {"b", other->first},
             {"a_" + membersKey, a.members},
             {"b_" + membersKey, b.members},
             {"a_buyers", a.buyers},
             {"a_" + trialsKey, a.trials},
             {"b_buyers", b.buyers},
             {"b_" + trialsKey, b.trials},
             {"a_rate", ratioJson(metricRatio(static_cast<double>(a.buyers), static_cast<double>(a.trials)))},
             {"b_rate", ratioJson(metricRatio(static_cast<double>(b.buyers), static_cast<double>(b.trials)))},
             {"chi_square", result.valid ? json(result.chiSquare) : json(nullptr)},
             {"p_value", result.valid ? json(result.pValue) : json(nullptr)},
             {"significant", result.valid && result.pValue < 0.05},
             {"note", result.valid ? "" : result.reason}});
    }
    return tests;
}
} // namespace

json offerVariantTests(const json& offers) {
    std::map<std::string, Group> byVariant;
    if (!offers.is_array()) return json::array();
    for (const json& offer : offers) {
        const std::string variant = offer.value("variant", std::string());
        if (variant.empty()) continue;
        Group& g = byVariant[variant];
        g.buyers += offer.value("buyers", int64_t{0});
        g.trials += offer.value("click_uv", int64_t{0});
        ++g.members;
    }
    return compareGroups(byVariant, "offer variant (buyers ÷ clickers during the sale)", "offers", "uv");
}

json abTests(Database& db, const Session& session, const MetricsSummary& current,
             const ReportOptions& options) {
    std::map<std::string, Group> byVariant;
    if (!session.variant.empty()) {
        Group& g = byVariant[session.variant];
        g.buyers += current.buyers;
        g.trials += current.uv;
        ++g.members;
    }
    ReportOptions all = options;
    all.comparisonLimit = 1000; // every session of the group takes part in the test
    for (const Session& other : earlierSessions(db, session, all)) {
        if (other.variant.empty()) continue;
        const SessionTotals t = sessionTotals(db, other);
        Group& g = byVariant[other.variant];
        g.buyers += t.buyers;
        g.trials += t.uv;
        ++g.members;
    }
    return compareGroups(byVariant, "session variant", "sessions", "uv");
}

} // namespace hawker::studio
