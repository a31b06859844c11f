// The conversion funnel: viewers, product clicks, carts, orders and buyers, each against the step before.

#include "report_sections.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/analytics/funnel.hpp"
#include "html_escape.hpp"
#include "report_fields.hpp"
#include "report_format.hpp"
#include "section_frame.hpp"

namespace hawker::studio::report_html {

void renderFunnel(std::string& out, const json& summary) {
    if (!summary.is_object()) return;
    const std::vector<FunnelStep> steps = funnelSteps(summary);
    if (steps.empty()) return;
    double widest = 0;
    for (const FunnelStep& step : steps)
        widest = std::max(widest, step.count);

    openSection(out, "funnel", {"Funnel", "转化漏斗"});
    out += "<div class=\"funnel\">\n";
    for (size_t i = 0; i < steps.size(); ++i) {
        const FunnelStep& step = steps[i];
        const FunnelStepName* name = funnelStepName(step.key);
        out += "<div class=\"step\" data-key=\"" + escape(step.key) + "\">";
        out += std::string("<div class=\"step-label\">") + (name ? name->en : step.key.c_str()) +
               " <span class=\"zh\">" + (name ? name->zh : "") + "</span></div>";
        out += "<div class=\"step-bar\"><span style=\"width:" +
               barWidth(widest > 0 ? std::optional<double>(step.count / widest) : std::nullopt) +
               "\"></span></div>";
        out += "<div class=\"step-count\">" + formatNumber(step.count) + "</div>";
        if (i == 0) {
            out += "<div class=\"step-rate\"></div>";
        } else if (!step.notComparable.empty()) {
            out += "<div class=\"step-rate not-comparable\" title=\"" + escape(step.notComparable) + "\">" +
                   escape(step.notComparable) + "</div>";
        } else {
            out += "<div class=\"step-rate\">" +
                   trf("report.funnel_rate", {{"previous", formatPercent(step.ofPrevious)},
                                              {"viewers", formatPercent(step.ofViewers, 2)}}) +
                   "</div>";
        }
        out += "</div>\n";
    }
    out += "</div>\n";
    out += "<p class=\"footnote\">Conversion 看播成交转化率 " + formatMetric(summary, "conversion_rate") +
           " · product click rate 商品点击率 " + formatMetric(summary, "product_click_rate") +
           " · click to pay 点击成交率 " + formatMetric(summary, "click_to_pay_rate") + "</p>\n";
    closeSection(out);
}

} // namespace hawker::studio::report_html
