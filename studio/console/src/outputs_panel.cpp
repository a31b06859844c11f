#include "outputs_panel.hpp"

#include "hawker/studio/base/joined_text.hpp"

#include "ui_format.hpp"

namespace hawker::studio::console {

namespace {

ImVec4 outputColor(capture::OutputState state) {
    switch (state) {
    case capture::OutputState::Live:
        return kTextGood;
    case capture::OutputState::Connecting:
    case capture::OutputState::Reconnecting:
        return kTextWarn;
    case capture::OutputState::Failed:
        return kTextBad;
    default:
        return kTextDim;
    }
}

/// One row per encode: what it makes, and whether it keeps up with the program.
void drawEncodes(ConsoleContext& context, const EngineStatus& status) {
    if (!ImGui::BeginTable("encodes", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn(tr("outputs.col_encode"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn(tr("outputs.col_size"), ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableSetupColumn(tr("outputs.col_fps"), ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn(tr("outputs.col_lag"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(tr("sources.col_dropped"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableHeadersRow();
    for (const EncodeStatus& encode : status.encodes) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%s", encode.id.c_str());
        context.markRegion("encode_row:" + encode.id, ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                           ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y);
        if (ImGui::IsItemHovered()) {
            const std::string outputs = joinedText(encode.outputs, ", ");
            ImGui::SetTooltip(
                "%s%s",
                trf("outputs.feeds", {{"outputs", outputs.empty() ? tr("outputs.no_output") : outputs}})
                    .c_str(),
                encode.scaled ? tr("outputs.scaled") : "");
        }
        ImGui::TableNextColumn();
        const capture::EncoderSettings& e = encode.settings;
        ImGui::Text("%dx%d %dk/%ds", e.width, e.height, e.bitrateKbps, e.keyintSeconds);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s",
                              trf("outputs.encode_details", {{"width", std::to_string(e.width)},
                                                             {"height", std::to_string(e.height)},
                                                             {"kbps", std::to_string(e.bitrateKbps)},
                                                             {"keyint", std::to_string(e.keyintSeconds)},
                                                             {"profile", e.profile},
                                                             {"preset", e.preset},
                                                             {"audio", std::to_string(e.audioKbps)}})
                                  .c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%.1f", encode.encoder.fps);
        ImGui::TableNextColumn();
        ImGui::TextColored(encode.encoder.lagMs > 200 ? kTextWarn : kTextDim, "%.0f ms",
                           encode.encoder.lagMs);
        ImGui::TableNextColumn();
        ImGui::TextColored(encode.dropped > 0 ? kTextBad : kTextDim, "%s",
                           compactCount(static_cast<int64_t>(encode.dropped)).c_str());
        exactCountTooltip(static_cast<int64_t>(encode.dropped));
    }
    ImGui::EndTable();
}

} // namespace

namespace {

const char* outputStateLabel(capture::OutputState state) {
    switch (state) {
    case capture::OutputState::Idle:
        return tr("outputs.state_idle");
    case capture::OutputState::Connecting:
        return tr("outputs.state_connecting");
    case capture::OutputState::Live:
        return tr("outputs.state_live");
    case capture::OutputState::Reconnecting:
        return tr("outputs.state_reconnecting");
    case capture::OutputState::Failed:
        return tr("outputs.state_failed");
    case capture::OutputState::Stopped:
        return tr("outputs.state_stopped");
    }
    return tr("outputs.state_failed");
}

} // namespace

OutputsPanel::OutputsPanel()
    : Panel("Outputs", trKey("outputs.title"), PanelPlace{0.5f, 0.78f, 0.28f, 0.22f}) {}

void OutputsPanel::drawContent(ConsoleContext& context) {
    const EngineStatus& status = context.live().status;
    // The program's frame rate over the last second of snapshots.
    const double now = context.now();
    if (now - m_lastAt >= 1.0) {
        if (m_lastAt > 0 && status.frames >= m_lastFrames)
            m_fps = (status.frames - m_lastFrames) / (now - m_lastAt);
        m_lastFrames = status.frames;
        m_lastAt = now;
    }
    ImGui::TextUnformatted(trf("outputs.program_fps", {{"fps", formatNumber(m_fps, 1)}}).c_str());
    const ShowState* state = context.live().state.get();
    if (!ImGui::BeginTable("outputs", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn(tr("outputs.col_output"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn(tr("sources.col_state"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(tr("outputs.col_kbps"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(tr("sources.col_dropped"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(tr("sources.col_reconnects"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableHeadersRow();
    for (const capture::OutputStats& output : status.outputs) {
        ImGui::PushID(output.id.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        // One line per output, so a show's outputs and encodes fit the panel without scrolling: where it
        // goes (and its last error) shows on hover.
        ImGui::Text("%s", output.id.c_str());
        context.markRegion("output_row:" + output.id, ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                           ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s %s%s%s", toString(output.kind), output.target.c_str(),
                              output.lastError.empty() ? "" : "\n", output.lastError.c_str());
        ImGui::TableNextColumn();
        std::string text = outputStateLabel(output.state);
        if (output.state == capture::OutputState::Reconnecting && output.retryInMs >= 0)
            text += trf("outputs.retry_in", {{"seconds", std::to_string((output.retryInMs + 999) / 1000)}});
        ImGui::TextColored(outputColor(output.state), "%s", text.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%.0f", output.kbps);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(compactCount(static_cast<int64_t>(output.packetsDropped)).c_str());
        exactCountTooltip(static_cast<int64_t>(output.packetsDropped));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(formatCount(static_cast<int64_t>(output.reconnects)).c_str());
        ImGui::TableNextColumn();
        const bool stopped = state && state->outputsStopped.count(output.id) > 0;
        const std::string task = "output " + output.id;
        ImGui::BeginDisabled(!context.may("output.stop") || context.busy(task));
        if (stopped ? ImGui::SmallButton(trId("outputs.start").c_str())
                    : ImGui::SmallButton(trId("outputs.stop").c_str()))
            context.send(Command::named(stopped ? "output.start" : "output.stop", {{"output", output.id}}),
                         task);
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    ImGui::EndTable();
    drawEncodes(context, status);
    // The panel as it shows: a test checks that every row is inside, with nothing to scroll to.
    const ImVec2 at = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    context.markRegion("outputs_panel", at.x, at.y, at.x + size.x, at.y + size.y);
}

} // namespace hawker::studio::console
