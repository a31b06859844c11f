// The top of the page: the session header (title, badges, times, platforms), the KPI tiles against the
// session's targets (or the headline figures when it had none), and the summary figures by group.

#include "report_sections.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hawker/studio/analytics/kpi_targets.hpp"
#include "html_escape.hpp"
#include "report_fields.hpp"
#include "report_format.hpp"
#include "section_frame.hpp"

namespace hawker::studio::report_html {

namespace {

const std::vector<std::pair<Heading, std::vector<MetricLabel>>>& summaryGroups() {
    static const std::vector<std::pair<Heading, std::vector<MetricLabel>>> groups{
        {{"Audience", "观看"},
         {{"pv", "Views (PV)", "场观人次"},
          {"uv", "Viewers (UV)", "场观人数"},
          {"pcu", "Peak concurrent (PCU)", "最高在线"},
          {"acu", "Average concurrent (ACU)", "平均在线"},
          {"watch_seconds", "Total watch time", "观看总时长"},
          {"avg_watch_s", "Average watch time", "人均观看时长"}}},
        {{"Engagement", "互动"},
         {{"engaged_uv", "Engaged viewers", "互动人数"},
          {"engagement_rate", "Engagement rate", "互动率"},
          {"comments", "Comments", "评论"},
          {"likes", "Likes", "点赞"},
          {"shares", "Shares", "分享"},
          {"new_followers", "New followers", "新增关注"}}},
        {{"Sales", "成交"},
         {{"gmv_cents", "GMV", "成交额"},
          {"paid_orders", "Paid orders", "成交订单"},
          {"buyers", "Buyers", "成交人数"},
          {"units", "Units", "成交件数"},
          {"refunds_cents", "Refunds", "退款金额"},
          {"net_sales_cents", "Net sales", "净成交额"},
          {"refund_rate", "Refund rate", "退款率"}}},
        {{"Conversion & value", "转化与价值"},
         {{"product_click_rate", "Product click rate", "商品点击率"},
          {"conversion_rate", "Conversion rate", "看播成交转化率"},
          {"click_to_pay_rate", "Click to pay", "点击成交率"},
          {"uv_value_cents", "UV value", "UV价值"},
          {"gpm_cents", "GPM (per 1,000 views)", "千次观看成交额"},
          {"revenue_per_buyer_cents", "Revenue per buyer", "客单价"},
          {"aov_cents", "Average order value", "笔单价"}}},
        {{"Coupons", "优惠券"},
         {{"coupons_issued", "Issued", "发放"},
          {"coupons_redeemed", "Redeemed", "核销"},
          {"coupon_usage_rate", "Usage rate", "核销率"}}},
    };
    return groups;
}

std::string kpiClass(const std::string& status) {
    if (status == "green" || status == "amber" || status == "red") return status;
    return "none";
}

std::string kpiStatusText(const std::string& cls) {
    if (cls == "green") return "On target 达标";
    if (cls == "amber") return "Close 接近";
    if (cls == "red") return "Off target 未达标";
    return "No target 无目标";
}

void renderKpiTile(std::string& out, const std::string& key, const std::string& label, const json& value,
                   const json& target, const std::string& cls) {
    const Unit unit = unitOf(key);
    out += "<div class=\"kpi " + cls + "\" data-key=\"" + escape(key) + "\">\n";
    out += "<div class=\"kpi-label\">" + escape(label) + "</div>\n";
    out += "<div class=\"kpi-value\">" + formatValue(unit, numberOf(value)) + "</div>\n";
    const std::optional<double> goal = numberOf(target);
    if (goal) {
        const std::optional<double> reached = ratio(numberOf(value), goal);
        out += "<div class=\"kpi-target\">Target " + formatValue(unit, goal);
        if (reached && *goal > 0) out += " · " + formatPercent(reached, 0);
        out += "</div>\n";
        if (reached && *goal > 0)
            out += "<div class=\"kpi-bar\"><span style=\"width:" + barWidth(reached) + "\"></span></div>\n";
    }
    out += "<div class=\"kpi-status\">" + kpiStatusText(cls) + "</div>\n</div>\n";
}

void renderSessionHeader(std::string& out, const json& session) {
    out += "<header class=\"session\">\n<div class=\"eyebrow\">Hawker · Live session report 直播复盘报告";
    if (const std::string id = textAt(session, "id"); !id.empty()) out += " · #" + escape(id);
    out += "</div>\n";
    std::string title = textAt(session, "title");
    out += "<h1>" + (title.empty() ? std::string("Session report") : escape(title)) + "</h1>\n";
    out += "<div class=\"badges\">";
    if (flagAt(session, "rehearsal")) out += "<span class=\"badge rehearsal\">REHEARSAL 彩排</span>";
    if (const std::string tag = textAt(session, "tag"); !tag.empty())
        out += "<span class=\"badge\">" + escape(tag) + "</span>";
    if (const std::string variant = textAt(session, "variant"); !variant.empty())
        out += "<span class=\"badge variant\">Variant " + escape(variant) + "</span>";
    out += "</div>\n";
    if (flagAt(session, "rehearsal"))
        out += "<p class=\"rehearsal-note\">This was a rehearsal: its figures are not a live result and are "
               "normally left "
               "out of comparisons. 本场为彩排，数据不计入正式对比。</p>\n";
    out += "<dl class=\"meta\">\n";
    const std::optional<double> start = numberAt(session, "start_utc_ms");
    const std::optional<double> end = numberAt(session, "end_utc_ms");
    if (start || end) {
        out += "<div><dt>Time</dt><dd>" + formatUtc(start) + " – " +
               (end ? formatUtc(end) : std::string("not ended")) + "</dd></div>\n";
    }
    if (start && end && *end >= *start)
        out += "<div><dt>Duration</dt><dd>" + formatDuration((*end - *start) / 1000.0) + "</dd></div>\n";
    if (const std::string platforms = textAt(session, "platforms"); !platforms.empty()) {
        std::string list;
        size_t from = 0;
        while (from <= platforms.size()) {
            const size_t comma = std::min(platforms.find(',', from), platforms.size());
            const std::string_view name = std::string_view(platforms).substr(from, comma - from);
            if (!name.empty()) list += "<span class=\"platform\">" + escape(name) + "</span>";
            from = comma + 1;
        }
        out += "<div><dt>Platforms</dt><dd>" + list + "</dd></div>\n";
    }
    out += "</dl>\n</header>\n";
}

/// Super Chats and the like, one row per currency: never converted, never part of GMV.
void renderPaidEngagement(std::string& out, const json& totals) {
    if (totals.empty()) return;
    out +=
        "<table class=\"metrics\" id=\"paid-engagement\"><caption>Paid engagement <span class=\"zh\">付费互动"
        "</span></caption>\n<tbody>\n";
    for (const json& t : totals) {
        const std::string currency = textAt(t, "currency");
        out += "<tr><th>" + escape(currency) + " <span class=\"zh\">× " + formatCount(integerAt(t, "count")) +
               " 条</span></th><td class=\"num\" data-currency=\"" + escape(currency) + "\">" +
               escape(formatCurrencyMicros(currency, integerAt(t, "amount_micros"))) + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
}

/// A KPI tile's name on the page: in both languages, as every heading of the page is ("Conversion 转化率");
/// the Chinese alone where it already holds the English ("成交额 GMV").
std::string kpiTileLabel(const std::string& key, const std::string& stored) {
    const std::string en = kpiName(key, i18n::Language::En, stored),
                      zh = kpiName(key, i18n::Language::ZhCN, stored);
    if (zh == en) return en;
    if (zh.find(en) != std::string::npos) return zh;
    // A word both begin with is said once: "SERUM-50 units 销量", "UV value 价值".
    const size_t space = en.find(' ');
    if (space != std::string::npos && zh.compare(0, space + 1, en, 0, space + 1) == 0)
        return en + " " + zh.substr(space + 1);
    return en + " " + zh;
}

} // namespace

void renderSummary(std::string& out, const json& report) {
    const json& session = memberOf(report, "session");
    const json& summary = memberOf(report, "summary");
    out += "<section id=\"summary\">\n";
    renderSessionHeader(out, session);
    renderOpenActions(out, report); // the promises of earlier shows come before this show's figures
    out += "<h2>Summary <span class=\"zh\">概览</span></h2>\n";

    const json& kpis = listAt(report, "kpis");
    if (!kpis.empty()) {
        out += "<div class=\"kpis\">\n";
        for (const json& kpi : kpis) {
            const std::string key = textAt(kpi, "key");
            std::string label = textAt(kpi, "label");
            if (label.empty()) label = key;
            label = kpiTileLabel(key, label);
            renderKpiTile(out, key, label, memberOf(kpi, "value"), memberOf(kpi, "target"),
                          kpiClass(textAt(kpi, "status")));
        }
        out += "</div>\n";
    } else if (summary.is_object()) {
        // Without targets the headline numbers still deserve the top of the page.
        static const std::vector<MetricLabel> headline{{"gmv_cents", "GMV", "成交额"},
                                                       {"uv", "Viewers (UV)", "场观人数"},
                                                       {"buyers", "Buyers", "成交人数"},
                                                       {"conversion_rate", "Conversion", "转化率"},
                                                       {"pcu", "Peak concurrent", "最高在线"}};
        out += "<div class=\"kpis\">\n";
        for (const MetricLabel& metric : headline)
            if (summary.contains(metric.key))
                renderKpiTile(out, metric.key, std::string(metric.en) + " " + metric.zh,
                              memberOf(summary, metric.key), json(), "none");
        out += "</div>\n";
    }

    if (!summary.is_object()) {
        emptyNote(out, tr("report.no_summary"));
        closeSection(out);
        return;
    }
    out += "<div class=\"metric-groups\">\n";
    for (const auto& [heading, metrics] : summaryGroups()) {
        std::string rows;
        for (const MetricLabel& metric : metrics) {
            if (!summary.contains(metric.key)) continue;
            rows += std::string("<tr><th>") + metric.en + " <span class=\"zh\">" + metric.zh +
                    "</span></th><td class=\"num\" data-key=\"" + metric.key + "\">" +
                    formatMetric(summary, metric.key) + "</td></tr>\n";
        }
        if (rows.empty()) continue;
        out += std::string("<table class=\"metrics\"><caption>") + heading.en + " <span class=\"zh\">" +
               heading.zh + "</span></caption>\n<tbody>\n" + rows + "</tbody></table>\n";
    }
    renderPaidEngagement(out, listAt(report, "paid_engagement"));
    out += "</div>\n";
    closeSection(out);
}

} // namespace hawker::studio::report_html
