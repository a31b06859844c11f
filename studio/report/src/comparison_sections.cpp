// This session against others: earlier sessions with the same title or tag, and A/B tests between variants.

#include "report_sections.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "html_escape.hpp"
#include "report_fields.hpp"
#include "report_format.hpp"
#include "section_frame.hpp"

namespace hawker::studio::report_html {

namespace {

std::string formatPValue(std::optional<double> p) {
    if (!p) return kMissing;
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
           formatNumber(buyers) + " / " + formatNumber(uv) + "</span>";
}

} // namespace

void renderComparison(std::string& out, const json& report) {
    if (!memberOf(report, "comparison").is_array()) return;
    const json& sessions = listAt(report, "comparison");
    openSection(out, "comparison", {"Earlier sessions", "历史场次对比"}, tr("report.comparison_aside"));
    bool anyEarlier = false;
    double widest = 0;
    for (const json& s : sessions) {
        anyEarlier = anyEarlier || !flagAt(s, "current");
        widest = std::max(widest, numberOr(s, "gmv_cents", 0.0));
    }
    if (!anyEarlier) {
        emptyNote(out, tr("report.no_comparison"));
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
               "\"></span></span><span class=\"num\">" + formatYuan(gmv) + "</span></td><td class=\"num\">" +
               formatMetric(s, "uv") + "</td><td class=\"num\">" + formatMetric(s, "conversion_rate") +
               "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    closeSection(out);
}

void renderAb(std::string& out, const json& report) {
    if (!memberOf(report, "ab").is_array()) return;
    const json& tests = listAt(report, "ab");
    openSection(out, "ab", {"A/B tests", "A/B 实验"}, tr("report.ab_aside"));
    if (tests.empty()) {
        emptyNote(out, tr("report.no_ab"));
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
        std::string difference = kMissing;
        if (a && b) {
            difference = format("%+.2f pp", (*b - *a) * 100.0);
            if (const std::optional<double> lift = ratio(*b - *a, a))
                difference += " <span class=\"muted\">(" + formatPercentChange(*lift, 1) + ")</span>";
        }
        std::string result;
        // The sentence follows the p-value shown next to it, so the page can never contradict itself.
        if (!p)
            result = std::string("<span class=\"muted\">") + tr("report.not_tested") + "</span>";
        else if (*p < 0.05)
            result = std::string("<span class=\"sig\">") + tr("report.significant") + "</span>";
        else
            result = std::string("<span class=\"nosig\">") + tr("report.not_significant") + "</span>";
        if (const std::string note = textAt(t, "note"); !note.empty())
            result += "<div class=\"note\">" + escape(note) + "</div>";
        out += "<tr><td>" + escape(textAt(t, "dimension")) + "</td><td>" + variantCell(t, "a") + "</td><td>" +
               variantCell(t, "b") + "</td><td class=\"num\">" + difference + "</td><td class=\"num\">" +
               formatPValue(p) + "</td><td>" + result + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    closeSection(out);
}

} // namespace hawker::studio::report_html
