#pragma once
// The merchandiser's and operator's live numbers: KPI tiles against their
// targets, online viewers and GMV over the show with what was on air, and
// the purchase funnel.

#include "chart_drawing.hpp"
#include "panel.hpp"

namespace hawker::studio::console {

class DashboardPanel : public Panel {
public:
    DashboardPanel()
        : Panel("Live dashboard", trKey("dashboard.title"), PanelPlace{0.5f, 0.52f, 0.5f, 0.48f}) {}
    void drawContent(ConsoleContext& context) override;

private:
    void drawTiles(ConsoleContext& context, const nlohmann::json& analytics);
    void drawCharts(const LiveSnapshot& live);
    static void drawFunnelOf(const nlohmann::json& summary);

    // Kept between frames so the per-second histories are not reallocated each frame.
    LineChart m_online, m_gmv;
};

} // namespace hawker::studio::console
