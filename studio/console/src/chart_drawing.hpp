#pragma once
// Charts drawn with ImDrawList: a line over time with on-air bands, and
// funnel bars. Shared by the live dashboard and the review.

#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

namespace hawker::studio::console {

struct ChartBand {
    double fromSeconds = 0, toSeconds = 0;
    std::string label;
    bool offer = false; ///< flash sale (orange) rather than a product card (blue)
};

/// Something that went wrong at `seconds` (an output reconnecting, a source lost, …): a red marker.
struct ChartIncident {
    double seconds = 0;
    std::string text;
};

struct LineChart {
    std::string title;
    std::vector<float> values; ///< evenly spaced samples
    double secondsPerSample = 1;
    std::vector<ChartBand> bands;
    std::vector<ChartIncident> incidents;
    std::string unit;     ///< "¥": money, written as the tiles write it; anything else follows the figure
    float valueScale = 1; ///< values are divided by this for the labels (cents -> yuan: 100)
    ImU32 color = IM_COL32(90, 200, 250, 255);
};

/// Draws `chart` into a region `size` big (width -1: the available width).
void drawLineChart(const LineChart& chart, ImVec2 size);

struct FunnelStep {
    std::string label;
    double value = 0;
    std::optional<double> ofPrevious; ///< the share of the step before, as the funnel rule gives it
    std::string notComparable;        ///< why there is none: drawn as "n/c" with the reason on hover
};
/// Horizontal bars, each as long as its share of the first step, with the
/// step-to-step rate written beside it.
void drawFunnel(const std::vector<FunnelStep>& steps, float width);

/// Colours of red/amber/green target status ("red", "amber", "green", else grey).
ImU32 statusColor(const std::string& status);

} // namespace hawker::studio::console
