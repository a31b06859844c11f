// The conversion funnel: viewers, product clicks, carts, orders and buyers, each against the step before.

#include "report_sections.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "report_fields.hpp"
#include "report_format.hpp"
#include "section_frame.hpp"

namespace hawker::studio::report_html {

void renderFunnel(std::string& out, const json& summary) {
    static const std::vector<MetricLabel> steps{{"uv", "Viewers", "场观人数"},
                                                {"product_click_uv", "Clicked a product", "商品点击人数"},
                                                {"add_to_cart_uv", "Added to cart", "加购人数"},
                                                {"order_created_uv", "Created an order", "下单人数"},
                                                {"buyers", "Paid", "成交人数"}};
    if (!summary.is_object()) return;
    bool any = false;
    for (const MetricLabel& step : steps)
        any = any || summary.contains(step.key);
    if (!any) return;

    const std::optional<double> top = numberAt(summary, "uv");
    double widest = 0;
    for (const MetricLabel& step : steps)
        widest = std::max(widest, numberOr(summary, step.key, 0.0));
    const double scale = top && *top > 0 ? std::max(*top, widest) : widest;

    openSection(out, "funnel", {"Funnel", "转化漏斗"});
    out += "<div class=\"funnel\">\n";
    std::optional<double> previous;
    for (size_t i = 0; i < steps.size(); ++i) {
        const std::optional<double> count = numberAt(summary, steps[i].key);
        out += std::string("<div class=\"step\" data-key=\"") + steps[i].key + "\">";
        out += std::string("<div class=\"step-label\">") + steps[i].en + " <span class=\"zh\">" +
               steps[i].zh + "</span></div>";
        out += "<div class=\"step-bar\"><span style=\"width:" +
               barWidth(scale > 0 && count ? std::optional<double>(*count / scale) : std::nullopt) +
               "\"></span></div>";
        out += "<div class=\"step-count\">" + formatNumber(count) + "</div>";
        out += "<div class=\"step-rate\">";
        if (i > 0)
            out += formatPercent(ratio(count, previous)) + " of previous step · " +
                   formatPercent(ratio(count, top), 2) + " of viewers";
        out += "</div></div>\n";
        previous = count;
    }
    out += "</div>\n";
    out += "<p class=\"footnote\">Conversion 看播成交转化率 " + formatMetric(summary, "conversion_rate") +
           " · product click rate 商品点击率 " + formatMetric(summary, "product_click_rate") +
           " · click to pay 点击成交率 " + formatMetric(summary, "click_to_pay_rate") + "</p>\n";
    closeSection(out);
}

} // namespace hawker::studio::report_html
