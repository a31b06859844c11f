#include "sources_panel.hpp"

#include "hawker/studio/base/secret_mask.hpp"
#include "hawker/studio/show/added_sources.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

SourcesPanel::SourcesPanel() : Panel("Sources", PanelPlace{0.78f, 0.52f, 0.22f, 0.26f}) {}

void SourcesPanel::drawContent(ConsoleContext& context) {
    ProgramView* engine = context.engine();
    const EngineStatus& status = context.live().status;
    if (!ImGui::BeginTable("sources", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("source", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("state", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("picture", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("dropped", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("reconnects", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 2.3f);
    ImGui::TableHeadersRow();
    for (const capture::SourceStats& source : status.sources) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(source.id.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(sourceStateColor(source.state), "%s", toString(source.state));
        if (!source.lastError.empty() && ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", source.lastError.c_str());
        ImGui::TableNextColumn();
        if (source.width > 0) {
            // A camera only the multiview shows is decoded light; its picture is exact
            // again from its next keyframe once it is cued.
            ImGui::TextColored(source.exact ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : kTextDim,
                               "%dx%d %.0f fps", source.width, source.height, source.fps);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s", source.lightDecode ? "multiview only: decoded light (no loop filter)"
                                        : source.exact     ? "decoded in full"
                                                           : "decoded in full from its next keyframe");
        } else
            ImGui::TextDisabled("audio only");
        ImGui::TableNextColumn();
        ImGui::Text("%llu", static_cast<unsigned long long>(source.framesDropped));
        ImGui::TableNextColumn();
        ImGui::Text("%llu", static_cast<unsigned long long>(source.reconnects));
        if (source.lostMs > 0) {
            ImGui::SameLine();
            ImGui::TextDisabled("(%s lost)", formatClock(source.lostMs / 1000.0).c_str());
        }
        ImGui::TableNextColumn();
        const std::string task = "reconnect " + source.id;
        ImGui::PushID(source.id.c_str());
        ImGui::BeginDisabled(!context.may("source.reconnect") || context.busy(task) ||
                             source.state == capture::SourceState::Ended);
        if (ImGui::SmallButton("Reconnect"))
            context.send(Command::named("source.reconnect", {{"source", source.id}}), task);
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(!context.may("source.edit") || context.busy(task));
        if (ImGui::SmallButton("Edit…")) {
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
    if (ImGui::Button("Add camera…")) m_adding.open(engine->show(), state);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    context.markRegion("sources_add", min.x, min.y, max.x, max.y);
    ImGui::EndDisabled();
    m_adding.draw(context);
    ImGui::TextWrapped(
        "Sources reconnect by themselves with backoff; the program shows the last picture meanwhile. "
        "Reconnect tries again now.");
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
        return "waiting 等待中";
    case ConnectorState::Connected:
        return "connected 已连接";
    case ConnectorState::BackingOff:
        return "backing off 重试中";
    case ConnectorState::Failing:
        return "failing 连接失败";
    case ConnectorState::Ended:
        return "ended 已结束";
    }
    return "";
}

} // namespace

void SourcesPanel::drawConnectors(ConsoleContext& context) {
    const std::vector<ConnectorStatus>& connectors = context.live().connectors;
    if (connectors.empty()) return;
    ImGui::Separator();
    ImGui::TextUnformatted("Comment connectors 评论连接");
    if (!ImGui::BeginTable("connectors", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp))
        return;
    ImGui::TableSetupColumn("connector", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("state", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("comments", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("last error", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableHeadersRow();
    for (const ConnectorStatus& c : connectors) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.name.c_str());
        ImGui::TextDisabled("%s", c.platform.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(connectorColor(c.state), "%s", connectorStateLabel(c.state));
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(c.received));
        if (c.badSignatures > 0)
            ImGui::TextColored(kTextBad, "%lld bad signatures", static_cast<long long>(c.badSignatures));
        ImGui::TableNextColumn();
        if (c.lastError.empty())
            ImGui::TextDisabled("—");
        else
            ImGui::TextWrapped("%s", c.lastError.c_str());
    }
    ImGui::EndTable();
}

void SourcesPanel::drawEditor(ConsoleContext& context) {
    if (m_openEditor) {
        ImGui::OpenPopup("Change a source's input");
        m_openEditor = false;
    }
    if (!ImGui::BeginPopupModal("Change a source's input", nullptr, ImGuiWindowFlags_AlwaysAutoResize))
        return;
    ImGui::Text("%s", m_editing.c_str());
    ImGui::TextDisabled("The program keeps its last picture while the source reconnects to the new input.");
    ImGui::SetNextItemWidth(520);
    ImGui::InputText("URL", m_url, sizeof m_url);
    ImGui::SetNextItemWidth(160);
    ImGui::InputTextWithHint("format", "auto", m_format, sizeof m_format);
    if (maskSecrets(m_currentUrl) != m_currentUrl)
        ImGui::TextDisabled("**** is the login kept as it is; a changed URL needs its login typed again. / "
                            "**** 表示原登录信息不变；改了地址须重新输入登录信息。");
    if (ImGui::Button("Apply")) {
        const std::string url = m_url == maskSecrets(m_currentUrl) ? m_currentUrl : std::string(m_url);
        context.send(
            Command::named("source.edit", {{"source", m_editing}, {"url", url}, {"format", m_format}}),
            "reconnect " + m_editing);
        m_currentUrl.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    // A camera added during the show can go again, with its scene, once it is off air.
    const ShowState* state = context.live().state.get();
    if (state && findAddedSource(*state, m_editing)) {
        const bool onAir = state->program == m_editing || state->preview == m_editing;
        ImGui::Separator();
        ImGui::BeginDisabled(onAir || !context.may("source.remove"));
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.55f, 0.14f, 0.14f, 1));
        if (ImGui::Button("Remove camera and its scene")) {
            context.send(Command::named("source.remove", {{"source", m_editing}}), "reconnect " + m_editing);
            ImGui::CloseCurrentPopup();
        }
        ImGui::PopStyleColor();
        ImGui::EndDisabled();
        if (onAir) {
            ImGui::SameLine();
            ImGui::TextDisabled("its scene is on program or preview");
        }
    }
    ImGui::EndPopup();
}

} // namespace hawker::studio::console
