#include "console/sources_panel.hpp"

#include "console/ui_format.hpp"

namespace hawker::studio::console {

namespace {

ImVec4 sourceColor(capture::SourceState state) {
    switch (state) {
    case capture::SourceState::Live:
        return kTextGood;
    case capture::SourceState::Connecting:
    case capture::SourceState::Stalled:
        return kTextWarn;
    case capture::SourceState::Ended:
        return kTextDim;
    default:
        return kTextBad;
    }
}

} // namespace

SourcesPanel::SourcesPanel() : Panel("Sources", PanelPlace{0.78f, 0.52f, 0.22f, 0.26f}) {}

void SourcesPanel::drawContent(ConsoleContext& context) {
    ProgramEngine* engine = context.engine();
    if (!engine) {
        ImGui::TextDisabled("This login runs no program.");
        return;
    }
    const EngineStatus& status = context.live().status;
    if (!ImGui::BeginTable("sources", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("source", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("state", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("picture", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("dropped", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("reconnects", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    for (const capture::SourceStats& source : status.sources) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(source.id.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(sourceColor(source.state), "%s", toString(source.state));
        if (!source.lastError.empty() && ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", source.lastError.c_str());
        ImGui::TableNextColumn();
        if (source.width > 0)
            ImGui::Text("%dx%d %.0f fps", source.width, source.height, source.fps);
        else
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
        ImGui::PopID();
    }
    ImGui::EndTable();
    ImGui::TextWrapped(
        "Sources reconnect by themselves with backoff; the program shows the last picture meanwhile. "
        "Reconnect tries again now.");
}

} // namespace hawker::studio::console
