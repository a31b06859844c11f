#include "dashboard_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <optional>

#include "hawker/studio/analytics/funnel.hpp"
#include "hawker/studio/analytics/kpi_targets.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

using nlohmann::json;

namespace {

constexpr float kTileMinWidth = 128;
constexpr double kGmvWindowSeconds = 60;
constexpr ImU32 kNoStatusTile = IM_COL32(52, 56, 64, 255);

enum class Figure { Money, Count, Rate };

struct TileSpec {
    const char* key; ///< its name comes from the KPI names' table (kpiName)
    Figure figure;
};

// The DESIGN metric keys, in the order an operator scans them.
const TileSpec kTiles[] = {
    {"gmv_cents", Figure::Money},      {"uv", Figure::Count},
    {"online", Figure::Count},         {"conversion_rate", Figure::Rate},
    {"uv_value_cents", Figure::Money}, {"gpm_cents", Figure::Money},
    {"engagement_rate", Figure::Rate},
};

struct Tile {
    std::string key, label;
    Figure figure = Figure::Count;
    std::optional<double> value, target;
    std::string status = "none";
};

std::string formatFigure(Figure figure, std::optional<double> value) {
    if (!value) return kMissing;
    switch (figure) {
    case Figure::Money:
        return compactYuan(*value); // two decimals, short above ¥10,000 (the exact amount in the tooltip)
    case Figure::Rate:
        return formatPercent(*value, 1);
    case Figure::Count:
        break;
    }
    return compactCount(static_cast<int64_t>(std::llround(*value)));
}

/// The figure as it is, for the tooltip of a tile that shows it short.
std::string exactFigure(Figure figure, std::optional<double> value) {
    if (!value) return kMissing;
    switch (figure) {
    case Figure::Money:
        return formatYuan(*value);
    case Figure::Rate:
        return formatPercent(*value, 1);
    case Figure::Count:
        break;
    }
    return formatNumber(*value, 0);
}

const char* statusMeaning(const std::string& status) {
    if (status == "red") return tr("dashboard.status_red");
    if (status == "amber") return tr("dashboard.status_amber");
    if (status == "green") return tr("dashboard.status_green");
    return tr("dashboard.status_none");
}

/// The tiles to draw: the kpis array is the source where it has the key (it
/// carries target and status), the summary otherwise; products with a units
/// target get a tile of their own after the fixed ones.
std::vector<Tile> tilesOf(const json& analytics) {
    const json& kpis = json_read::memberOf(analytics, "kpis");
    const json& summary = json_read::memberOf(analytics, "summary");
    auto kpiOf = [&](const std::string& key) -> const json* {
        if (!kpis.is_array()) return nullptr;
        for (const json& item : kpis)
            if (json_read::stringAt(item, "key") == key) return &item;
        return nullptr;
    };
    std::vector<Tile> tiles;
    for (const TileSpec& spec : kTiles) {
        Tile tile;
        tile.key = spec.key;
        tile.label = kpiName(spec.key, i18n::currentLanguage(), spec.key);
        tile.figure = spec.figure;
        if (const json* kpi = kpiOf(spec.key)) {
            tile.value = json_read::numberAt(*kpi, "value");
            tile.target = json_read::numberAt(*kpi, "target");
            tile.status = json_read::stringAt(*kpi, "status", "none");
        } else {
            tile.value = json_read::numberAt(summary, spec.key);
            // The summary has no "online": the snapshot carries it beside.
            if (!tile.value) tile.value = json_read::numberAt(analytics, spec.key);
        }
        tiles.push_back(std::move(tile));
    }
    if (kpis.is_array())
        for (const json& item : kpis) {
            const std::string key = json_read::stringAt(item, "key");
            if (key.rfind("units:", 0) != 0) continue;
            tiles.push_back({key, kpiName(key, i18n::currentLanguage(), key), Figure::Count,
                             json_read::numberAt(item, "value"), json_read::numberAt(item, "target"),
                             json_read::stringAt(item, "status", "none")});
        }
    return tiles;
}

void drawTile(ConsoleContext& context, const Tile& tile, ImVec2 size) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::PushID(tile.key.c_str());
    ImGui::InvisibleButton("##tile", size);
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    const ImVec2 end(origin.x + size.x, origin.y + size.y);
    context.markRegion("kpi " + tile.key, origin.x, origin.y, end.x, end.y);

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const bool judged = tile.status == "red" || tile.status == "amber" || tile.status == "green";
    draw->AddRectFilled(origin, end, judged ? statusColor(tile.status) : kNoStatusTile, 4.0f);
    // White on amber is hard to read across a studio.
    const ImU32 ink = tile.status == "amber" ? IM_COL32(25, 25, 25, 255) : IM_COL32(255, 255, 255, 255);
    const ImU32 faint = tile.status == "amber" ? IM_COL32(25, 25, 25, 190) : IM_COL32(255, 255, 255, 190);
    const float pad = style.FramePadding.x + 2;
    const float lineHeight = ImGui::GetTextLineHeight();

    draw->PushClipRect(origin, end, true);
    draw->AddText(ImVec2(origin.x + pad, origin.y + pad / 2), faint, tile.label.c_str());
    const std::string figure = formatFigure(tile.figure, tile.value);
    ImFont* large = context.fonts().large;
    if (large) ImGui::PushFont(large);
    draw->AddText(ImVec2(origin.x + pad, origin.y + pad / 2 + lineHeight), ink, figure.c_str());
    const float figureHeight = ImGui::GetTextLineHeight();
    if (large) ImGui::PopFont();
    const std::string target =
        tile.target ? trf("dashboard.target", {{"value", formatFigure(tile.figure, tile.target)}})
                    : std::string(tr("dashboard.no_target"));
    draw->AddText(ImVec2(origin.x + pad, origin.y + pad / 2 + lineHeight + figureHeight), faint,
                  target.c_str());
    draw->PopClipRect();

