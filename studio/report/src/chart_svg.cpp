#include "chart_svg.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string_view>

#include "hawker/studio/base/translations.hpp"
#include "html_escape.hpp"

namespace hawker::studio::report_html {

namespace {

// Estimated, since there is no font metrics here: CJK glyphs are about 1 em wide, Latin about 0.58 em.
double textWidth(std::string_view text, double fontSize) {
    double width = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80)
            width += 0.58;
        else if (c >= 0xC0)
            width += c >= 0xE0 ? 1.0 : 0.6;
    }
    return width * fontSize;
}

double niceStep(double range, int targetTicks) {
    const double rough = range / targetTicks;
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    const double fraction = rough / power;
    const double nice = fraction <= 1     ? 1
                        : fraction <= 2   ? 2
                        : fraction <= 2.5 ? 2.5
                        : fraction <= 5   ? 5
                                          : 10;
    return nice * power;
}

std::string axisLabel(Unit unit, double value) {
    double shown = unit == Unit::Money ? value / 100.0 : value;
    const std::string prefix = unit == Unit::Money ? "¥" : "";
    const double absolute = std::fabs(shown);
    if (absolute >= 1e8) return prefix + formatNumber(shown / 1e8, 1) + "亿";
    if (absolute >= 1e6) return prefix + formatNumber(shown / 1e4, 1) + "万";
    return prefix + formatNumber(shown, 1);
}

std::string seriesTooltip(const ChartSpec& spec, const ChartPoint& point) {
    const std::string value = spec.unit == Unit::Money ? formatYuan(point.value) : formatNumber(point.value);
    return std::string("minute ") + formatNumber(point.minute) + " · " + value;
}

} // namespace

