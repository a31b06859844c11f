// The trend page: small multiples, one small chart per figure across the sessions of the range, then one
// per product. Each point is a session, oldest on the left; hovering a point names the session.

#include "hawker/studio/report/session_trend.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "html_escape.hpp"
#include "report_fields.hpp"
#include "report_format.hpp"
#include "report_style.hpp"

namespace hawker::studio {

using namespace report_html;

namespace {

struct TrendPoint {
    std::optional<double> value;
    std::string label; ///< "#12 2026-12-04 20:00 UTC"
};

/// One small chart: a line through the sessions' values, the first and last value written under it.
void smallMultiple(std::string& out, const std::string& title, const char* unitKey,
                   const std::vector<TrendPoint>& points) {
    constexpr double kWidth = 300, kHeight = 110, kPad = 12;
    double lo = 0, hi = 0;
    bool any = false;
    for (const TrendPoint& p : points)
        if (p.value) {
            lo = any ? std::min(lo, *p.value) : *p.value;
            hi = any ? std::max(hi, *p.value) : *p.value;
            any = true;
        }
    lo = std::min(lo, 0.0);
    if (hi <= lo) hi = lo + 1;
    const double step = points.size() > 1 ? (kWidth - 2 * kPad) / static_cast<double>(points.size() - 1) : 0;
    auto x = [&](size_t i) { return points.size() > 1 ? kPad + step * static_cast<double>(i) : kWidth / 2; };
    auto y = [&](double v) { return kHeight - kPad - (v - lo) / (hi - lo) * (kHeight - 2 * kPad); };
    out += "<figure class=\"multiple\" data-metric=\"" + escape(unitKey) + "\"><figcaption>" + escape(title) +
           "</figcaption>\n";
    out += format("<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\">", kWidth, kHeight);
    std::string path;
    for (size_t i = 0; i < points.size(); ++i)
        if (points[i].value) path += format("%.1f,%.1f ", x(i), y(*points[i].value));
    if (!path.empty()) out += "<polyline class=\"trend-line\" points=\"" + path + "\"/>";
    for (size_t i = 0; i < points.size(); ++i) {
        if (!points[i].value) continue;
        out += format("<circle class=\"trend-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" data-value=\"%s\">",
                      x(i), y(*points[i].value), shortest(*points[i].value).c_str()) +
               "<title>" + escape(points[i].label) + ": " + formatValue(unitOf(unitKey), points[i].value) +
               "</title></circle>";
    }
    out += "</svg>\n<div class=\"multiple-figures\">";
    const auto first =
        std::find_if(points.begin(), points.end(), [](const TrendPoint& p) { return p.value; });
    const auto last =
        std::find_if(points.rbegin(), points.rend(), [](const TrendPoint& p) { return p.value; });
    if (first != points.end())
        out += "<span>" + formatValue(unitOf(unitKey), first->value) + "</span> → <span class=\"last\">" +
               formatValue(unitOf(unitKey), last->value) + "</span>";
    else
        out += kMissing;
    out += "</div></figure>\n";
}

/// Totals of the range's sessions grouped by one key (title, tag or host), one row per group; its ratios
/// are from the group's summed parts.
void groupTable(std::string& out, const std::string& heading, const char* key, const json& groups) {
    if (groups.empty()) return;
    out += "<h3>" + heading + "</h3>\n<table class=\"data\" data-group=\"" + escape(key) +
           "\">\n<thead><tr><th>" + escape(key) +
           "</th><th class=\"num\">Sessions 场次</th><th class=\"num\">GMV 成交额</th><th class=\"num\">UV "
           "场观</th><th class=\"num\">Conversion 转化率</th><th class=\"num\">GPM</th><th "
           "class=\"num\">Units 件数</th></tr></thead>\n<tbody>\n";
    for (const json& g : groups)
        out += "<tr><td>" + escape(textAt(g, key)) + "</td><td class=\"num\">" + textAt(g, "sessions") +
               "</td><td class=\"num\">" + formatValue(unitOf("gmv_cents"), numberAt(g, "gmv_cents")) +
               "</td><td class=\"num\">" + formatValue(unitOf("uv"), numberAt(g, "uv")) +
               "</td><td class=\"num\">" +
               formatValue(unitOf("conversion_rate"), numberAt(g, "conversion_rate")) +
               "</td><td class=\"num\">" + formatValue(unitOf("gpm_cents"), numberAt(g, "gpm_cents")) +
               "</td><td class=\"num\">" + formatValue(unitOf("units"), numberAt(g, "units")) +
               "</td></tr>\n";
    out += "</tbody></table>\n";
}

} // namespace

std::string renderTrendHtml(const json& trend) {
    const json& sessions = listAt(trend, "sessions");
    std::string out = std::string("<!DOCTYPE html>\n<html lang=\"") +
                      i18n::languageCode(i18n::currentLanguage()) +
                      "\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<title>Hawker trend · 趋势</title>\n<style>\n";
    out += reportStyle();
    out += "</style>\n</head>\n<body>\n<main>\n<section id=\"trend\">\n<header class=\"session\"><div "
           "class=\"eyebrow\">Hawker · Trend across sessions 多场趋势</div>\n<h1>";
    std::string scope;
    if (const std::string title = textAt(trend, "title"); !title.empty()) scope += title;
    for (const char* key : {"tag", "host", "sku"})
        if (const std::string value = textAt(trend, key); !value.empty())
            scope += (scope.empty() ? "" : " · ") + value;
    out += escape(scope.empty() ? std::string("Every session 全部场次") : scope) + "</h1>\n";
    out += std::string("<dl class=\"meta\"><div><dt>") + i18n::tr("report.trend_range") + "</dt><dd>" +
           formatUtc(numberAt(trend, "since_utc_ms")) + " – " + formatUtc(numberAt(trend, "until_utc_ms")) +
           "</dd></div><div><dt>" + i18n::tr("report.trend_sessions") + "</dt><dd>" +
           std::to_string(sessions.size()) + "</dd></div></dl>\n</header>\n";
    if (sessions.empty()) {
        out += std::string("<p class=\"empty\">") + i18n::tr("report.trend_none") + "</p>\n";
    } else {
        std::vector<std::string> labels;
        for (const json& s : sessions)
            labels.push_back("#" + textAt(s, "id") + " " + textAt(s, "title") + " " +
                             formatUtc(numberAt(s, "start_utc_ms")));
        auto series = [&](const char* key) {
            std::vector<TrendPoint> points;
            for (size_t i = 0; i < sessions.size(); ++i)
                points.push_back({numberAt(sessions[i], key), labels[i]});
            return points;
        };
        out += "<h2>Per session <span class=\"zh\">每场</span></h2>\n<div class=\"multiples\">\n";
        smallMultiple(out, "GMV 成交额", "gmv_cents", series("gmv_cents"));
        smallMultiple(out, "Viewers UV 场观人数", "uv", series("uv"));
        smallMultiple(out, "Conversion 转化率", "conversion_rate", series("conversion_rate"));
        smallMultiple(out, "GPM 千次观看成交额", "gpm_cents", series("gpm_cents"));
        smallMultiple(out, "Units 件数", "units", series("units"));
        out += "</div>\n";
        out += "<h2>Totals <span class=\"zh\">汇总</span></h2>\n";
        groupTable(out, "By title 按标题", "title", listAt(trend, "by_title"));
        groupTable(out, "By tag 按标签", "tag", listAt(trend, "by_tag"));
        groupTable(out, "By host 按主播", "host", listAt(trend, "by_host"));
        const json& products = listAt(trend, "products");
        if (!products.empty()) {
            out +=
                "<h2>Units per product <span class=\"zh\">单品件数</span></h2>\n<div class=\"multiples\">\n";
            for (const json& product : products) {
                std::vector<TrendPoint> points(sessions.size());
                for (size_t i = 0; i < sessions.size(); ++i)
                    points[i].label = labels[i];
                for (const json& s : listAt(product, "sessions"))
                    for (size_t i = 0; i < sessions.size(); ++i)
                        if (numberAt(sessions[i], "id") == numberAt(s, "id"))
                            points[i].value = numberAt(s, "units");
                const std::string name = textAt(product, "name");
                smallMultiple(out,
                              (name.empty() ? textAt(product, "sku") : name + " " + textAt(product, "sku")),
                              "units", points);
            }
            out += "</div>\n";
        }
    }
    out += std::string("</section>\n<footer>") + i18n::tr("report.trend_footer") +
           "</footer>\n</main>\n</body>\n</html>\n";
    return out;
}

} // namespace hawker::studio
