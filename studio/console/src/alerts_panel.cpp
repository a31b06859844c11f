#include "alerts_panel.hpp"

#include <algorithm>
#include <vector>

#include "chart_drawing.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/phrase_json.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

using nlohmann::json;

namespace {

/// The feed takes a new analytics snapshot about three times a second; this
/// leaves it time to show the acknowledgement before the button comes back.
constexpr double kAckSettleSeconds = 1.5;

std::string ackTask(int64_t id) {
    return "alert ack " + std::to_string(id);
}

} // namespace

void AlertsPanel::drawContent(ConsoleContext& context) {
    const json& analytics = context.live().analytics;
    if (!analytics.is_object()) {
        ImGui::TextDisabled("%s", tr("alerts.no_session"));
        return;
    }

    std::vector<const json*> alerts;
    size_t open = 0;
    if (const json& all = json_read::memberOf(analytics, "alerts"); all.is_array())
        for (const json& alert : all) {
            if (!alert.is_object()) continue;
            alerts.push_back(&alert);
            if (!json_read::flagAt(alert, "acknowledged")) ++open;
        }

    const double now = context.now();
    std::erase_if(m_sentAt, [&](const auto& sent) { return now - sent.second > kAckSettleSeconds; });

    if (open > 0)
        ImGui::TextColored(
            ImGui::ColorConvertU32ToFloat4(statusColor("red")), "%s",
            trf("alerts.unacknowledged", {{"count", formatCount(static_cast<int64_t>(open))}}).c_str());
    else
        ImGui::TextDisabled("%s", tr("alerts.all_acknowledged"));
    ImGui::SameLine();
    ImGui::TextDisabled(
        "%s", trf("alerts.in_all", {{"count", formatCount(static_cast<int64_t>(alerts.size()))}}).c_str());
    ImGui::SameLine();
    ImGui::Checkbox(trId("alerts.show_acknowledged").c_str(), &m_showAcknowledged);

    ProgramView* engine = context.engine();
    const bool mayAck = engine != nullptr && engine->analytics() != nullptr;
    if (!mayAck && open > 0) ImGui::TextDisabled("%s", tr("alerts.ack_at_desk"));
    if (alerts.empty()) {
        ImGui::TextDisabled("%s", tr("alerts.none"));
        return;
    }

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("alerts", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("alerts.col_time"));
    ImGui::TableSetupColumn(tr("alerts.col_level"));
    ImGui::TableSetupColumn(tr("alerts.col_alert"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("##ack");
    ImGui::TableHeadersRow();

    // The snapshot lists them in the order they were raised; the newest matters most.
    for (auto it = alerts.rbegin(); it != alerts.rend(); ++it) {
        const json& alert = **it;
        const bool acknowledged = json_read::flagAt(alert, "acknowledged");
        if (acknowledged && !m_showAcknowledged) continue;
        const int64_t id = json_read::integerAt(alert, "id");
        const std::string level = json_read::stringAt(alert, "level");
        // Said in the console's language; an alert stored before alerts had phrases shows its message as
        // it is.
        const std::string message =
            i18n::sayStored(json_read::memberOf(alert, "phrase"), json_read::stringAt(alert, "message"));
        context.noticeText(message); // alerts quote product names and comments: their glyphs too
        const ImVec4 levelColor = ImGui::ColorConvertU32ToFloat4(statusColor(level));

        ImGui::TableNextRow();
        if (!acknowledged && level == "red")
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(220, 60, 60, 40));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(
            formatClock(static_cast<double>(std::max<int64_t>(0, json_read::integerAt(alert, "offset_ms"))) /
                        1000)
                .c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(levelColor, "%s",
                           level == "red"     ? tr("alerts.level_red")
                           : level == "amber" ? tr("alerts.level_amber")
                           : level == "green" ? tr("alerts.level_green")
                                              : level.c_str());
        ImGui::TableNextColumn();
        if (acknowledged) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            ImGui::TextWrapped("%s", message.empty() ? json_read::stringAt(alert, "rule").c_str()
                                                     : message.c_str());
            ImGui::PopStyleColor();
            const std::string by = json_read::stringAt(alert, "acknowledged_by");
            ImGui::TextDisabled("%s", by.empty() ? tr("alerts.acknowledged")
                                                 : trf("alerts.acknowledged_by", {{"who", by}}).c_str());
        } else {
            ImGui::TextWrapped("%s", message.empty() ? json_read::stringAt(alert, "rule").c_str()
                                                     : message.c_str());
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", trf("alerts.details", {{"rule", json_read::stringAt(alert, "rule")},
                                                           {"kpi", json_read::stringAt(alert, "kpi")},
                                                           {"id", std::to_string(id)}})
                                        .c_str());

        ImGui::TableNextColumn();
        // An alert the database did not take has no id to acknowledge by.
        if (acknowledged || !mayAck || id <= 0) continue;
        const std::string task = ackTask(id);
        ImGui::PushID(task.c_str());
        ImGui::BeginDisabled(context.busy(task) || m_sentAt.count(id) > 0);
        if (ImGui::SmallButton(trId("alerts.ack").c_str())) acknowledge(context, id);
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void AlertsPanel::acknowledge(ConsoleContext& context, int64_t id) {
    ProgramView* engine = context.engine();
    if (!engine) return;
    const std::string who = context.actor().who;
    ConsoleContext* console = &context;
    // The acknowledgement is an UPDATE on the session's SQLite file: never on the UI thread.
    const bool queued = context.tasks().run(
        Lane::Commands, ackTask(id), [engine, id, who, console](TaskProgress&) -> TaskRunner::Deferred {
            LiveAnalytics* analytics = engine->analytics();
            const bool ok = analytics != nullptr && analytics->acknowledge(id, who);
            return [console, ok, id] {
                console->message(ok, ok ? trf("alerts.acked", {{"id", std::to_string(id)}})
                                        : trf("alerts.not_this_session", {{"id", std::to_string(id)}}));
            };
        });
    if (queued)
        m_sentAt[id] = context.now();
    else
        context.message(false, trf("alerts.busy", {{"id", std::to_string(id)}}));
}

} // namespace hawker::studio::console
