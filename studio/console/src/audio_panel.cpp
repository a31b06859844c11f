#include "audio_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui_format.hpp"

namespace hawker::studio::console {

namespace {

// The meter's scale: -60 LUFS at the bottom, 0 at the top; the EBU target
// (-23 LUFS, the broadcast norm) and the -14 LUFS platforms normalise to are marked.
constexpr float kMeterFloor = -60.0f;
constexpr float kMeterWidth = 16.0f;

float meterFraction(double lufs) {
    return std::clamp(static_cast<float>((lufs - kMeterFloor) / -kMeterFloor), 0.0f, 1.0f);
}

ImU32 meterColor(double lufs) {
    if (lufs > -9) return IM_COL32(230, 60, 50, 255); // too loud for any platform
    if (lufs > -18) return IM_COL32(230, 190, 40, 255);
    return IM_COL32(60, 200, 90, 255);
}

/// A level with one decimal, or the dash of a missing one (the project's one number format).
std::string lufsText(std::optional<double> value) {
    return formatNumber(value, 1);
}

/// A vertical bar: momentary loudness filled, the short-term as a line, the true peak as a tick.
void drawMeter(const capture::LoudnessReading& reading, float height) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 end(at.x + kMeterWidth, at.y + height);
    draw->AddRectFilled(at, end, IM_COL32(25, 25, 28, 255));
    if (reading.momentaryLufs) {
        const float top = end.y - height * meterFraction(*reading.momentaryLufs);
        draw->AddRectFilled(ImVec2(at.x + 1, top), ImVec2(end.x - 1, end.y),
                            meterColor(*reading.momentaryLufs));
    }
    if (reading.shortTermLufs) {
        const float y = end.y - height * meterFraction(*reading.shortTermLufs);
        draw->AddLine(ImVec2(at.x, y), ImVec2(end.x, y), IM_COL32(255, 255, 255, 220), 2.0f);
    }
    if (reading.truePeakDbfs) {
        const float y = end.y - height * meterFraction(*reading.truePeakDbfs);
        draw->AddLine(
            ImVec2(at.x, y), ImVec2(end.x, y),
            *reading.truePeakDbfs > -1.0 ? IM_COL32(255, 40, 40, 255) : IM_COL32(150, 150, 255, 255), 1.0f);
    }
    for (float mark : {-23.0f, -14.0f}) {
        const float y = end.y - height * meterFraction(mark);
        draw->AddLine(ImVec2(end.x, y), ImVec2(end.x + 4, y), IM_COL32(200, 200, 200, 160));
    }
    ImGui::Dummy(ImVec2(kMeterWidth + 4, height));
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s", trf("audio.meter_tip", {{"momentary", lufsText(reading.momentaryLufs)},
                                                        {"short_term", lufsText(reading.shortTermLufs)},
                                                        {"integrated", lufsText(reading.integratedLufs)},
                                                        {"peak", lufsText(reading.truePeakDbfs)},
                                                        {"max_peak", lufsText(reading.maxTruePeakDbfs)}})
                                    .c_str());
    }
}

} // namespace

AudioPanel::AudioPanel() : Panel("Audio", trKey("audio.title"), PanelPlace{0.40f, 0.45f, 0.30f, 0.55f}) {}

void AudioPanel::drawStrip(ConsoleContext& context, const capture::MixerChannelStats& input) {
    const capture::ChannelSettings& strip = input.settings;
    ImGui::PushID(input.id.c_str());
    ImGui::BeginGroup();
    ImGui::TextUnformatted(input.id.c_str());
    const float height =
        std::max(80.0f, ImGui::GetContentRegionAvail().y - 6 * ImGui::GetFrameHeightWithSpacing());
    drawMeter(input.loudness, height);
    ImGui::SameLine();
    const bool mayChange = context.may("audio.gain");
    const std::string task = "audio " + input.id;
    ImGui::BeginDisabled(!mayChange);
    // The fader: the command goes once, when the operator lets go.
    auto dragged = m_dragging.find("gain");
    float gain = dragged != m_dragging.end() ? dragged->second : strip.gainDb;
    ImGui::VSliderFloat("##gain", ImVec2(28, height), &gain, -60.0f, 24.0f, "%.0f");
    if (ImGui::IsItemActive()) m_dragging["gain"] = gain;
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        char db[16];
        std::snprintf(db, sizeof db, "%.1f", gain);
        context.send(Command::named("audio.gain", {{"input", input.id}, {"db", db}}), task);
        m_dragging.erase("gain");
    } else if (!ImGui::IsItemActive()) {
        m_dragging.erase("gain");
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s",
                          trf("audio.fader_tip", {{"input", input.id}, {"db", lufsText(gain)}}).c_str());

    const ImVec4 on(0.85f, 0.25f, 0.25f, 1.0f), soloOn(0.90f, 0.75f, 0.15f, 1.0f);
    if (strip.muted) ImGui::PushStyleColor(ImGuiCol_Button, on);
    if (ImGui::Button(trId("audio.mute_short").c_str(), ImVec2(26, 0)))
        context.send(
            Command::named("audio.mute", {{"input", input.id}, {"muted", strip.muted ? "false" : "true"}}),
            task);
    if (strip.muted) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", tr(strip.muted ? trKey("audio.muted_tip") : trKey("audio.mute_tip")));
    ImGui::SameLine();
    if (strip.solo) ImGui::PushStyleColor(ImGuiCol_Button, soloOn);
    if (ImGui::Button(trId("audio.solo_short").c_str(), ImVec2(26, 0)))
        context.send(
            Command::named("audio.solo", {{"input", input.id}, {"solo", strip.solo ? "false" : "true"}}),
            task);
    if (strip.solo) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("audio.solo_tip"));

    ImGui::SetNextItemWidth(kMeterWidth + 4 + 28 + ImGui::GetStyle().ItemSpacing.x);
    auto draggedDelay = m_dragging.find("delay");
    int delay = draggedDelay != m_dragging.end() ? static_cast<int>(draggedDelay->second) : strip.delayMs;
    ImGui::DragInt("##delay", &delay, 1.0f, 0, capture::kMaxDelayMs, tr("audio.delay_format"));
    if (ImGui::IsItemActive()) m_dragging["delay"] = static_cast<float>(delay);
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        context.send(Command::named("audio.delay", {{"input", input.id}, {"ms", std::to_string(delay)}}),
                     task);
        m_dragging.erase("delay");
    } else if (!ImGui::IsItemActive()) {
        m_dragging.erase("delay");
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("audio.delay_tip"));

    bool gate = strip.gate;
    if (ImGui::Checkbox(trId("audio.gate").c_str(), &gate)) {
        char threshold[16];
        std::snprintf(threshold, sizeof threshold, "%.0f", strip.gateThresholdDb);
        context.send(Command::named(
                         "audio.gate",
                         {{"input", input.id}, {"on", gate ? "true" : "false"}, {"threshold_db", threshold}}),
                     task);
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "%s", trf("audio.gate_tip", {{"threshold", lufsText(strip.gateThresholdDb)},
                                         {"state", tr(!strip.gate      ? trKey("audio.gate_off")
                                                      : input.gateOpen ? trKey("audio.gate_open")
                                                                       : trKey("audio.gate_closed"))}})
                      .c_str());
    ImGui::EndDisabled();
    if (input.overTicks > 0)
        ImGui::TextColored(kTextBad, "%s",
                           trf("audio.overs", {{"count", std::to_string(input.overTicks)}}).c_str());
    else
        ImGui::TextDisabled("%s", lufsText(input.loudness.momentaryLufs).c_str());
    ImGui::EndGroup();
    ImGui::PopID();
}

