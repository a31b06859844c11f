// The products table: every product sold, clicked or shown, by GMV, with its time on air.

#include "report_sections.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "html_escape.hpp"
#include "report_fields.hpp"
#include "report_format.hpp"
#include "section_frame.hpp"

namespace hawker::studio::report_html {

void renderProducts(std::string& out, const json& report) {
    const json& products = memberOf(report, "products");
    if (!products.is_object() && !products.is_array()) return;
    struct Row {
        std::string sku;
        const json* data;
        double gmv;
    };
    std::vector<Row> rows;
    if (products.is_object()) {
        for (auto it = products.begin(); it != products.end(); ++it)
            rows.push_back({it.key(), &it.value(), numberOr(it.value(), "gmv_cents", 0.0)});
    } else {
        for (const json& product : products)
            rows.push_back({textAt(product, "sku"), &product, numberOr(product, "gmv_cents", 0.0)});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return a.gmv != b.gmv ? a.gmv > b.gmv : a.sku < b.sku;
    });
    double totalGmv = 0;
    for (const Row& row : rows)
        totalGmv += std::max(0.0, row.gmv);

    openSection(out, "products", {"Products", "商品表现"}, tr("report.products_aside"));
    if (rows.empty()) {
        emptyNote(out, tr("report.no_products"));
        closeSection(out);
        return;
    }
    out += "<table class=\"data\">\n<thead><tr><th>SKU</th><th>Product 商品</th><th class=\"num\">On air "
           "讲解时长</th><th class=\"num\">Clicks 点击</th><th class=\"num\">Click UV 点击人数</th><th "
           "class=\"num\">Orders 订单</th><th class=\"num\">Units 件数</th><th class=\"num\">GMV "
           "成交额</th><th class=\"num\">GMV on air 讲解时成交</th><th class=\"num\">Share on air "
           "讲解占比</th></tr></thead>\n<tbody>\n";
    for (const Row& row : rows) {
        const json& p = *row.data;
        out += "<tr><td class=\"sku\">" + escape(row.sku) + "</td><td>" + escape(textAt(p, "name"));
        if (memberOf(p, "in_catalog").is_boolean() && !flagAt(p, "in_catalog"))
            out += " <span class=\"tag warn\">not in catalog 未入库</span>";
        const std::optional<double> onAirShare =
            ratio(numberAt(p, "gmv_onair_cents"), numberAt(p, "gmv_cents"));
        out += "</td><td class=\"num\">" +
               (numberAt(p, "onair_seconds") ? formatClock(*numberAt(p, "onair_seconds")) : kMissing) +
               "</td><td class=\"num\">" + formatMetric(p, "clicks") + "</td><td class=\"num\">" +
               formatMetric(p, "click_uv") + "</td><td class=\"num\">" + formatMetric(p, "paid_orders") +
               "</td><td class=\"num\">" + formatMetric(p, "units") + "</td><td class=\"num gmv\">" +
               formatMetric(p, "gmv_cents") + "<span class=\"cellbar\"><span style=\"width:" +
               barWidth(ratio(std::max(0.0, row.gmv), totalGmv)) +
               "\"></span></span></td><td class=\"num\">" + formatMetric(p, "gmv_onair_cents") +
               "</td><td class=\"num\">" + formatPercent(onAirShare) + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    closeSection(out);
}

} // namespace hawker::studio::report_html
