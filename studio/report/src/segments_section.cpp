// The rundown segments: each segment planned against actual, with what the audience did during it.

#include "report_sections.hpp"

#include <optional>
#include <string>

#include "html_escape.hpp"
#include "report_fields.hpp"
#include "report_format.hpp"
#include "section_frame.hpp"

namespace hawker::studio::report_html {

void renderSegments(std::string& out, const json& report) {
    if (!memberOf(report, "segments").is_array()) return;
    const json& segments = listAt(report, "segments");
    openSection(out, "segments", {"Rundown segments", "环节复盘"}, tr("report.segments_aside"));
    if (segments.empty()) {
        emptyNote(out, tr("report.no_rundown"));
        closeSection(out);
        return;
    }
    out += "<table class=\"data\">\n<thead><tr><th class=\"num\">#</th><th>Segment 环节</th><th "
           "class=\"nowrap\">Window 时段</th><th class=\"num\">Planned 计划</th><th class=\"num\">Actual "
           "实际</th><th "
           "class=\"num\">Enters 进场</th><th class=\"num\">Comments 评论</th><th class=\"num\">Likes "
           "点赞</th><th class=\"num\">Clicks 点击</th><th class=\"num\">Orders 订单</th><th "
           "class=\"num\">Units 件数</th><th class=\"num\">GMV 成交额</th></tr></thead>\n<tbody>\n";
    for (const json& s : segments) {
        const std::optional<double> planned = numberAt(s, "planned_seconds");
        const std::optional<double> actual = numberAt(s, "actual_seconds");
        const bool over = planned && actual && *actual > *planned;
        out +=
            "<tr><td class=\"num\">" + escape(textAt(s, "index")) + "</td><td>" + escape(textAt(s, "title"));
        if (const std::string kind = textAt(s, "kind"); !kind.empty())
            out += " <span class=\"tag\">" + escape(kind) + "</span>";
        if (const std::string sku = textAt(s, "sku"); !sku.empty())
            out += " <span class=\"tag sku\">" + escape(sku) + "</span>";
        out += "</td><td class=\"nowrap\">" + formatOffset(numberAt(s, "start_offset_ms")) + "–" +
               formatOffset(numberAt(s, "end_offset_ms")) + "</td><td class=\"num\">" +
               (planned ? formatClock(*planned) : kMissing) + "</td><td class=\"num" + (over ? " over" : "") +
               "\">" + (actual ? formatClock(*actual) : kMissing);
        if (over) out += " <span class=\"delta\">+" + formatClock(*actual - *planned) + "</span>";
        out += "</td><td class=\"num\">" + formatMetric(s, "enters") + "</td><td class=\"num\">" +
               formatMetric(s, "comments") + "</td><td class=\"num\">" + formatMetric(s, "likes") +
               "</td><td class=\"num\">" + formatMetric(s, "clicks") + "</td><td class=\"num\">" +
               formatMetric(s, "paid_orders") + "</td><td class=\"num\">" + formatMetric(s, "units") +
               "</td><td class=\"num\">" + formatMetric(s, "gmv_cents") + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    closeSection(out);
}

} // namespace hawker::studio::report_html