void renderChart(std::string& out, const ChartSpec& spec, const std::vector<ChartPoint>& points,
                 const OnAir& onAir, double domainMin) {
    const double width = 1100;
    const double height = 300;
    const double left = 74;
    const double right = width - 18;
    const double top = 52;
    const double bottom = height - 66;
    const auto x = [&](double minute) { return left + (right - left) * minute / domainMin; };

    double lowest = 0;
    double highest = 0;
    for (const ChartPoint& point : points) {
        lowest = std::min(lowest, point.value);
        highest = std::max(highest, point.value);
    }
    if (highest - lowest <= 0) highest = lowest + (spec.unit == Unit::Money ? 100 : 1);
    double step = niceStep(highest - lowest, 4);
    if (spec.unit != Unit::Money)
        step = std::max(step, 1.0);
    else
        step = std::max(step, 100.0);
    const double axisMin = std::floor(lowest / step) * step;
    const double axisMax = std::ceil(highest / step) * step;
    const auto y = [&](double value) {
        return bottom - (bottom - top) * (value - axisMin) / (axisMax - axisMin);
    };

    out += "<figure class=\"chart-block\">\n<figcaption><strong>" + std::string(spec.title) +
           "</strong> <span class=\"zh\">" + spec.zh + "</span> <span class=\"muted\">" + spec.subtitle +
           "</span></figcaption>\n";
    out +=
        format("<svg class=\"chart\" data-series=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
               "%.0f %.0f\" role=\"img\" aria-label=\"%s per minute\">\n",
               spec.series, width, height, spec.title);

    // The on-air lanes and bands go first so that the data is drawn over them.
    const auto lane = [&](const std::vector<OnAirInterval>& intervals, double laneTop, const char* name,
                          const char* cls) {
        out += format("<text class=\"lane-name\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                      left - 8, laneTop + 11, name);
        out += format("<rect class=\"lane-bg\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"15\"/>\n", left,
                      laneTop, right - left);
        for (const OnAirInterval& interval : intervals) {
            const double x0 = x(interval.startMin);
            const double w = std::max(1.5, x(interval.endMin) - x0);
            out += format("<rect class=\"band %s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
                          cls, x0, top, w, bottom - top);
            out += "<title>" + escape(interval.tooltip) + "</title></rect>\n";
            out +=
                format("<rect class=\"lane %s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"15\" rx=\"2\">",
                       cls, x0, laneTop, w);
            out += "<title>" + escape(interval.tooltip) + "</title></rect>\n";
            if (textWidth(interval.label, 10) + 6 <= w)
                out += format("<text class=\"lane-label %s\" x=\"%.1f\" y=\"%.1f\">", cls, x0 + 3,
                              laneTop + 11) +
                       escape(interval.label) + "</text>\n";
        }
    };
    lane(onAir.cards, 8, "cards 讲解卡", "card");
    lane(onAir.offers, 27, "offers 秒杀", "offer");

    // Grid and value axis.
    for (double tick = axisMin; tick <= axisMax + step * 0.01; tick += step) {
        out += format("<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>\n", left, right,
                      y(tick), y(tick));
        out +=
            format("<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left - 8, y(tick) + 4) +
            axisLabel(spec.unit, tick) + "</text>\n";
    }

    // Scene cuts, labelled where there is room before the next one.
    for (size_t i = 0; i < onAir.scenes.size(); ++i) {
        const OnAirInterval& scene = onAir.scenes[i];
        const double sx = x(scene.startMin);
        if (scene.startMin > 0)
            out += format("<line class=\"cut\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\">", sx, sx, top,
                          bottom) +
                   "<title>cut to " + escape(scene.tooltip) + "</title></line>\n";
        const double next = i + 1 < onAir.scenes.size() ? x(onAir.scenes[i + 1].startMin) : right;
        if (textWidth(scene.label, 10) + 8 <= next - sx)
            out += format("<text class=\"cut-label\" x=\"%.1f\" y=\"%.1f\">", sx + 4, top + 12) +
                   escape(scene.label) + "</text>\n";
    }

    // Time axis: a tick step that keeps the labels from running into each other.
    static const double steps[] = {1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440};
    double minuteStep = steps[std::size(steps) - 1];
    for (double candidate : steps) {
        if (domainMin / candidate <= 14) {
            minuteStep = candidate;
            break;
        }
    }
    out += format("<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>\n", left, right,
                  y(std::max(axisMin, 0.0)), y(std::max(axisMin, 0.0)));
    for (double minute = 0; minute <= domainMin + 1e-9; minute += minuteStep) {
        out += format("<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>\n", x(minute),
                      x(minute), bottom, bottom + 4);
        out += format("<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                      x(minute), bottom + 17, formatNumber(minute).c_str());
    }
    out += format("<text class=\"axis-title\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                  (left + right) / 2, bottom + 34, i18n::tr("report.minutes_axis"));

    // The data.
    const double zero = y(std::max(axisMin, 0.0));
    if (spec.line) {
        // viewers_end is a head count at the end of minute m, so it sits on the minute's right edge.
        std::string path;
        for (const ChartPoint& point : points)
            path += format("%.1f,%.1f ", x(std::clamp(point.minute + 1, 0.0, domainMin)), y(point.value));
        if (!points.empty()) {
            out += format("<polygon class=\"area\" fill=\"%s\" points=\"%.1f,%.1f %s%.1f,%.1f\"/>\n",
                          spec.color, x(std::clamp(points.front().minute + 1, 0.0, domainMin)), zero,
                          path.c_str(), x(std::clamp(points.back().minute + 1, 0.0, domainMin)), zero);
            out +=
                format("<polyline class=\"line\" stroke=\"%s\" points=\"%s\"/>\n", spec.color, path.c_str());
        }
        const double radius = points.size() > 120 ? 1.6 : 3;
        for (const ChartPoint& point : points)
            out += format("<circle class=\"point\" fill=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
                          "data-minute=\"%s\" data-value=\"%s\">",
                          spec.color, x(std::clamp(point.minute + 1, 0.0, domainMin)), y(point.value), radius,
                          formatNumber(point.minute).c_str(), point.raw.c_str()) +
                   "<title>" + seriesTooltip(spec, point) + "</title></circle>\n";
    } else {
        const double slot = (right - left) / domainMin;
        const double gap = std::min(2.0, slot * 0.2);
        for (const ChartPoint& point : points) {
            const double x0 = x(std::clamp(point.minute, 0.0, domainMin)) + gap / 2;
            const double y0 = std::min(y(point.value), zero);
            const double h = std::fabs(zero - y(point.value));
            out +=
                format("<rect class=\"bar\" fill=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                       "data-minute=\"%s\" data-value=\"%s\">",
                       spec.color, x0, y0, std::max(0.5, slot - gap), h, formatNumber(point.minute).c_str(),
                       point.raw.c_str()) +
                "<title>" + seriesTooltip(spec, point) + "</title></rect>\n";
        }
    }

    // Incidents, over the data: a red line through the plot with a marker above it, the cause in its tooltip.
    for (const ChartIncident& incident : onAir.incidents) {
        const double ix = x(std::clamp(incident.minute, 0.0, domainMin));
        out +=
            format("<g class=\"incident %s\" data-minute=\"%.3f\"><line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
                   "y2=\"%.1f\"/><path d=\"M%.1f %.1f l-5 -8 h10 z\"/>",
                   escape(incident.kind).c_str(), incident.minute, ix, ix, top, bottom, ix, top) +
            "<title>" + escape(incident.tooltip) + "</title></g>\n";
    }

    // Legend.
    double lx = left;
    const double ly = height - 12;
    const auto legendItem = [&](const std::string& swatch, const char* label) {
        out += swatch;
        out += format("<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">%s</text>\n", lx + 20, ly, label);
        lx += 20 + textWidth(label, 11) + 22;
    };
    if (spec.line)
        legendItem(format("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                          "stroke-width=\"2.5\"/>",
                          lx, lx + 14, ly - 4, ly - 4, spec.color),
                   spec.title);
    else
        legendItem(format("<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"10\" fill=\"%s\"/>", lx, ly - 9,
                          spec.color),
                   spec.title);
    legendItem(
        format("<rect class=\"lane card\" x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"10\"/>", lx, ly - 9),
        "product card on air 讲解中");
    legendItem(
        format("<rect class=\"lane offer\" x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"10\"/>", lx, ly - 9),
        "offer window 秒杀时段");
    legendItem(format("<line class=\"cut\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>", lx + 7, lx + 7,
                      ly - 11, ly + 1),
               "scene cut 切换画面");
    if (!onAir.incidents.empty())
        legendItem(format("<g class=\"incident\"><path d=\"M%.1f %.1f l-5 -8 h10 z\"/></g>", lx + 7, ly + 1),
                   "incident 故障 (output, source, dropped frames, database, platform)");

    out += "</svg>\n</figure>\n";
}

} // namespace hawker::studio::report_html
