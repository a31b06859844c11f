#include "stats_panel.hpp"

#include <algorithm>

#include "ui_format.hpp"

namespace hawker::studio::console {

StatsPanel::StatsPanel() : Panel("Stats", PanelPlace{0.78f, 0.78f, 0.22f, 0.22f}) {}

void StatsPanel::drawContent(ConsoleContext& context) {
    const ImGuiIO& io = ImGui::GetIO();
    if (m_frameMs.size() < 120) m_frameMs.resize(120, 0.0f);
    m_frameMs[m_next] = io.DeltaTime * 1000.0f;
    m_next = (m_next + 1) % m_frameMs.size();
    std::vector<float> sorted(m_frameMs);
    std::sort(sorted.begin(), sorted.end());
    const std::string overlay =
        "console " + std::to_string(static_cast<int>(sorted[sorted.size() / 2] + 0.5f)) + " ms median";
    ImGui::PlotLines("##frame", m_frameMs.data(), static_cast<int>(m_frameMs.size()),
                     static_cast<int>(m_next), overlay.c_str(), 0.0f, 50.0f, ImVec2(-1, 40));
    const LiveSnapshot& live = context.live();
    const EngineStatus& s = live.status;
    if (!ImGui::BeginTable("stats", 2, ImGuiTableFlags_SizingStretchProp)) return;
    auto row = [](const char* name, const std::string& value) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", name);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(value.c_str());
    };
    auto ms = [](double value) {
        if (value < 0) return std::string("—");
        char text[32];
        std::snprintf(text, sizeof text, "%.2f ms", value);
        return std::string(text);
    };
    row("render (median / p99)", ms(s.composeMsMedian) + " / " + ms(s.composeMsP99));
    row("encode (median)", ms(s.encoder.encodeMsMedian));
    row("encode lag (median / p99)", ms(s.encoder.latencyMsMedian) + " / " + ms(s.encoder.latencyMsP99));
    row("frames", std::to_string(s.frames));
    row("dropped / lagged", std::to_string(s.dropped) + " / " + std::to_string(s.lagged));
    row("graphics rendered", std::to_string(s.graphicRenders));
    row("CPU (this process)", formatPercent(live.cpuPercent / 100.0, 0) + " of a core");
    ImGui::EndTable();
}

} // namespace hawker::studio::console
