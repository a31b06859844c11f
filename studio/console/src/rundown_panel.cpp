#include "rundown_panel.hpp"

#include "ui_format.hpp"

namespace hawker::studio::console {

RundownPanel::RundownPanel() : Panel("Rundown", trKey("rundown.title"), PanelPlace{0.78f, 0, 0.22f, 0.3f}) {}

void RundownPanel::drawContent(ConsoleContext& context) {
    ProgramView* engine = context.engine();
    const ShowSpec& show = engine->show();
    const ShowState* state = context.live().state.get();
    if (show.rundown.empty()) {
        ImGui::TextDisabled("%s", tr("rundown.none"));
        return;
    }
    const int current = state ? state->rundown.current : -1;
    const double elapsed =
        state && current >= 0 ? (context.live().programMs - state->rundown.segmentStartMs) / 1000.0 : 0.0;
    if (current >= 0 && current < static_cast<int>(show.rundown.size())) {
        const SegmentSpec& segment = show.rundown[current];
        const bool over = elapsed > segment.plannedSeconds;
        ImGui::Text("%d/%zu  %s", current + 1, show.rundown.size(), segment.title.c_str());
        const float fraction =
            segment.plannedSeconds > 0 ? static_cast<float>(elapsed / segment.plannedSeconds) : 1.0f;
        ImGui::PushStyleColor(ImGuiCol_PlotHistogram,
                              over ? ImVec4(0.85f, 0.2f, 0.2f, 1) : ImVec4(0.2f, 0.6f, 0.9f, 1));
        const std::string label =
            formatClock(elapsed) + " / " + formatClock(segment.plannedSeconds) +
            (over ? trf("rundown.overrun", {{"clock", formatClock(elapsed - segment.plannedSeconds)}}) : "");
        ImGui::ProgressBar(std::min(1.0f, fraction), ImVec2(-1, 0), label.c_str());
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("%s", tr("rundown.before_first"));
    }
    ImGui::BeginDisabled(!context.may("rundown.next") || context.busy("rundown"));
    if (ImGui::Button(current + 1 < static_cast<int>(show.rundown.size()) ? trId("rundown.next").c_str()
                                                                          : trId("rundown.end").c_str()))
        context.send(Command::named("rundown.next", {}), "rundown");
    ImGui::EndDisabled();

    if (!ImGui::BeginTable("segments", 4,
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit))
        return;
    ImGui::TableSetupColumn("#");
    ImGui::TableSetupColumn(tr("rundown.col_segment"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tr("rundown.col_planned"));
    ImGui::TableSetupColumn("");
    for (size_t i = 0; i < show.rundown.size(); ++i) {
        const SegmentSpec& segment = show.rundown[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        if (static_cast<int>(i) == current)
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(40, 90, 150, 170));
        else if (static_cast<int>(i) == current + 1)
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(60, 60, 70, 170));
        ImGui::TableNextColumn();
        ImGui::Text("%zu", i + 1);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(segment.title.c_str());
        if (static_cast<int>(i) == current + 1) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", tr("rundown.next_mark"));
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(formatClock(segment.plannedSeconds).c_str());
        ImGui::TableNextColumn();
        ImGui::BeginDisabled(!context.may("rundown.goto") || context.busy("rundown") ||
                             static_cast<int>(i) == current);
        if (ImGui::SmallButton(trId("rundown.go").c_str()))
            context.send(Command::named("rundown.goto", {{"index", std::to_string(i + 1)}}), "rundown");
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    ImGui::EndTable();
}

} // namespace hawker::studio::console
