#pragma once
// One minute-by-minute chart of the report as inline SVG: a series drawn as a line or as bars, over lanes and
// bands showing which product card and which offer were on air, and dashed lines at the scene cuts. Plain
// SVG in a fixed 1100-wide viewBox that the page scales to its width. Takes typed points and intervals, not
// the report's JSON: the charts section reads the report, this draws.

#include <string>
#include <vector>

#include "report_format.hpp"

namespace hawker::studio::report_html {

/// Something on air from `startMin` to `endMin`, in minutes from the start, already clamped to the chart.
struct OnAirInterval {
    double startMin;
    double endMin;
    std::string label;
    std::string tooltip;
};

/// Something that went wrong (an output reconnecting, a source lost, …) at `minute` from the start.
struct ChartIncident {
    double minute;
    std::string kind; ///< output, source, database, connector, webhook, resume
    std::string tooltip;
};

/// What was on air: product cards and offers as lanes above the data, scenes as cuts at their start,
/// and the incidents as red markers. Each list sorted by start.
struct OnAir {
    std::vector<OnAirInterval> cards;
    std::vector<OnAirInterval> offers;
    std::vector<OnAirInterval> scenes;
    std::vector<ChartIncident> incidents;
};

/// One minute's value; `raw` is the value exactly as the report had it, written into the SVG's data-value.
struct ChartPoint {
    double minute;
    double value;
    std::string raw;
};

/// Which series a chart shows and how.
struct ChartSpec {
    const char* series;   ///< the per-minute key, also the SVG's data-series
    const char* title;    ///< English title, also the legend's label
    const char* zh;       ///< Chinese title
    const char* subtitle; ///< what a value means ("at the end of each minute", ...)
    bool line;            ///< a line of head counts, else one bar per minute
    Unit unit;
    const char* color;
};

/// Appends a <figure> with the chart of `points` over `onAir`, minutes 0 to `domainMin` on the time axis
/// (`domainMin` > 0).
void renderChart(std::string& out, const ChartSpec& spec, const std::vector<ChartPoint>& points,
                 const OnAir& onAir, double domainMin);

} // namespace hawker::studio::report_html