void AudioPanel::drawContent(ConsoleContext& context) {
    const EngineStatus& status = context.live().status;
    if (!status.programAudio) {
        ImGui::TextDisabled("%s", tr("audio.no_sound"));
        return;
    }
    const capture::ProgramMixStats& program = *status.programAudio;
    for (const capture::MixerChannelStats& input : status.audioInputs) {
        drawStrip(context, input);
        ImGui::SameLine(0, 18);
    }
    // The program's strip.
    ImGui::BeginGroup();
    ImGui::TextUnformatted(tr("audio.program"));
    const float height =
        std::max(80.0f, ImGui::GetContentRegionAvail().y - 5 * ImGui::GetTextLineHeightWithSpacing());
    drawMeter(program.loudness, height);
    ImGui::SameLine();
    // The limiter's gain reduction, hanging from the top.
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float reduction = std::clamp(-program.limiterReductionDb / 12.0f, 0.0f, 1.0f);
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + 6, at.y + height), IM_COL32(25, 25, 28, 255));
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + 6, at.y + height * reduction),
                                              IM_COL32(240, 140, 40, 255));
    ImGui::Dummy(ImVec2(8, height));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "%s", trf(program.limiter ? trKey("audio.limiter_on_tip") : trKey("audio.limiter_off_tip"),
                      {{"ceiling", lufsText(capture::kLimiterCeilingDbtp)},
                       {"now", lufsText(program.limiterReductionDb)},
                       {"most", lufsText(program.limiterMaxReductionDb)}})
                      .c_str());
    ImGui::TextUnformatted(
        trf("audio.momentary", {{"lufs", lufsText(program.loudness.momentaryLufs)}}).c_str());
    ImGui::TextUnformatted(
        trf("audio.short_term", {{"lufs", lufsText(program.loudness.shortTermLufs)}}).c_str());
    ImGui::TextUnformatted(
        trf("audio.integrated", {{"lufs", lufsText(program.loudness.integratedLufs)}}).c_str());
    const bool hot =
        program.loudness.maxTruePeakDbfs && *program.loudness.maxTruePeakDbfs > capture::kLimiterCeilingDbtp;
    ImGui::TextColored(hot ? kTextBad : kTextDim, "%s",
                       trf("audio.true_peak", {{"dbtp", lufsText(program.loudness.truePeakDbfs)}}).c_str());
    ImGui::EndGroup();
    if (!program.soloed.empty()) {
        std::string soloed;
        for (const std::string& id : program.soloed)
            soloed += (soloed.empty() ? "" : ", ") + id;
        ImGui::TextColored(
            kTextWarn, "%s",
            trf("audio.monitor",
                {{"inputs", soloed},
                 {"lufs", lufsText(program.monitor ? program.monitor->momentaryLufs : std::nullopt)}})
                .c_str());
    }
    if (status.monitorDevice) {
        // The operator's headphones: a device that is gone is told here, not found out on air.
        const capture::AudioMonitorStats& phones = *status.monitorDevice;
        const std::string device = phones.format + ":" + phones.device;
        if (phones.playing) {
            ImGui::TextDisabled("%s", trf("audio.phones_playing", {{"device", device}}).c_str());
        } else {
            ImGui::TextColored(kTextWarn, "%s", trf("audio.phones_down", {{"device", device}}).c_str());
            if (ImGui::IsItemHovered() && !phones.error.empty())
                ImGui::SetTooltip("%s", phones.error.c_str());
        }
    }
}

} // namespace hawker::studio::console
