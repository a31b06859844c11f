// Each showing of a product card, ranked by GMV per minute on air: which explanation sold, not only which
// product.

#include "report_sections.hpp"

#include <string>

#include "html_escape.hpp"
#include "report_fields.hpp"
#include "report_format.hpp"
#include "section_frame.hpp"

namespace hawker::studio::report_html {

void renderCardShowings(std::string& out, const json& report) {
    if (!memberOf(report, "card_showings").is_array()) return;
    const json& showings = listAt(report, "card_showings");
    openSection(out, "card_showings", {"Card showings", "讲解场次"}, tr("report.showings_aside"));
    if (showings.empty()) {
        emptyNote(out, tr("report.no_showings"));
        closeSection(out);
        return;
    }
    out += "<table class=\"data\">\n<thead><tr><th class=\"num\">#</th><th>Product 商品</th><th "
           "class=\"nowrap\">On air 讲解时段</th><th class=\"num\">Time 时长</th><th class=\"num\">Views "
           "进场</th><th class=\"num\">Clicks 点击</th><th class=\"num\">Orders 订单</th><th "
           "class=\"num\">GMV 成交额</th><th class=\"num\">GPM 千次观看成交</th><th class=\"num\">GMV per "
           "minute 每分钟成交</th></tr></thead>\n<tbody>\n";
    int rank = 0;
    for (const json& s : showings) {
        const std::string name = textAt(s, "name"), sku = textAt(s, "sku");
        out += "<tr data-sku=\"" + escape(sku) + "\"><td class=\"num\">" + std::to_string(++rank) +
               "</td><td>" + escape(name.empty() ? sku : name);
        if (!name.empty()) out += " <span class=\"tag sku\">" + escape(sku) + "</span>";
        out += " <span class=\"muted\">#" + escape(textAt(s, "showing")) +
               "</span></td><td class=\"nowrap\">" + formatOffset(numberAt(s, "start_offset_ms")) + "–" +
               formatOffset(numberAt(s, "end_offset_ms")) + "</td><td class=\"num\">" +
               formatDuration(numberAt(s, "seconds")) + "</td><td class=\"num\">" + formatMetric(s, "views") +
               "</td><td class=\"num\">" + formatMetric(s, "clicks") + "</td><td class=\"num\">" +
               formatMetric(s, "paid_orders") + "</td><td class=\"num\">" + formatMetric(s, "gmv_cents") +
               "</td><td class=\"num\">" + formatMetric(s, "gpm_cents") +
               "</td><td class=\"num\" data-key=\"gmv_per_minute_cents\">" +
               formatMetric(s, "gmv_per_minute_cents") + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    closeSection(out);
}

} // namespace hawker::studio::report_html
