#include "chart_drawing.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>

#include "ui_format.hpp"

namespace hawker::studio::console {

namespace {

constexpr ImU32 kCardBand = IM_COL32(70, 130, 230, 55);
constexpr ImU32 kCardLabel = IM_COL32(140, 180, 255, 255);
constexpr ImU32 kOfferBand = IM_COL32(245, 150, 40, 65);
constexpr ImU32 kOfferLabel = IM_COL32(255, 185, 90, 255);
constexpr ImU32 kAxisText = IM_COL32(170, 175, 185, 255);
constexpr ImU32 kGridLine = IM_COL32(255, 255, 255, 28);
constexpr ImU32 kFunnelBar = IM_COL32(70, 150, 230, 255);
constexpr ImU32 kFunnelTrack = IM_COL32(255, 255, 255, 18);
constexpr ImU32 kBarText = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kIncident = IM_COL32(235, 70, 70, 230);       // red, as the HTML report draws incidents
constexpr ImU32 kNotComparable = IM_COL32(240, 170, 40, 255); // amber, as a figure to read with care

/// A value as the axis shows it, scaled by the chart's valueScale. Money ("¥", the values in cents scaled to
/// yuan) is written compact: whole yuan from ¥100, with the fen below, since "¥0" for a ¥0.40 UV value would
/// be misleading. Anything else is grouped, with a decimal only below 100, and its unit after it.
std::string formatValue(double raw, const std::string& unit, float scale) {
    const double value = scale != 0 ? raw / scale : raw;
    if (unit == "¥") return formatYuanCompact(value * 100.0);
    const std::string number = formatNumber(value, std::fabs(value) < 100 ? 1 : 0);
    return unit.empty() ? number : number + " " + unit;
}

/// A tick spacing that leaves room for each label.
double tickStep(double spanSeconds, float widthPixels, float labelPixels) {
    static const double kSteps[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200};
    const double fitting =
        std::max(1.0, std::floor(static_cast<double>(widthPixels / std::max(1.0f, labelPixels * 1.8f))));
    for (double step : kSteps)
        if (spanSeconds / step <= fitting) return step;
    return kSteps[std::size(kSteps) - 1];
}

void drawBands(ImDrawList* draw, const LineChart& chart, ImVec2 plotMin, ImVec2 plotMax, double span) {
    const float width = plotMax.x - plotMin.x;
    for (const ChartBand& band : chart.bands) {
        const double from = std::clamp(band.fromSeconds, 0.0, span);
        const double to = std::clamp(band.toSeconds, 0.0, span);
        if (to <= from) continue;
        const float x0 = plotMin.x + static_cast<float>(from / span) * width;
        // A band shorter than a pixel is still worth seeing.
        const float x1 = std::max(x0 + 1.0f, plotMin.x + static_cast<float>(to / span) * width);
        draw->AddRectFilled(ImVec2(x0, plotMin.y), ImVec2(x1, plotMax.y),
                            band.offer ? kOfferBand : kCardBand);
        draw->PushClipRect(ImVec2(x0, plotMin.y), ImVec2(x1, plotMax.y), true);
        // Offers on a second line: a flash sale usually runs while a card is up.
        const float labelY = plotMin.y + 1 + (band.offer ? ImGui::GetTextLineHeight() : 0);
        draw->AddText(ImVec2(x0 + 2, labelY), band.offer ? kOfferLabel : kCardLabel, band.label.c_str());
        draw->PopClipRect();
    }
}

/// Screen points of the line. Past two samples per pixel only each column's
/// lowest and highest are kept: a three-hour show is 10,800 samples and a
/// one-second spike must not vanish between pixels.
std::vector<ImVec2> linePoints(const std::vector<float>& values, ImVec2 plotMin, ImVec2 plotMax, double lo,
                               double hi) {
    const float width = plotMax.x - plotMin.x, height = plotMax.y - plotMin.y;
    auto yOf = [&](float v) {
        const double t = hi > lo ? (static_cast<double>(v) - lo) / (hi - lo) : 0.5;
        return plotMax.y - static_cast<float>(t) * height;
    };
    std::vector<ImVec2> points;
    const size_t n = values.size();
    if (n == 1) {
        points.push_back({plotMin.x, yOf(values[0])});
        return points;
    }
    const size_t columns = std::max<size_t>(1, static_cast<size_t>(width));
    if (n <= 2 * columns) {
        points.reserve(n);
        for (size_t i = 0; i < n; ++i)
            points.push_back(
                {plotMin.x + width * static_cast<float>(i) / static_cast<float>(n - 1), yOf(values[i])});
        return points;
    }
    points.reserve(2 * columns);
    const size_t lastColumn = std::max<size_t>(1, columns - 1);
    for (size_t c = 0; c < columns; ++c) {
        const size_t first = c * n / columns, last = std::max(first + 1, (c + 1) * n / columns);
        const auto [low, high] = std::minmax_element(values.begin() + static_cast<std::ptrdiff_t>(first),
                                                     values.begin() + static_cast<std::ptrdiff_t>(last));
        const float x = plotMin.x + width * static_cast<float>(c) / static_cast<float>(lastColumn);
        // Keep the order in time, so the line does not zig-zag backwards.
        if (low < high) {
            points.push_back({x, yOf(*low)});
            points.push_back({x, yOf(*high)});
        } else {
            points.push_back({x, yOf(*high)});
            points.push_back({x, yOf(*low)});
        }
    }
    return points;
}

} // namespace

void drawLineChart(const LineChart& chart, ImVec2 size) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float lineHeight = ImGui::GetTextLineHeight();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float width = std::max(size.x > 0 ? size.x : avail.x, 40.0f);
    const float height = std::max(size.y > 0 ? size.y : lineHeight * 9, lineHeight * 4);

