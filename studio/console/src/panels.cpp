#include "panels.hpp"

#include "alerts_panel.hpp"
#include "audio_panel.hpp"
#include "comments_panel.hpp"
#include "dashboard_panel.hpp"
#include "host_view.hpp"
#include "layout_panel.hpp"
#include "outputs_panel.hpp"
#include "products_panel.hpp"
#include "review_view.hpp"
#include "rundown_panel.hpp"
#include "sources_panel.hpp"
#include "stats_panel.hpp"
#include "switcher_panel.hpp"

namespace hawker::studio::console {

std::vector<std::unique_ptr<Panel>> makePanels(Role role) {
    std::vector<std::unique_ptr<Panel>> panels;
    if (role == Role::Merchandiser) {
        // A merchandiser reviews; nothing here can change the program.
        panels.push_back(std::make_unique<ReviewView>());
        return panels;
    }
    if (role == Role::Host) {
        // The prompter fills the screen; comments and alerts beside it.
        panels.push_back(std::make_unique<HostView>());
        panels.back()->setPlace({0, 0, 0.66f, 1});
        panels.push_back(std::make_unique<CommentsPanel>());
        panels.back()->setPlace({0.66f, 0, 0.34f, 0.6f});
        panels.push_back(std::make_unique<AlertsPanel>());
        panels.back()->setPlace({0.66f, 0.6f, 0.34f, 0.4f});
        return panels;
    }
    // The operator's desk: the mixer on the left, selling in the middle,
    // the run of show and the health of the show on the right.
    auto add = [&](std::unique_ptr<Panel> panel, PanelPlace place, bool open = true) {
        panel->setPlace(place);
        panel->open() = open;
        panels.push_back(std::move(panel));
    };
    add(std::make_unique<SwitcherPanel>(), {0, 0, 0.40f, 1});
    add(std::make_unique<ProductsPanel>(), {0.40f, 0, 0.30f, 0.45f});
    add(std::make_unique<DashboardPanel>(), {0.40f, 0.45f, 0.30f, 0.55f});
    add(std::make_unique<RundownPanel>(), {0.70f, 0, 0.30f, 0.24f});
    add(std::make_unique<AlertsPanel>(), {0.70f, 0.24f, 0.30f, 0.16f});
    add(std::make_unique<CommentsPanel>(), {0.70f, 0.40f, 0.30f, 0.17f});
    // Three outputs and two encodes (the main platform, a second one's rendition, the recording) without
    // scrolling.
    add(std::make_unique<OutputsPanel>(), {0.70f, 0.57f, 0.30f, 0.23f});
    add(std::make_unique<SourcesPanel>(), {0.70f, 0.80f, 0.30f, 0.20f});
    // The status bar shows the main figures; these open from the View menu.
    add(std::make_unique<StatsPanel>(), {0.70f, 0.60f, 0.30f, 0.40f}, false);
    add(std::make_unique<AudioPanel>(), {0.40f, 0.45f, 0.30f, 0.55f}, false);  // over the dashboard
    add(std::make_unique<LayoutPanel>(), {0.40f, 0.45f, 0.30f, 0.55f}, false); // over the dashboard
    add(std::make_unique<HostView>(), {0.40f, 0, 0.60f, 1}, false);            // for a second screen
    add(std::make_unique<ReviewView>(), {0, 0, 1, 1}, false);
    return panels;
}

} // namespace hawker::studio::console
