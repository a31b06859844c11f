// The review's overview tab: KPI tiles, summary figures, charts and funnel.

#include <algorithm>

#include "review_tabs.hpp"

namespace hawker::studio::console {

namespace {

void drawKpiTiles(const std::vector<ReviewKpiTile>& kpis, ImFont* large) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float figureHeight = large ? large->FontSize : ImGui::GetFontSize();
    const float width = std::max(200.0f, figureHeight * 6.5f);
    const float height = ImGui::GetTextLineHeightWithSpacing() * 2 + figureHeight + style.ItemSpacing.y +
                         style.WindowPadding.y * 2;
    const float rightEdge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const size_t count = kpis.size();
    for (size_t i = 0; i < count; ++i) {
        const ReviewKpiTile& tile = kpis[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::BeginChild("kpi", ImVec2(width, height), true,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        const ImVec2 min = ImGui::GetWindowPos();
        ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + 5, min.y + height),
                                                  statusColor(tile.status));
        ImGui::TextDisabled("%s", tile.label.c_str());
        if (large) ImGui::PushFont(large);
        textUnformatted(tile.value);
        if (large) ImGui::PopFont();
        if (tile.target) {
            ImGui::PushStyleColor(ImGuiCol_Text, statusVec(tile.status));
            textUnformatted(*tile.target);
            ImGui::PopStyleColor();
        } else {
            ImGui::TextDisabled("%s", tr("dashboard.no_target"));
        }
        ImGui::EndChild();
        ImGui::PopID();
        const float next = ImGui::GetItemRectMax().x + style.ItemSpacing.x + width;
        if (i + 1 < count && next < rightEdge) ImGui::SameLine();
    }
}

} // namespace

void drawReviewOverview(const LoadedReport& report, ImFont* large, bool& cumulativeGmv) {
    const ReviewOverview& overview = report.model.overview;
    if (!overview.openActions.empty()) {
        // What earlier reviews of this show asked for and nobody has closed: read before this show's figures.
        ImGui::TextColored(
            ImVec4(0.95f, 0.70f, 0.20f, 1.0f), "%s",
            trf("review.open_actions", {{"count", std::to_string(overview.openActions.size())}}).c_str());
        for (const std::string& line : overview.openActions)
            ImGui::BulletText("%s", line.c_str());
        ImGui::Spacing();
    }
    drawKpiTiles(overview.kpis, large);

    ImGui::Spacing();
    if (ImGui::BeginTable("summary", 8, kReviewTableFlags)) {
        for (const ReviewFigure& figure : overview.figures) {
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", figure.label.c_str());
            ImGui::TableNextColumn();
            textUnformatted(figure.value);
        }
        ImGui::EndTable();
    }
    if (!overview.paidEngagement.empty())
        ImGui::TextUnformatted(trf("review.paid_engagement", {{"amount", overview.paidEngagement}}).c_str());

    ImGui::Spacing();
    if (report.online.values.empty()) {
        ImGui::TextDisabled("%s", tr("review.no_minutes"));
    } else {
        ImGui::TextDisabled("%s%s", tr("review.bands"),
                            overview.incidents.empty() ? "" : tr("review.bands_incidents"));
        drawLineChart(report.online, ImVec2(-1, 170));
        ImGui::Checkbox(trId("review.cumulative_gmv").c_str(), &cumulativeGmv);
        drawLineChart(cumulativeGmv ? report.gmvTotal : report.gmv, ImVec2(-1, 170));
    }

    ImGui::Spacing();
    ImGui::TextUnformatted(tr("dashboard.funnel"));
    if (report.funnel.size() >= 2)
        drawFunnel(report.funnel, std::min(ImGui::GetContentRegionAvail().x, 640.0f));
    else
        ImGui::TextDisabled("%s", tr("review.no_funnel"));
}

} // namespace hawker::studio::console