    ImGui::PushID(chart.title.c_str());
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##chart", ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 end(origin.x + width, origin.y + height);
    draw->AddRectFilled(origin, end, ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);
    draw->PushClipRect(origin, end, true);

    const std::vector<float>& values = chart.values;
    const size_t n = values.size();
    const float pad = style.FramePadding.x;
    draw->AddText(ImVec2(origin.x + pad, origin.y + 2), ImGui::GetColorU32(ImGuiCol_Text),
                  chart.title.c_str());

    double lo = 0, hi = 0;
    if (n > 0) {
        const auto [low, high] = std::minmax_element(values.begin(), values.end());
        lo = *low;
        hi = *high;
    }
    const std::string maxLabel = formatValue(hi, chart.unit, chart.valueScale);
    const std::string minLabel = formatValue(lo, chart.unit, chart.valueScale);
    const float axisWidth =
        std::max(ImGui::CalcTextSize(maxLabel.c_str()).x, ImGui::CalcTextSize(minLabel.c_str()).x) + 2 * pad;
    const ImVec2 plotMin(origin.x + axisWidth, origin.y + lineHeight + 4);
    const ImVec2 plotMax(end.x - pad, end.y - lineHeight - 4);

    if (n == 0 || plotMax.x - plotMin.x < 4 || plotMax.y - plotMin.y < 4) {
        const char* empty = tr("chart.no_data");
        const ImVec2 textSize = ImGui::CalcTextSize(empty);
        draw->AddText(ImVec2(origin.x + (width - textSize.x) / 2, origin.y + (height - textSize.y) / 2),
                      ImGui::GetColorU32(ImGuiCol_TextDisabled), empty);
        draw->PopClipRect();
        return;
    }

    // One sample spans one sample's time, so a lone first second still has a width to sit in.
    const double sampleSeconds = chart.secondsPerSample > 0 ? chart.secondsPerSample : 1.0;
    const double span = static_cast<double>(n > 1 ? n - 1 : 1) * sampleSeconds;
    const float plotWidth = plotMax.x - plotMin.x;
    // A flat line sits mid-height rather than on an axis; its min and max say it is flat.
    const double drawLo = hi > lo ? lo : lo - 1, drawHi = hi > lo ? hi : hi + 1;

