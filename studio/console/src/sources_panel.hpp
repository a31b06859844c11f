#pragma once
// Every camera and audio input: health, picture size and rate, decoded and
// dropped frames, reconnects, time lost, the last error; reconnect one, point
// one at another input, or add a camera while the show runs.

#include <string>

#include "add_source_popup.hpp"
#include "panel.hpp"

namespace hawker::studio::console {

class SourcesPanel : public Panel {
public:
    SourcesPanel();
    void drawContent(ConsoleContext& context) override;
    bool needsProgram() const override { return true; }

private:
    void drawEditor(ConsoleContext& context);
    /// The live-comment connectors: state, comments taken in, last error.
    void drawConnectors(ConsoleContext& context);

    std::string m_editing; ///< the source whose input is being changed
    char m_url[2048] = {};
    std::string m_currentUrl; ///< what the edited source reads now, login included (never shown)
    char m_format[32] = {};
    bool m_openEditor = false;
    AddSourcePopup m_adding;
};

} // namespace hawker::studio::console
