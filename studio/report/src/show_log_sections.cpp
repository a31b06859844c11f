// What happened during the show: the alerts raised, the top comments and the on-air log.

#include "report_sections.hpp"

#include <string>

#include "hawker/studio/base/phrase_json.hpp"
#include "html_escape.hpp"
#include "report_fields.hpp"
#include "report_format.hpp"
#include "section_frame.hpp"

namespace hawker::studio::report_html {

namespace {

std::string levelClass(const std::string& level) {
    if (level == "red" || level == "amber" || level == "green") return level;
    return "none";
}

} // namespace

void renderAlerts(std::string& out, const json& report) {
    if (!memberOf(report, "alerts").is_array()) return;
    const json& alerts = listAt(report, "alerts");
    openSection(out, "alerts", {"Alerts", "告警"});
    if (alerts.empty()) {
        emptyNote(out, tr("report.no_alerts"));
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
               escape(i18n::sayStored(memberOf(a, "phrase"), textAt(a, "message"))) + "</td><td>" +
               (flagAt(a, "acknowledged")
                    ? "acknowledged 已确认"
                    : std::string("<span class=\"muted\">") + tr("report.not_acknowledged") + "</span>") +
               "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    closeSection(out);
}

void renderTopComments(std::string& out, const json& report) {
    if (!memberOf(report, "top_comments").is_array()) return;
    const json& comments = listAt(report, "top_comments");
    openSection(out, "top_comments", {"Top comments", "精选评论"});
    if (comments.empty()) {
        emptyNote(out, tr("report.no_comments"));
        closeSection(out);
        return;
    }
    out += "<ol class=\"comments\">\n";
    for (const json& c : comments) {
        const json& paid = memberOf(c, "paid");
        const bool isPaid = paid.is_object();
        out += std::string(isPaid ? "<li class=\"paid\">" : "<li>") + "<span class=\"at\">" +
               formatOffset(numberAt(c, "offset_ms")) + "</span><span class=\"who\">" +
               escape(textAt(c, "who")) + "</span>";
        if (isPaid)
            out += "<span class=\"amount\">" +
                   escape(formatCurrencyMicros(textAt(paid, "currency"), integerAt(paid, "amount_micros"))) +
                   "</span>";
        out += "<span class=\"text\">" + escape(textAt(c, "text")) + "</span></li>\n";
    }
    out += "</ol>\n";
    closeSection(out);
}

void renderTimeline(std::string& out, const json& report) {
    if (!memberOf(report, "timeline").is_array()) return;
    const json& events = listAt(report, "timeline");
    openSection(out, "timeline", {"On-air log", "播出记录"});
    if (events.empty()) {
        emptyNote(out, tr("report.nothing_logged"));
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

} // namespace hawker::studio::report_html
