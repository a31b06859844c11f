#include "sources_panel.hpp"

#include "hawker/studio/base/secret_mask.hpp"
#include "hawker/studio/show/added_sources.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

SourcesPanel::SourcesPanel()
    : Panel("Sources", trKey("sources.title"), PanelPlace{0.78f, 0.52f, 0.22f, 0.26f}) {}

void SourcesPanel::drawContent(ConsoleContext& context) {
    ProgramView* engine = context.engine();
    const EngineStatus& status = context.live().status;
    if (!ImGui::BeginTable("sources", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn(tr("sources.col_source"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(tr("sources.col_state"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(tr("sources.col_picture"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn(tr("sources.col_dropped"), ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn(tr("sources.col_reconnects"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 2.3f);
    ImGui::TableHeadersRow();
    for (const capture::SourceStats& source : status.sources) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(source.id.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(sourceStateColor(source.state), "%s", sourceStateLabel(source.state));
        if (!source.lastError.empty() && ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", source.lastError.c_str());
        ImGui::TableNextColumn();
        if (source.width > 0) {
            // A camera only the multiview shows is decoded light; once cued, it catches up from
            // its last keyframe and its picture is exact again (dim until then).
            ImGui::TextColored(source.exact ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : kTextDim,
                               "%dx%d %.0f fps", source.width, source.height, source.fps);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s", source.keyframesOnly ? tr("sources.decode_keyframes")
                                        : source.lightDecode ? tr("sources.decode_light")
                                        : source.exact       ? tr("sources.decode_full")
                                                             : tr("sources.decode_catching_up"));
        } else
            ImGui::TextDisabled("%s", tr("sources.audio_only"));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(compactCount(static_cast<int64_t>(source.framesDropped)).c_str());
        exactCountTooltip(static_cast<int64_t>(source.framesDropped));
        ImGui::TableNextColumn();
        ImGui::Text("%llu", static_cast<unsigned long long>(source.reconnects));
        if (source.lostMs > 0) {
            ImGui::SameLine();
            ImGui::TextDisabled(
                "%s", trf("sources.lost_for", {{"clock", formatClock(source.lostMs / 1000.0)}}).c_str());
        }
        ImGui::TableNextColumn();
        const std::string task = "reconnect " + source.id;
        ImGui::PushID(source.id.c_str());
        ImGui::BeginDisabled(!context.may("source.reconnect") || context.busy(task) ||
                             source.state == capture::SourceState::Ended);
        if (ImGui::SmallButton(trId("sources.reconnect").c_str()))
            context.send(Command::named("source.reconnect", {{"source", source.id}}), task);
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(!context.may("source.edit") || context.busy(task));
        if (ImGui::SmallButton(trId("sources.edit").c_str())) {
            // Start from what the source reads now (the show file's, or the last edit).
            std::string url, format;
            if (const ShowState* state = context.live().state.get())
                if (auto input = currentInput(engine->show(), *state, source.id))
                    url = input->url, format = input->format;
            m_editing = source.id;
            // The field shows the URL with its login masked; sent back
            // unchanged, it stands for the URL as it is.
            m_currentUrl = url;
            std::snprintf(m_url, sizeof m_url, "%s", maskSecrets(url).c_str());
            std::snprintf(m_format, sizeof m_format, "%s", format.c_str());
            m_openEditor = true;
        }
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    ImGui::EndTable();
    drawConnectors(context);
    drawEditor(context);
    const ShowState* state = context.live().state.get();
    ImGui::BeginDisabled(!context.may("source.add") || context.busy("source.add") || !state);
    if (ImGui::Button(trId("sources.add_camera").c_str())) m_adding.open(engine->show(), state);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    context.markRegion("sources_add", min.x, min.y, max.x, max.y);
    ImGui::EndDisabled();
    m_adding.draw(context);
    ImGui::TextWrapped("%s", tr("sources.reconnect_hint"));
}

namespace {

ImVec4 connectorColor(ConnectorState state) {
    switch (state) {
    case ConnectorState::Connected:
        return kTextGood;
    case ConnectorState::BackingOff:
        return kTextWarn;
    case ConnectorState::Failing:
        return kTextBad;
    default:
        return kTextDim;
    }
}

const char* connectorStateLabel(ConnectorState state) {
    switch (state) {
    case ConnectorState::Waiting:
        return tr("sources.conn_waiting");
    case ConnectorState::Connected:
        return tr("sources.conn_connected");
    case ConnectorState::BackingOff:
        return tr("sources.conn_backing_off");
    case ConnectorState::Failing:
        return tr("sources.conn_failing");
    case ConnectorState::Ended:
        return tr("sources.conn_ended");
    }
    return "";
}

} // namespace

void SourcesPanel::drawConnectors(ConsoleContext& context) {
    const std::vector<ConnectorStatus>& connectors = context.live().connectors;
    if (connectors.empty()) return;
    ImGui::Separator();
    ImGui::TextUnformatted(tr("sources.connectors"));
    if (!ImGui::BeginTable("connectors", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp))
        return;
    ImGui::TableSetupColumn(tr("sources.col_connector"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(tr("sources.col_state"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(tr("sources.col_comments"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(tr("sources.col_last_error"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableHeadersRow();
    for (const ConnectorStatus& c : connectors) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.name.c_str());
        ImGui::TextDisabled("%s", c.platform.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(connectorColor(c.state), "%s", connectorStateLabel(c.state));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(compactCount(c.received).c_str());
        exactCountTooltip(c.received);
        if (c.badSignatures > 0)
            ImGui::TextColored(
                kTextBad, "%s",
                trf("sources.bad_signatures", {{"count", formatCount(c.badSignatures)}}).c_str());
        ImGui::TableNextColumn();
        if (c.lastError.empty())
            ImGui::TextDisabled("%s", kMissing);
        else
            ImGui::TextWrapped("%s", c.lastError.c_str());
    }
    ImGui::EndTable();
}

void SourcesPanel::drawEditor(ConsoleContext& context) {
    const std::string popup = trId("sources.edit_title");
    if (m_openEditor) {
        ImGui::OpenPopup(popup.c_str());
        m_openEditor = false;
    }
    if (!ImGui::BeginPopupModal(popup.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::Text("%s", m_editing.c_str());
    ImGui::TextDisabled("%s", tr("sources.edit_hint"));
    ImGui::SetNextItemWidth(520);
    ImGui::InputText(trId("sources.url").c_str(), m_url, sizeof m_url);
    ImGui::SetNextItemWidth(160);
    ImGui::InputTextWithHint(trId("sources.format").c_str(), tr("sources.format_auto"), m_format,
                             sizeof m_format);
    if (maskSecrets(m_currentUrl) != m_currentUrl) ImGui::TextDisabled("%s", tr("sources.login_kept"));
    if (ImGui::Button(trId("common.apply").c_str())) {
        const std::string url = m_url == maskSecrets(m_currentUrl) ? m_currentUrl : std::string(m_url);
        context.send(
            Command::named("source.edit", {{"source", m_editing}, {"url", url}, {"format", m_format}}),
            "reconnect " + m_editing);
        m_currentUrl.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(trId("common.cancel").c_str())) ImGui::CloseCurrentPopup();
    // A camera added during the show can go again, with its scene, once it is off air.
    const ShowState* state = context.live().state.get();
    if (state && findAddedSource(*state, m_editing)) {
        const bool onAir = state->program == m_editing || state->preview == m_editing;
        ImGui::Separator();
        ImGui::BeginDisabled(onAir || !context.may("source.remove"));
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.55f, 0.14f, 0.14f, 1));
        if (ImGui::Button(trId("sources.remove_camera").c_str())) {
            context.send(Command::named("source.remove", {{"source", m_editing}}), "reconnect " + m_editing);
            ImGui::CloseCurrentPopup();
        }
        ImGui::PopStyleColor();
        ImGui::EndDisabled();
        if (onAir) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", tr("sources.scene_on_air"));
        }
    }
    ImGui::EndPopup();
}

} // namespace hawker::studio::console
