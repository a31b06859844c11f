// The review (复盘) notes grouped by kind, and the action items with their owners.

#include "report_sections.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "html_escape.hpp"
#include "report_fields.hpp"
#include "report_format.hpp"
#include "section_frame.hpp"

namespace hawker::studio::report_html {

namespace {

std::string actionStatusText(const std::string& status) {
    if (status == "done") return "done 已完成";
    if (status == "dropped") return "dropped 已放弃";
    if (status == "open") return "open 未完成";
    return status;
}

} // namespace

void renderOpenActions(std::string& out, const json& report) {
    const json& actions = listAt(report, "open_actions");
    if (actions.empty()) return;
    out += "<div class=\"open-actions\" id=\"open-actions\">\n<h3>Still open from earlier shows <span "
           "class=\"zh\">往期未完成的行动项</span></h3>\n<ul>\n";
    for (const json& a : actions) {
        out += "<li>" + escape(textAt(a, "text"));
        if (const std::string owner = textAt(a, "owner"); !owner.empty())
            out += " <span class=\"owner\">" + escape(owner) + "</span>";
        if (const std::string due = textAt(a, "due"); !due.empty())
            out += " <span class=\"due\">due 截止 " + escape(due) + "</span>";
        out += " <span class=\"muted\">— " + escape(textAt(a, "session_title")) + ", " +
               formatUtc(numberAt(a, "session_start_utc_ms")) + "</span></li>\n";
    }
    out += "</ul>\n</div>\n";
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
        emptyNote(out, tr("report.no_notes"));
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
        emptyNote(out, tr("report.no_actions"));
    } else {
        out +=
            "<table class=\"data actions\">\n<thead><tr><th>Action 行动</th><th>Owner 负责人</th><th>Status "
            "状态</th><th>Due 截止</th><th>Added 记录时间</th></tr></thead>\n<tbody>\n";
        for (const json* note : actions->second) {
            const std::string owner = textAt(*note, "owner");
            out +=
                "<tr><td>" + escape(textAt(*note, "text")) + "</td><td>" +
                (owner.empty() ? std::string("<span class=\"muted\">") + tr("report.unassigned") + "</span>"
                               : escape(owner)) +
                "</td><td class=\"status " + escape(textAt(*note, "status")) + "\">" +
                escape(actionStatusText(textAt(*note, "status"))) + "</td><td class=\"nowrap\">" +
                escape(textAt(*note, "due")) + "</td><td class=\"nowrap\">" +
                formatUtc(numberAt(*note, "utc_ms")) + "</td></tr>\n";
        }
        out += "</tbody></table>\n";
    }
    closeSection(out);
}

} // namespace hawker::studio::report_html
