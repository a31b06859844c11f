#pragma once
// The vision mixer: a multiview of every source with tally, the preview and
// program monitors, scene buttons, and TAKE / CUT / FADE.

#include <memory>
#include <vector>

#include "console/gl_texture.hpp"
#include "console/panel.hpp"

namespace hawker::studio::console {

class SwitcherPanel : public Panel {
public:
    SwitcherPanel();
    void drawContent(ConsoleContext& context) override;
    bool needsProgram() const override { return true; }
    void handleShortcuts(ConsoleContext& context) override;

private:
    void drawMultiview(ConsoleContext& context, float width);
    void drawMonitors(ConsoleContext& context, float width);
    void drawControls(ConsoleContext& context);
    void take(ConsoleContext& context, std::optional<TransitionKind> kind);

    GlTexture m_program, m_preview;
    std::vector<std::unique_ptr<GlTexture>> m_sources;
    int m_fadeMs = 500;
    bool m_fadeMsFromShow = false;
};

} // namespace hawker::studio::console
