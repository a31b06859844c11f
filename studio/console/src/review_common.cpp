#include "review_common.hpp"

#include "hawker/studio/store/database.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

namespace {

constexpr ImU32 kCardBlue = IM_COL32(80, 150, 240, 255);
constexpr ImU32 kGmvGreen = IM_COL32(110, 210, 120, 255);

LineChart chartOf(const ReviewSeries& series, const std::vector<ChartBand>& bands,
                  const std::vector<ChartIncident>& incidents, ImU32 color) {
    LineChart chart;
    chart.incidents = incidents;
    chart.title = series.title;
    chart.values = series.values;
    chart.secondsPerSample = 60;
    chart.bands = bands;
    chart.unit = series.unit;
    chart.valueScale = series.valueScale;
    chart.color = color;
    return chart;
}

} // namespace

std::shared_ptr<const LoadedReport> loadedReport(int64_t sessionId, nlohmann::json report) {
    auto out = std::make_shared<LoadedReport>();
    out->sessionId = sessionId;
    out->model = prepareReview(report);
    const ReviewOverview& overview = out->model.overview;
    std::vector<ChartBand> bands;
    for (const ReviewBand& band : overview.bands)
        bands.push_back({band.fromSeconds, band.toSeconds, band.label, band.offer});
    std::vector<ChartIncident> incidents;
    for (const ReviewOverview::Incident& incident : overview.incidents)
        incidents.push_back({incident.seconds, incident.text});
    out->online = chartOf(overview.online, bands, incidents, kCardBlue);
    out->gmv = chartOf(overview.gmv, bands, incidents, kGmvGreen);
    out->gmvTotal = chartOf(overview.gmvTotal, bands, incidents, kGmvGreen);
    for (const ReviewFunnelStep& step : overview.funnel)
        out->funnel.push_back({step.label, step.value, step.ofPrevious, step.notComparable});
    out->json = std::make_shared<const nlohmann::json>(std::move(report));
    return out;
}

bool TaskWatch::check(const ConsoleContext& ctx) {
    if (!waiting || ctx.busy(name)) return false;
    waiting = false;
    failed = true;
    return true;
}

void busyLine(ConsoleContext& ctx, const std::string& task, const char* what) {
    if (!ctx.busy(task)) return;
    const float fraction = ctx.tasks().progress(task);
    if (fraction > 0)
        ImGui::TextDisabled("%s… %s", what, formatPercent(fraction, 0).c_str());
    else
        ImGui::TextDisabled("%s…", what);
}

void requireDatabase(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path))
        throw StoreError(trf("review.no_database_at", {{"path", path.string()}}));
}

void textUnformatted(const std::string& value) {
    ImGui::TextUnformatted(value.c_str(), value.c_str() + value.size());
}

void drawReviewText(const ReviewText& text) {
    switch (text.tone) {
    case ReviewTone::Plain:
        textUnformatted(text.text);
        break;
    case ReviewTone::Dim:
        ImGui::TextDisabled("%s", text.text.c_str());
        break;
    case ReviewTone::Good:
        ImGui::TextColored(kReviewGreen, "%s", text.text.c_str());
        break;
    case ReviewTone::Bad:
        ImGui::TextColored(kReviewRed, "%s", text.text.c_str());
        break;
    }
}

ImVec4 statusVec(const std::string& status) {
    return ImGui::ColorConvertU32ToFloat4(statusColor(status));
}

} // namespace hawker::studio::console