    if (hovered) {
        ImGui::BeginTooltip();
        ImGui::Text("%s: %s", tile.label.c_str(), exactFigure(tile.figure, tile.value).c_str());
        if (tile.target)
            ImGui::TextUnformatted(
                trf("dashboard.target_so_far", {{"value", exactFigure(tile.figure, tile.target)}}).c_str());
        ImGui::TextDisabled("%s (%s)", statusMeaning(tile.status), tile.key.c_str());
        ImGui::EndTooltip();
    }
}

std::vector<ChartBand> bandsOf(const LiveSnapshot& live) {
    const double now = static_cast<double>(live.programMs) / 1000.0;
    std::vector<ChartBand> bands;
    bands.reserve(live.bands.size());
    for (const OnAirBand& band : live.bands)
        bands.push_back({band.fromSeconds, band.toSeconds.value_or(now), band.label, band.offer});
    return bands;
}

} // namespace

void DashboardPanel::drawContent(ConsoleContext& context) {
    const LiveSnapshot& live = context.live();
    const json& analytics = live.analytics;
    if (!analytics.is_object()) {
        ImGui::TextDisabled("%s", tr("alerts.no_session"));
        return;
    }

    const double elapsed = json_read::numberAt(analytics, "elapsed_s").value_or(0);
    const double planned = json_read::numberAt(analytics, "planned_s").value_or(0);
    const auto session = json_read::numberAt(analytics, "session_id");
    ImGui::TextUnformatted(
        trf("dashboard.session", {{"id", std::to_string(session ? static_cast<long long>(*session) : 0LL)}})
            .c_str());
    ImGui::SameLine();
    if (planned > 0) {
        const std::string overlay = trf(
            "dashboard.elapsed_of", {{"elapsed", formatClock(elapsed)}, {"planned", formatClock(planned)}});
        ImGui::ProgressBar(static_cast<float>(std::min(1.0, elapsed / planned)), ImVec2(-FLT_MIN, 0),
                           overlay.c_str());
    } else {
        ImGui::TextDisabled("%s",
                            trf("dashboard.elapsed_unplanned", {{"elapsed", formatClock(elapsed)}}).c_str());
    }

    drawTiles(context, analytics);
    ImGui::Spacing();
    drawCharts(live);
    ImGui::Spacing();
    drawFunnelOf(json_read::memberOf(analytics, "summary"));
}

void DashboardPanel::drawTiles(ConsoleContext& context, const json& analytics) {
    const std::vector<Tile> tiles = tilesOf(analytics);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float avail = ImGui::GetContentRegionAvail().x;
    const size_t columns = std::clamp<size_t>(
        static_cast<size_t>((avail + style.ItemSpacing.x) / (kTileMinWidth + style.ItemSpacing.x)), 1,
        std::size(kTiles));
    const float width = std::max(40.0f, (avail - style.ItemSpacing.x * static_cast<float>(columns - 1)) /
                                            static_cast<float>(columns));
    const float lineHeight = ImGui::GetTextLineHeight();
    ImFont* large = context.fonts().large;
    const float figureHeight = large ? large->FontSize : lineHeight;
    const float height = 2 * lineHeight + figureHeight + style.FramePadding.x + 2 + style.FramePadding.y;

    for (size_t i = 0; i < tiles.size(); ++i) {
        if (i % columns != 0) ImGui::SameLine();
        drawTile(context, tiles[i], ImVec2(width, height));
    }
}

void DashboardPanel::drawCharts(const LiveSnapshot& live) {
    m_online.title = tr("kpi.online");
    m_online.values.assign(live.online.begin(), live.online.end());
    m_online.bands = bandsOf(live);
    m_online.unit.clear();
    m_online.valueScale = 1;

    // GMV is cumulative; the chart shows what the last minute sold, so a
    // product's pull is visible while its card is up.
    m_gmv.title = tr("dashboard.gmv_rolling");
    m_gmv.values.resize(live.gmvCents.size());
    const auto window = static_cast<size_t>(kGmvWindowSeconds);
    for (size_t t = 0; t < live.gmvCents.size(); ++t) {
        const size_t from = t >= window ? t - window : 0;
        m_gmv.values[t] = static_cast<float>(static_cast<double>(live.gmvCents[t]) -
                                             static_cast<double>(live.gmvCents[from]));
    }
    m_gmv.bands = m_online.bands;
    m_gmv.unit = "¥";
    m_gmv.valueScale = 100;
    m_gmv.color = IM_COL32(110, 210, 140, 255);

    const float height = ImGui::GetTextLineHeight() * 10;
    if (ImGui::GetContentRegionAvail().x >= 640 &&
        ImGui::BeginTable("charts", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        drawLineChart(m_online, ImVec2(-1, height));
        ImGui::TableNextColumn();
        drawLineChart(m_gmv, ImVec2(-1, height));
        ImGui::EndTable();
        return;
    }
    drawLineChart(m_online, ImVec2(-1, height));
    drawLineChart(m_gmv, ImVec2(-1, height));
}

void DashboardPanel::drawFunnelOf(const json& summary) {
    std::vector<FunnelStep> steps;
    for (const hawker::studio::FunnelStep& step : funnelSteps(summary)) {
        steps.push_back({funnelStepLabel(step.key), step.count, step.ofPrevious, step.notComparable});
    }
    if (steps.empty()) return;
    ImGui::TextUnformatted(tr("dashboard.funnel"));
    drawFunnel(steps, std::min(ImGui::GetContentRegionAvail().x, 560.0f));
}

} // namespace hawker::studio::console
