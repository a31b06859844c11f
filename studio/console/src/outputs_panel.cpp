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
void drawEncodes(const EngineStatus& status) {
    if (!ImGui::BeginTable("encodes", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("encode", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn("size kbps/key", ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableSetupColumn("fps", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("lag", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("dropped", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableHeadersRow();
    for (const EncodeStatus& encode : status.encodes) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%s", encode.id.c_str());
        if (ImGui::IsItemHovered()) {
            const std::string outputs = joinedText(encode.outputs, ", ");
            ImGui::SetTooltip("feeds %s%s", outputs.empty() ? "no output" : outputs.c_str(),
                              encode.scaled ? " · scaled from the canvas" : "");
        }
        ImGui::TableNextColumn();
        const capture::EncoderSettings& e = encode.settings;
        ImGui::Text("%dx%d %dk/%ds", e.width, e.height, e.bitrateKbps, e.keyintSeconds);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "%dx%d · video %d kbps · keyframe every %d s · H.264 %s, x264 %s · audio %d kbps", e.width,
                e.height, e.bitrateKbps, e.keyintSeconds, e.profile.c_str(), e.preset.c_str(), e.audioKbps);
        ImGui::TableNextColumn();
        ImGui::Text("%.1f", encode.encoder.fps);
        ImGui::TableNextColumn();
        ImGui::TextColored(encode.encoder.lagMs > 200 ? kTextWarn : kTextDim, "%.0f ms",
                           encode.encoder.lagMs);
        ImGui::TableNextColumn();
        ImGui::TextColored(encode.dropped > 0 ? kTextBad : kTextDim, "%llu",
                           static_cast<unsigned long long>(encode.dropped));
    }
    ImGui::EndTable();
}

} // namespace

OutputsPanel::OutputsPanel() : Panel("Outputs", PanelPlace{0.5f, 0.78f, 0.28f, 0.22f}) {}

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
    ImGui::Text("program %.1f fps", m_fps);
    const ShowState* state = context.live().state.get();
    if (!ImGui::BeginTable("outputs", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("output", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn("state", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("kbps", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("dropped", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("reconnects", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableHeadersRow();
    for (const capture::OutputStats& output : status.outputs) {
        ImGui::PushID(output.id.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%s", output.id.c_str());
        ImGui::TextDisabled("%s %s", toString(output.kind), output.target.c_str());
        if (!output.lastError.empty() && ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", output.lastError.c_str());
        ImGui::TableNextColumn();
        std::string text = toString(output.state);
        if (output.state == capture::OutputState::Reconnecting && output.retryInMs >= 0)
            text += " · retry in " + std::to_string((output.retryInMs + 999) / 1000) + " s";
        ImGui::TextColored(outputColor(output.state), "%s", text.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%.0f", output.kbps);
        ImGui::TableNextColumn();
        ImGui::Text("%llu", static_cast<unsigned long long>(output.packetsDropped));
        ImGui::TableNextColumn();
        ImGui::Text("%llu", static_cast<unsigned long long>(output.reconnects));
        ImGui::TableNextColumn();
        const bool stopped = state && state->outputsStopped.count(output.id) > 0;
        const std::string task = "output " + output.id;
        ImGui::BeginDisabled(!context.may("output.stop") || context.busy(task));
        if (stopped ? ImGui::SmallButton("Start") : ImGui::SmallButton("Stop"))
            context.send(Command::named(stopped ? "output.start" : "output.stop", {{"output", output.id}}),
                         task);
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    ImGui::EndTable();
    drawEncodes(status);
}

} // namespace hawker::studio::console
