// The minute-by-minute charts: reads the per-minute figures and the on-air log from the report and hands
// chart_svg typed points and intervals.

#include "report_sections.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chart_svg.hpp"
#include "incidents.hpp"
#include "report_fields.hpp"
#include "report_format.hpp"
#include "section_frame.hpp"

namespace hawker::studio::report_html {

namespace {

std::vector<OnAirInterval> intervalsOf(const json& list, const char* labelKey, double domainMin,
                                       const std::map<std::string, std::string>& names) {
    std::vector<OnAirInterval> intervals;
    for (const json& entry : asList(list)) {
        const std::optional<double> start = numberAt(entry, "start_offset_ms");
        if (!start) continue;
        // An interval still open when the report was made runs to the end of the chart.
        const double end = numberOr(entry, "end_offset_ms", domainMin * 60'000.0);
        const std::string label = textAt(entry, labelKey);
        std::string tooltip = label;
        if (const auto it = names.find(label); it != names.end() && !it->second.empty())
            tooltip += " " + it->second;
        tooltip += " · " + formatClock(*start / 1000.0) + "–" + formatClock(end / 1000.0);
        const double from = std::clamp(*start / 60'000.0, 0.0, domainMin);
        const double to = std::clamp(end / 60'000.0, 0.0, domainMin);
        // Zero-length intervals stay: a scene cut is only its start, and a card flashed for a moment was on
        // air.
        if (to >= from && from < domainMin) intervals.push_back({from, to, label, tooltip});
    }
    std::sort(intervals.begin(), intervals.end(),
              [](const OnAirInterval& a, const OnAirInterval& b) { return a.startMin < b.startMin; });
    return intervals;
}

std::vector<ChartIncident> incidentsOf(const json& list, double domainMin) {
    std::vector<ChartIncident> incidents;
    for (const json& entry : asList(list)) {
        const std::optional<double> at = numberAt(entry, "offset_ms");
        if (!at || *at < 0 || *at / 60'000.0 > domainMin) continue;
        incidents.push_back(
            {*at / 60'000.0, textAt(entry, "kind"), formatClock(*at / 1000.0) + " " + incidentLine(entry)});
    }
    return incidents;
}

std::vector<ChartPoint> pointsOf(const json& perMinute, const char* series) {
    std::vector<ChartPoint> points;
    for (size_t i = 0; i < perMinute.size(); ++i) {
        const json& entry = perMinute[i];
        const json& value = memberOf(entry, series);
        const std::optional<double> number = numberOf(value);
        if (!number) continue;
        points.push_back({numberOr(entry, "minute", static_cast<double>(i)), *number, dataValue(value)});
    }
    return points;
}

} // namespace

void renderCharts(std::string& out, const json& report) {
    const json& perMinute = listAt(report, "per_minute");
    if (!memberOf(report, "per_minute").is_array()) return;
    openSection(out, "charts", {"Minute by minute", "分钟趋势"});
    if (perMinute.empty()) {
        emptyNote(out, tr("report.no_minutes"));
        closeSection(out);
        return;
    }
    double domainMin = 1;
    for (size_t i = 0; i < perMinute.size(); ++i)
        domainMin = std::max(domainMin, numberOr(perMinute[i], "minute", static_cast<double>(i)) + 1);
    // A chart wider than a day is a data error; keep the SVG bounded rather than drawing it.
    domainMin = std::min(domainMin, 100'000.0);

    const json& onAirJson = memberOf(report, "onair");
    const std::map<std::string, std::string> names = productNames(memberOf(report, "products"));
    const std::map<std::string, std::string> noNames;
    const OnAir onAir{intervalsOf(memberOf(onAirJson, "cards"), "sku", domainMin, names),
                      intervalsOf(memberOf(onAirJson, "offers"), "id", domainMin, noNames),
                      intervalsOf(memberOf(onAirJson, "scenes"), "scene", domainMin, noNames),
                      incidentsOf(memberOf(report, "incidents"), domainMin)};

    // The subtitles follow the language, so the table is made for each report.
    const ChartSpec charts[] = {
        {"viewers_end", "Viewers present", "在线人数", tr("report.chart_viewers_sub"), true, Unit::Count,
         "#2f6fdb"},
        {"gmv_cents", "GMV", "每分钟成交额", tr("report.chart_gmv_sub"), false, Unit::Money, "#d9480f"},
        {"comments", "Comments", "每分钟评论", tr("report.chart_comments_sub"), false, Unit::Count,
         "#7c4dcc"},
    };
    for (const ChartSpec& spec : charts)
        renderChart(out, spec, pointsOf(perMinute, spec.series), onAir, domainMin);
    closeSection(out);
}

} // namespace hawker::studio::report_html
