#include "stats_panel.hpp"

#include <algorithm>

#include "ui_format.hpp"

namespace hawker::studio::console {

StatsPanel::StatsPanel() : Panel("Stats", trKey("stats.title"), PanelPlace{0.78f, 0.78f, 0.22f, 0.22f}) {}

void StatsPanel::drawContent(ConsoleContext& context) {
    const ImGuiIO& io = ImGui::GetIO();
    if (m_frameMs.size() < 120) m_frameMs.resize(120, 0.0f);
    m_frameMs[m_next] = io.DeltaTime * 1000.0f;
    m_next = (m_next + 1) % m_frameMs.size();
    std::vector<float> sorted(m_frameMs);
    std::sort(sorted.begin(), sorted.end());
    const std::string overlay = trf(
        "stats.console_median", {{"ms", std::to_string(static_cast<int>(sorted[sorted.size() / 2] + 0.5f))}});
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
    const auto ms = [](double value) { return formatMs(value, 2); };
    row(tr("stats.render"), ms(s.composeMsMedian) + " / " + ms(s.composeMsP99));
    row(tr("stats.encode"), ms(s.encoder.encodeMsMedian));
    row(tr("stats.encode_lag"), ms(s.encoder.latencyMsMedian) + " / " + ms(s.encoder.latencyMsP99));
    row(tr("stats.frames"), formatCount(static_cast<int64_t>(s.frames)));
    row(tr("stats.dropped_lagged"),
        formatCount(static_cast<int64_t>(s.dropped)) + " / " + formatCount(static_cast<int64_t>(s.lagged)));
    row(tr("stats.graphics"), formatCount(static_cast<int64_t>(s.graphicRenders)));
    row(tr("stats.cpu"), trf("stats.of_a_core", {{"percent", formatPercent(live.cpuPercent / 100.0, 0)}}));
    ImGui::EndTable();
}

} // namespace hawker::studio::console