    draw->AddLine(ImVec2(plotMin.x, plotMin.y), ImVec2(plotMax.x, plotMin.y), kGridLine);
    draw->AddLine(ImVec2(plotMin.x, plotMax.y), ImVec2(plotMax.x, plotMax.y), kGridLine);
    drawBands(draw, chart, plotMin, plotMax, span);
    for (const ChartIncident& incident : chart.incidents) {
        if (incident.seconds < 0 || incident.seconds > span) continue;
        const float ix = plotMin.x + static_cast<float>(incident.seconds / span) * plotWidth;
        draw->AddLine(ImVec2(ix, plotMin.y), ImVec2(ix, plotMax.y), kIncident, 1.5f);
        draw->AddTriangleFilled(ImVec2(ix - 5, plotMin.y), ImVec2(ix + 5, plotMin.y),
                                ImVec2(ix, plotMin.y + 8), kIncident);
    }

    const std::vector<ImVec2> points = linePoints(values, plotMin, plotMax, drawLo, drawHi);
    if (points.size() >= 2)
        draw->AddPolyline(points.data(), static_cast<int>(points.size()), chart.color, 0, 1.5f);
    draw->AddCircleFilled(points.back(), 2.5f, chart.color);

    // Figures: max at the top of the plot, min at its foot, the latest in the title row.
    draw->AddText(ImVec2(origin.x + pad, plotMin.y), kAxisText, maxLabel.c_str());
    draw->AddText(ImVec2(origin.x + pad, plotMax.y - lineHeight), kAxisText, minLabel.c_str());
    const std::string lastLabel =
        trf("chart.now", {{"value", formatValue(values.back(), chart.unit, chart.valueScale)}});
    const float lastWidth = ImGui::CalcTextSize(lastLabel.c_str()).x;
    draw->AddText(ImVec2(end.x - pad - lastWidth, origin.y + 2), chart.color, lastLabel.c_str());

    // Time axis.
    const float tickLabelWidth = ImGui::CalcTextSize(formatClock(span).c_str()).x;
    const double step = tickStep(span, plotWidth, tickLabelWidth);
    for (double t = 0; t <= span + 1e-9; t += step) {
        const float x = plotMin.x + static_cast<float>(t / span) * plotWidth;
        draw->AddLine(ImVec2(x, plotMax.y), ImVec2(x, plotMax.y + 3), kAxisText);
        const std::string label = formatClock(t);
        const float labelWidth = ImGui::CalcTextSize(label.c_str()).x;
        // Centred on its tick, but never cut off at either end.
        const float labelX =
            std::max(plotMin.x - axisWidth / 2, std::min(x - labelWidth / 2, end.x - pad - labelWidth));
        draw->AddText(ImVec2(labelX, plotMax.y + 3), kAxisText, label.c_str());
    }

    draw->PopClipRect();

    if (!hovered) return;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (mouse.x < plotMin.x - 2 || mouse.x > plotMax.x + 2) return;
    size_t index = n - 1;
    if (n > 1) {
        const double fraction = std::clamp((mouse.x - plotMin.x) / plotWidth, 0.0f, 1.0f);
        index = static_cast<size_t>(std::lround(fraction * static_cast<double>(n - 1)));
    }
    const double programSeconds = static_cast<double>(index) * sampleSeconds;
    const float x = plotMin.x + static_cast<float>(programSeconds / span) * plotWidth;
    const double t = (static_cast<double>(values[index]) - drawLo) / (drawHi - drawLo);
    const float y = plotMax.y - static_cast<float>(t) * (plotMax.y - plotMin.y);
    draw->AddLine(ImVec2(x, plotMin.y), ImVec2(x, plotMax.y), IM_COL32(255, 255, 255, 90));
    draw->AddCircle(ImVec2(x, y), 4.0f, chart.color);

    ImGui::BeginTooltip();
    ImGui::Text("%s  %s", formatClock(programSeconds).c_str(),
                formatValue(values[index], chart.unit, chart.valueScale).c_str());
    for (const ChartBand& band : chart.bands)
        if (programSeconds >= band.fromSeconds && programSeconds <= band.toSeconds)
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(band.offer ? kOfferLabel : kCardLabel), "%s %s",
                               band.offer ? tr("chart.flash_sale") : tr("chart.card"), band.label.c_str());
    // The incidents within one sample of the pointer: what went wrong about then.
    for (const ChartIncident& incident : chart.incidents)
        if (std::fabs(incident.seconds - programSeconds) <= sampleSeconds)
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kIncident), "%s %s",
                               formatClock(incident.seconds).c_str(), incident.text.c_str());
    ImGui::EndTooltip();
}

