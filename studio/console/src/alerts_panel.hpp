#pragma once
// The session's alerts, newest first, each acknowledged with one click. An
// acknowledgement is a note on the alert, not a change to the program, so
// every login that runs a program may make it.

#include <cstdint>
#include <map>

#include "panel.hpp"

namespace hawker::studio::console {

class AlertsPanel : public Panel {
public:
    AlertsPanel() : Panel("Alerts", trKey("alerts.title"), PanelPlace{0.75f, 0.3f, 0.25f, 0.22f}) {}
    void drawContent(ConsoleContext& context) override;

private:
    void acknowledge(ConsoleContext& context, int64_t id);

    bool m_showAcknowledged = true;
    /// When each acknowledgement went out (ImGui time), so its button stays
    /// down until the next snapshot can show the alert acknowledged.
    std::map<int64_t, double> m_sentAt;
};

} // namespace hawker::studio::console
