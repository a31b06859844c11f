// The reconciliation: the orders seen live against the platform's export, so
// a merchandiser can close the show's books (order_reconciliation.hpp).

#include "report_sections.hpp"

#include <string>

#include "html_escape.hpp"
#include "report_fields.hpp"
#include "report_format.hpp"
#include "section_frame.hpp"

namespace hawker::studio::report_html {

namespace {

struct StateLabel {
    const char* key;
    const char* en;
    const char* zh;
    const char* meaning;
};

// In the order a merchandiser reads them: what agrees first, then what to chase.
constexpr StateLabel kStates[] = {
    {"matched", "Matched", "一致", "in both, same amount 两边都有且金额一致"},
    {"only_live", "Only live", "仅直播中", "seen live, missing from the export 直播中收到、导出中没有"},
    {"only_export", "Only in export", "仅导出", "in the export, never seen live 导出中有、直播中未收到"},
    {"amount_differs", "Amount differs", "金额不符", "in both, different amounts 两边都有但金额不同"},
};

/// "Only in export 仅导出" for "only_export"; an unknown state as it came.
std::string labelOf(const std::string& state) {
    for (const StateLabel& s : kStates)
        if (state == s.key) return std::string(s.en) + " " + s.zh;
    return escape(state);
}

} // namespace

void renderReconciliation(std::string& out, const json& report) {
    const json& rec = memberOf(report, "reconciliation");
    if (!rec.is_object()) return;
    openSection(out, "reconciliation", {"Reconciliation", "订单对账"});
    const json& byOrigin = memberOf(rec, "orders_by_origin");
    if (byOrigin.is_object() && !byOrigin.empty()) {
        out += "<p class=\"muted\">Paid orders by source 订单来源: ";
        bool first = true;
        for (const auto& [origin, count] : byOrigin.items()) {
            out += (first ? "" : " · ") + escape(origin) + " " + formatMetric(byOrigin, origin.c_str());
            first = false;
        }
        out += "</p>\n";
    }
    if (!memberOf(rec, "export_imported").is_boolean() || !memberOf(rec, "export_imported").get<bool>()) {
        emptyNote(out, tr("report.no_export"));
        closeSection(out);
        return;
    }
    const json& groups = memberOf(rec, "groups");
    out +=
        "<table class=\"data\">\n<thead><tr><th>State 状态</th><th>Meaning 含义</th><th class=\"num\">Orders "
        "订单</th><th class=\"num\">Live GMV 直播金额</th><th class=\"num\">Export GMV 导出金额</th></tr>"
        "</thead>\n<tbody>\n";
    for (const StateLabel& s : kStates) {
        const json& g = memberOf(groups, s.key);
        out += std::string("<tr class=\"rec-") + s.key + "\"><td><strong>" + s.en + " " + s.zh +
               "</strong></td><td class=\"muted\">" + s.meaning + "</td><td class=\"num\">" +
               formatMetric(g, "orders") + "</td><td class=\"num\">" + formatMetric(g, "live_cents") +
               "</td><td class=\"num\">" + formatMetric(g, "export_cents") + "</td></tr>\n";
    }
    out += "</tbody></table>\n";

    const json& differences = listAt(rec, "differences");
    if (differences.empty()) {
        out += "<p class=\"muted\">Every order agrees. 全部订单一致。</p>\n";
        closeSection(out);
        return;
    }
    out +=
        "<table class=\"data\">\n<thead><tr><th>Order 订单号</th><th>State 状态</th><th class=\"num\">Live "
        "直播金额</th><th class=\"num\">Export 导出金额</th><th>Live source 直播来源</th></tr></thead>\n"
        "<tbody>\n";
    for (const json& d : differences) {
        const std::string state = textAt(d, "state");
        out += "<tr><td><span class=\"sku\">" + escape(textAt(d, "order_id")) + "</span></td><td>" +
               labelOf(state) + "</td><td class=\"num\">" + formatMetric(d, "live_cents") +
               "</td><td class=\"num\">" + formatMetric(d, "export_cents") + "</td><td>" +
               escape(textAt(d, "live_origin")) + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    if (const auto more = numberAt(rec, "differences_unlisted"); more && *more > 0)
        out += "<p class=\"muted\">" +
               trf("report.more_differ", {{"count", formatMetric(rec, "differences_unlisted")}}) + "</p>\n";
    closeSection(out);
}

} // namespace hawker::studio::report_html
