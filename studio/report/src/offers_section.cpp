// The offers table: each flash sale's price, sell-through and how soon it sold out.

#include "report_sections.hpp"

#include <map>
#include <optional>
#include <string>

#include "html_escape.hpp"
#include "report_fields.hpp"
#include "report_format.hpp"
#include "section_frame.hpp"

namespace hawker::studio::report_html {

void renderOffers(std::string& out, const json& report) {
    if (!memberOf(report, "offers").is_array()) return;
    const json& offers = listAt(report, "offers");
    const std::map<std::string, std::string> names = productNames(memberOf(report, "products"));
    openSection(out, "offers", {"Offers", "秒杀与优惠"});
    if (offers.empty()) {
        emptyNote(out, tr("report.no_offers"));
        closeSection(out);
        return;
    }
    out +=
        "<table class=\"data\">\n<thead><tr><th>Offer 活动</th><th>Product 商品</th><th class=\"num\">Price "
        "价格</th><th class=\"num\">Sold 已售</th><th class=\"sell\">Sell-through 售罄率</th><th "
        "class=\"num\">Sold out after 售罄用时</th><th>Window 时段</th><th class=\"num\">Orders "
        "订单</th><th class=\"num\">GMV 成交额</th></tr></thead>\n<tbody>\n";
    for (const json& o : offers) {
        const std::string sku = textAt(o, "sku");
        const std::optional<double> sellThrough = numberAt(o, "sell_through");
        const std::optional<double> soldOut = numberAt(o, "sold_out_after_s");
        out += "<tr><td><strong>" + escape(textAt(o, "id")) + "</strong></td><td><span class=\"sku\">" +
               escape(sku) + "</span>";
        if (const auto it = names.find(sku); it != names.end() && !it->second.empty())
            out += " " + escape(it->second);
        out += "</td><td class=\"num\">" + formatMetric(o, "price_cents") + "</td><td class=\"num\">" +
               formatMetric(o, "sold") + " / " + formatMetric(o, "quantity") +
               "</td><td class=\"sell\"><span class=\"meter\"><span style=\"width:" + barWidth(sellThrough) +
               "\"></span></span> " + formatPercent(sellThrough) + "</td><td class=\"num\">" +
               (soldOut ? formatDuration(soldOut)
                        : std::string("<span class=\"muted\">") + tr("report.not_sold_out") + "</span>") +
               "</td><td class=\"nowrap\">" + formatOffset(numberAt(o, "start_offset_ms")) + "–" +
               formatOffset(numberAt(o, "end_offset_ms")) + "</td><td class=\"num\">" +
               formatMetric(o, "paid_orders") + "</td><td class=\"num\">" + formatMetric(o, "gmv_cents") +
               "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    closeSection(out);
}

} // namespace hawker::studio::report_html
