#include "hawker/studio/report/report_html.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "chart_svg.hpp"
#include "html_escape.hpp"
#include "report_fields.hpp"
#include "report_format.hpp"
#include "report_style.hpp"
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

void renderSummary(std::string& out, const json& report) {
    const json& session = field(report, "session");
    const json& summary = field(report, "summary");
    out += "<section id=\"summary\">\n";
    renderSessionHeader(out, session);
    out += "<h2>Summary <span class=\"zh\">概览</span></h2>\n";

    const json& kpis = listAt(report, "kpis");
    if (!kpis.empty()) {
        out += "<div class=\"kpis\">\n";
        for (const json& kpi : kpis) {
            const std::string key = textAt(kpi, "key");
            std::string label = textAt(kpi, "label");
            if (label.empty()) label = key;
            renderKpiTile(out, key, label, field(kpi, "value"), field(kpi, "target"),
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
                              field(summary, metric.key), json(), "none");
        out += "</div>\n";
    }

    if (!summary.is_object()) {
        emptyNote(out, "No summary figures in this report.");
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
    out += "</div>\n";
    closeSection(out);
}

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
        out += "<div class=\"step-count\">" + formatCount(count) + "</div>";
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

// ---------------------------------------------------------------------------------------------------------
// Charts.

std::vector<OnAirInterval> intervalsOf(const json& list, const char* labelKey, double domainMin,
                                       const std::map<std::string, std::string>& names) {
    std::vector<OnAirInterval> intervals;
    for (const json& entry : asList(list)) {
        const std::optional<double> start = numberAt(entry, "start_offset_ms");
        if (!start) continue;
        // An interval still open when the report was made runs to the end of the chart.
        const double end = numberOr(entry, "end_offset_ms", domainMin * 60'000.0);
        const std::string label = textAt(entry, labelKey);
        std::string tooltip = label;
        if (const auto it = names.find(label); it != names.end() && !it->second.empty())
            tooltip += " " + it->second;
        tooltip += " · " + formatClock(*start / 1000.0) + "–" + formatClock(end / 1000.0);
        const double from = std::clamp(*start / 60'000.0, 0.0, domainMin);
        const double to = std::clamp(end / 60'000.0, 0.0, domainMin);
        // Zero-length intervals stay: a scene cut is only its start, and a card flashed for a moment was on
        // air.
        if (to >= from && from < domainMin) intervals.push_back({from, to, label, tooltip});
    }
    std::sort(intervals.begin(), intervals.end(),
              [](const OnAirInterval& a, const OnAirInterval& b) { return a.startMin < b.startMin; });
    return intervals;
}

std::vector<ChartPoint> pointsOf(const json& perMinute, const char* series) {
    std::vector<ChartPoint> points;
    for (size_t i = 0; i < perMinute.size(); ++i) {
        const json& entry = perMinute[i];
        const json& value = field(entry, series);
        const std::optional<double> number = numberOf(value);
        if (!number) continue;
        points.push_back({numberOr(entry, "minute", static_cast<double>(i)), *number, dataValue(value)});
    }
    return points;
}

void renderCharts(std::string& out, const json& report) {
    const json& perMinute = listAt(report, "per_minute");
    if (!field(report, "per_minute").is_array()) return;
    openSection(out, "charts", {"Minute by minute", "分钟趋势"});
    if (perMinute.empty()) {
        emptyNote(out, "No per-minute figures in this report.");
        closeSection(out);
        return;
    }
    double domainMin = 1;
    for (size_t i = 0; i < perMinute.size(); ++i)
        domainMin = std::max(domainMin, numberOr(perMinute[i], "minute", static_cast<double>(i)) + 1);
    // A chart wider than a day is a data error; keep the SVG bounded rather than drawing it.
    domainMin = std::min(domainMin, 100'000.0);

    const json& onAirJson = field(report, "onair");
    const std::map<std::string, std::string> names = productNames(field(report, "products"));
    const std::map<std::string, std::string> noNames;
    const OnAir onAir{intervalsOf(field(onAirJson, "cards"), "sku", domainMin, names),
                      intervalsOf(field(onAirJson, "offers"), "id", domainMin, noNames),
                      intervalsOf(field(onAirJson, "scenes"), "scene", domainMin, noNames)};

    static const ChartSpec charts[] = {
        {"viewers_end", "Viewers present", "在线人数", "at the end of each minute", true, Unit::Count,
         "#2f6fdb"},
        {"gmv_cents", "GMV", "每分钟成交额", "paid in each minute", false, Unit::Money, "#d9480f"},
        {"comments", "Comments", "每分钟评论", "posted in each minute", false, Unit::Count, "#7c4dcc"},
    };
    for (const ChartSpec& spec : charts)
        renderChart(out, spec, pointsOf(perMinute, spec.series), onAir, domainMin);
    closeSection(out);
}

// ---------------------------------------------------------------------------------------------------------
// Tables.

void renderProducts(std::string& out, const json& report) {
    const json& products = field(report, "products");
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

    openSection(out, "products", {"Products", "商品表现"}, "by GMV, highest first");
    if (rows.empty()) {
        emptyNote(out, "No product sold, clicked or shown in this session.");
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
        if (field(p, "in_catalog").is_boolean() && !flagAt(p, "in_catalog"))
            out += " <span class=\"tag warn\">not in catalog 未入库</span>";
        const std::optional<double> onAirShare =
            ratio(numberAt(p, "gmv_onair_cents"), numberAt(p, "gmv_cents"));
        out += "</td><td class=\"num\">" +
               (numberAt(p, "onair_seconds") ? formatClock(*numberAt(p, "onair_seconds")) : kDash) +
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

void renderSegments(std::string& out, const json& report) {
    if (!field(report, "segments").is_array()) return;
    const json& segments = listAt(report, "segments");
    openSection(out, "segments", {"Rundown segments", "环节复盘"}, "planned vs actual");
    if (segments.empty()) {
        emptyNote(out, "This session had no rundown.");
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
               (planned ? formatClock(*planned) : kDash) + "</td><td class=\"num" + (over ? " over" : "") +
               "\">" + (actual ? formatClock(*actual) : kDash);
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

void renderOffers(std::string& out, const json& report) {
    if (!field(report, "offers").is_array()) return;
    const json& offers = listAt(report, "offers");
    const std::map<std::string, std::string> names = productNames(field(report, "products"));
    openSection(out, "offers", {"Offers", "秒杀与优惠"});
    if (offers.empty()) {
        emptyNote(out, "No offer ran in this session.");
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
        out +=
            "</td><td class=\"num\">" + formatMetric(o, "price_cents") + "</td><td class=\"num\">" +
            formatMetric(o, "sold") + " / " + formatMetric(o, "quantity") +
            "</td><td class=\"sell\"><span class=\"meter\"><span style=\"width:" + barWidth(sellThrough) +
            "\"></span></span> " + formatPercent(sellThrough) + "</td><td class=\"num\">" +
            (soldOut ? formatDuration(soldOut) : std::string("<span class=\"muted\">not sold out</span>")) +
            "</td><td class=\"nowrap\">" + formatOffset(numberAt(o, "start_offset_ms")) + "–" +
            formatOffset(numberAt(o, "end_offset_ms")) + "</td><td class=\"num\">" +
            formatMetric(o, "paid_orders") + "</td><td class=\"num\">" + formatMetric(o, "gmv_cents") +
            "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    closeSection(out);
}

void renderComparison(std::string& out, const json& report) {
    if (!field(report, "comparison").is_array()) return;
    const json& sessions = listAt(report, "comparison");
    openSection(out, "comparison", {"Earlier sessions", "历史场次对比"}, "same title or tag");
    bool anyEarlier = false;
    double widest = 0;
    for (const json& s : sessions) {
        anyEarlier = anyEarlier || !flagAt(s, "current");
        widest = std::max(widest, numberOr(s, "gmv_cents", 0.0));
    }
    if (!anyEarlier) {
        emptyNote(out, "no earlier sessions with this title or tag yet");
        if (sessions.empty()) {
            closeSection(out);
            return;
        }
    }
    out += "<table class=\"data\">\n<thead><tr><th>Session 场次</th><th>Started 开播时间</th><th "
           "class=\"gmvcol\">GMV 成交额</th><th class=\"num\">UV 场观人数</th><th class=\"num\">Conversion "
           "转化率</th></tr></thead>\n<tbody>\n";
    for (const json& s : sessions) {
        const bool current = flagAt(s, "current");
        const std::optional<double> gmv = numberAt(s, "gmv_cents");
        out += std::string(current ? "<tr class=\"current\">" : "<tr>") + "<td><span class=\"muted\">#" +
               escape(textAt(s, "id")) + "</span> " + escape(textAt(s, "title"));
        if (current) out += " <span class=\"tag now\">this session 本场</span>";
        out += "</td><td class=\"nowrap\">" + formatUtc(numberAt(s, "start_utc_ms")) +
               "</td><td class=\"gmvcol\"><span class=\"hbar\"><span style=\"width:" +
               barWidth(widest > 0 && gmv ? std::optional<double>(*gmv / widest) : std::nullopt) +
               "\"></span></span><span class=\"num\">" + formatMoney(gmv) + "</span></td><td class=\"num\">" +
               formatMetric(s, "uv") + "</td><td class=\"num\">" + formatMetric(s, "conversion_rate") +
               "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    closeSection(out);
}

std::string formatPValue(std::optional<double> p) {
    if (!p) return kDash;
    // Three decimals would print a tiny p as "0.000", which reads as "impossible" rather than "very
    // unlikely".
    if (*p < 0.0005) return "&lt; 0.001";
    return format("%.3f", *p);
}

std::string variantCell(const json& test, const char* side) {
    const std::string prefix = side;
    const std::string label = textAt(test, prefix.c_str());
    const std::optional<double> buyers = numberAt(test, (prefix + "_buyers").c_str());
    const std::optional<double> uv = numberAt(test, (prefix + "_uv").c_str());
    return "<strong>" + (label.empty() ? std::string(side) : escape(label)) + "</strong> " +
           formatPercent(numberAt(test, (prefix + "_rate").c_str()), 2) + " <span class=\"muted\">" +
           formatCount(buyers) + " / " + formatCount(uv) + "</span>";
}

void renderAb(std::string& out, const json& report) {
    if (!field(report, "ab").is_array()) return;
    const json& tests = listAt(report, "ab");
    openSection(out, "ab", {"A/B tests", "A/B 实验"}, "buyers ÷ viewers, chi-square test");
    if (tests.empty()) {
        emptyNote(out, "No A/B comparison for this session.");
        closeSection(out);
        return;
    }
    out +=
        "<table class=\"data\">\n<thead><tr><th>Compared 维度</th><th>A</th><th>B</th><th class=\"num\">B − "
        "A</th><th class=\"num\">p-value</th><th>Result 结论</th></tr></thead>\n<tbody>\n";
    for (const json& t : tests) {
        const std::optional<double> a = numberAt(t, "a_rate");
        const std::optional<double> b = numberAt(t, "b_rate");
        const std::optional<double> p = numberAt(t, "p_value");
        std::string difference = kDash;
        if (a && b) {
            difference = format("%+.2f pp", (*b - *a) * 100.0);
            if (const std::optional<double> lift = ratio(*b - *a, a))
                difference += format(" <span class=\"muted\">(%+.1f%%)</span>", *lift * 100.0);
        }
        std::string result;
        // The sentence follows the p-value shown next to it, so the page can never contradict itself.
        if (!p)
            result = "<span class=\"muted\">not tested</span>";
        else if (*p < 0.05)
            result = "<span class=\"sig\">significant (p &lt; 0.05)</span>";
        else
            result = "<span class=\"nosig\">not significant (p ≥ 0.05)</span>";
        if (const std::string note = textAt(t, "note"); !note.empty())
            result += "<div class=\"note\">" + escape(note) + "</div>";
        out += "<tr><td>" + escape(textAt(t, "dimension")) + "</td><td>" + variantCell(t, "a") + "</td><td>" +
               variantCell(t, "b") + "</td><td class=\"num\">" + difference + "</td><td class=\"num\">" +
               formatPValue(p) + "</td><td>" + result + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    closeSection(out);
}

void renderReview(std::string& out, const json& report) {
    static const std::vector<std::pair<std::string, Heading>> blocks{
        {"goal", {"Goal", "目标"}},
        {"result", {"Result", "结果"}},
        {"gap", {"Gap", "差距"}},
        {"cause", {"Cause", "原因"}},
        {"improvement", {"Improvement", "改进"}}};
    const json& notes = listAt(report, "notes");
    openSection(out, "review", {"Review", "复盘"});
    if (notes.empty()) {
        emptyNote(out, "no notes yet — add them with <code>hawker notes add</code>");
        closeSection(out);
        return;
    }
    std::map<std::string, std::vector<const json*>> byKind;
    for (const json& note : notes)
        byKind[textAt(note, "kind")].push_back(&note);

    const auto item = [](const json& note) {
        std::string html = "<li>" + escape(textAt(note, "text"));
        if (const std::string owner = textAt(note, "owner"); !owner.empty())
            html += " <span class=\"owner\">" + escape(owner) + "</span>";
        return html + "</li>\n";
    };
    out += "<div class=\"review-grid\">\n";
    for (const auto& [kind, heading] : blocks) {
        out += "<div class=\"review-block " + kind + "\"><h3>" + heading.en + " <span class=\"zh\">" +
               heading.zh + "</span></h3>\n";
        const auto it = byKind.find(kind);
        if (it == byKind.end()) {
            out += "<p class=\"muted\">—</p>\n";
        } else {
            out += "<ul>\n";
            for (const json* note : it->second)
                out += item(*note);
            out += "</ul>\n";
        }
        out += "</div>\n";
    }
    // Notes of a kind this page does not know still belong to the review; losing them silently would be
    // worse.
    std::string others;
    for (const auto& [kind, list] : byKind) {
        const bool known =
            kind == "action" ||
            std::any_of(blocks.begin(), blocks.end(), [&](const auto& block) { return block.first == kind; });
        if (!known)
            for (const json* note : list)
                others += item(*note);
    }
    if (!others.empty())
        out += "<div class=\"review-block other\"><h3>Other <span class=\"zh\">其他</span></h3>\n<ul>\n" +
               others + "</ul>\n</div>\n";
    out += "</div>\n<h3>Action items <span class=\"zh\">行动项</span></h3>\n";
    const auto actions = byKind.find("action");
    if (actions == byKind.end()) {
        emptyNote(out, "No action items yet.");
    } else {
        out +=
            "<table class=\"data actions\">\n<thead><tr><th>Action 行动</th><th>Owner 负责人</th><th>Added "
            "记录时间</th></tr></thead>\n<tbody>\n";
        for (const json* note : actions->second) {
            const std::string owner = textAt(*note, "owner");
            out += "<tr><td>" + escape(textAt(*note, "text")) + "</td><td>" +
                   (owner.empty() ? std::string("<span class=\"muted\">unassigned</span>") : escape(owner)) +
                   "</td><td class=\"nowrap\">" + formatUtc(numberAt(*note, "utc_ms")) + "</td></tr>\n";
        }
        out += "</tbody></table>\n";
    }
    closeSection(out);
}

std::string levelClass(const std::string& level) {
    if (level == "red" || level == "amber" || level == "green") return level;
    return "none";
}

void renderAlerts(std::string& out, const json& report) {
    if (!field(report, "alerts").is_array()) return;
    const json& alerts = listAt(report, "alerts");
    openSection(out, "alerts", {"Alerts", "告警"});
    if (alerts.empty()) {
        emptyNote(out, "No alert was raised during the show.");
        closeSection(out);
        return;
    }
    out +=
        "<table class=\"data\">\n<thead><tr><th>At 时间</th><th>Level 级别</th><th>Rule 规则</th><th>Message "
        "内容</th><th>Status 状态</th></tr></thead>\n<tbody>\n";
    for (const json& a : alerts) {
        const std::string level = textAt(a, "level");
        out += "<tr><td class=\"nowrap\">" + formatOffset(numberAt(a, "offset_ms")) +
               "</td><td><span class=\"level " + levelClass(level) + "\">" + escape(level) +
               "</span></td><td><code>" + escape(textAt(a, "rule")) + "</code></td><td>" +
               escape(textAt(a, "message")) + "</td><td>" +
               (flagAt(a, "acknowledged") ? "acknowledged 已确认"
                                          : "<span class=\"muted\">not acknowledged</span>") +
               "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    closeSection(out);
}

void renderTopComments(std::string& out, const json& report) {
    if (!field(report, "top_comments").is_array()) return;
    const json& comments = listAt(report, "top_comments");
    openSection(out, "top_comments", {"Top comments", "精选评论"});
    if (comments.empty()) {
        emptyNote(out, "No comments.");
        closeSection(out);
        return;
    }
    out += "<ol class=\"comments\">\n";
    for (const json& c : comments)
        out += "<li><span class=\"at\">" + formatOffset(numberAt(c, "offset_ms")) +
               "</span><span class=\"who\">" + escape(textAt(c, "who")) + "</span><span class=\"text\">" +
               escape(textAt(c, "text")) + "</span></li>\n";
    out += "</ol>\n";
    closeSection(out);
}

void renderTimeline(std::string& out, const json& report) {
    if (!field(report, "timeline").is_array()) return;
    const json& events = listAt(report, "timeline");
    openSection(out, "timeline", {"On-air log", "播出记录"});
    if (events.empty()) {
        emptyNote(out, "Nothing was logged on air.");
        closeSection(out);
        return;
    }
    out += "<table class=\"data compact\">\n<thead><tr><th>At 时间</th><th>Event 事件</th><th>Detail "
           "详情</th></tr></thead>\n<tbody>\n";
    for (const json& e : events)
        out += "<tr><td class=\"nowrap\">" + formatOffset(numberAt(e, "offset_ms")) + "</td><td><code>" +
               escape(textAt(e, "event")) + "</code></td><td>" + escape(textAt(e, "detail")) + "</td></tr>\n";
    out += "</tbody></table>\n";
    closeSection(out);
}

} // namespace

} // namespace hawker::studio::report_html

namespace hawker::studio {

std::string renderReportHtml(const nlohmann::json& report) {
    using namespace report_html;
    const json& session = field(report, "session");
    std::string title = textAt(session, "title");
    std::string out;
    out.reserve(64 * 1024);
    out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<title>" +
           escape(title.empty() ? std::string("Session report") : title) +
           " · Hawker report</title>\n<style>\n";
    out += reportStyle();
    out += "</style>\n</head>\n<body>\n<main>\n";

    renderSummary(out, report);
    renderFunnel(out, field(report, "summary"));
    renderCharts(out, report);
    renderProducts(out, report);
    renderSegments(out, report);
    renderOffers(out, report);
    renderComparison(out, report);
    renderAb(out, report);
    renderReview(out, report);
    renderAlerts(out, report);
    renderTopComments(out, report);
    renderTimeline(out, report);

    out += "<footer>Hawker · money in CNY (¥), times in UTC, offsets from the start of the session · figures "
           "follow the metric definitions of <code>hawker report --json</code></footer>\n</main>\n</body>\n"
           "</html>\n";
    return out;
}

} // namespace hawker::studio