void drawFunnel(const std::vector<FunnelStep>& steps, float width) {
    if (steps.empty()) return;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float lineHeight = ImGui::GetTextLineHeight();
    const float rowHeight = lineHeight + 2 * style.FramePadding.y;
    const float fullWidth = std::max(width > 0 ? width : ImGui::GetContentRegionAvail().x, 80.0f);

    float labelWidth = 0;
    for (const FunnelStep& step : steps)
        labelWidth = std::max(labelWidth, ImGui::CalcTextSize(step.label.c_str()).x);
    labelWidth += style.ItemSpacing.x;
    const float rateWidth = ImGui::CalcTextSize("100.0%").x + style.ItemSpacing.x;
    const float barWidth = std::max(10.0f, fullWidth - labelWidth - rateWidth);
    const float height = rowHeight * static_cast<float>(steps.size()) +
                         style.ItemSpacing.y * static_cast<float>(steps.size() - 1);

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(fullWidth, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const double first = steps.front().value;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool hovered = ImGui::IsItemHovered();

    for (size_t i = 0; i < steps.size(); ++i) {
        const FunnelStep& step = steps[i];
        const float top = origin.y + static_cast<float>(i) * (rowHeight + style.ItemSpacing.y);
        const float textY = top + style.FramePadding.y;
        draw->AddText(ImVec2(origin.x, textY), text, step.label.c_str());

        const ImVec2 barMin(origin.x + labelWidth, top);
        const ImVec2 trackMax(barMin.x + barWidth, top + rowHeight);
        draw->AddRectFilled(barMin, trackMax, kFunnelTrack, style.FrameRounding);
        const double share = first > 0 ? std::clamp(step.value / first, 0.0, 1.0) : 0.0;
        const float length = static_cast<float>(share) * barWidth;
        if (length > 0)
            draw->AddRectFilled(barMin, ImVec2(barMin.x + std::max(length, 2.0f), trackMax.y), kFunnelBar,
                                style.FrameRounding);

        const std::string figure = formatValue(step.value, "", 1);
        const float figureWidth = ImGui::CalcTextSize(figure.c_str()).x;
        // Inside the bar while it is long enough, just past its end otherwise.
        const bool inside = length > figureWidth + 2 * style.FramePadding.x;
        const float figureX =
            inside ? barMin.x + style.FramePadding.x : barMin.x + length + style.FramePadding.x;
        draw->AddText(ImVec2(figureX, textY), inside ? kBarText : text, figure.c_str());

        if (i > 0) {
            const bool comparable = step.notComparable.empty();
            const std::string rate = !comparable       ? std::string(tr("chart.not_comparable"))
                                     : step.ofPrevious ? formatPercent(*step.ofPrevious, 1)
                                                       : std::string(kMissing);
            draw->AddText(ImVec2(trackMax.x + style.ItemSpacing.x, textY),
                          comparable ? ImGui::GetColorU32(ImGuiCol_TextDisabled) : kNotComparable,
                          rate.c_str());
        }

        if (hovered && mouse.y >= top && mouse.y < top + rowHeight) {
            ImGui::BeginTooltip();
            ImGui::Text("%s: %s", step.label.c_str(), figure.c_str());
            if (!step.notComparable.empty())
                ImGui::TextUnformatted(step.notComparable.c_str());
            else if (first > 0 && i > 0)
                ImGui::TextUnformatted(trf("chart.share_of", {{"share", formatPercent(share, 1)},
                                                              {"first", steps.front().label}})
                                           .c_str());
            ImGui::EndTooltip();
        }
    }
}

ImU32 statusColor(const std::string& status) {
    if (status == "red") return IM_COL32(220, 60, 60, 255);
    if (status == "amber") return IM_COL32(240, 170, 40, 255);
    if (status == "green") return IM_COL32(60, 180, 90, 255);
    return IM_COL32(110, 114, 122, 255);
}

} // namespace hawker::studio::console
