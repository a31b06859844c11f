#pragma once
// The vision mixer: a multiview of every source with tally, the preview and
// program monitors, scene buttons, and TAKE / CUT / FADE (and STINGER when the
// show has a [stinger]).

#include <deque>
#include <memory>
#include <vector>

#include "gl_texture.hpp"
#include "layout_editor.hpp"
#include "panel.hpp"

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
    Command takeCommand(std::optional<TransitionKind> kind) const;

    GlTexture m_program, m_preview;
    LayoutEditor m_editor;
    std::vector<std::unique_ptr<GlTexture>> m_sources;
    /// Hotkeys pressed while the previous switch was still being sent: they
    /// go out in order once it is done, so a quick "4, Space" is never lost.
    /// Older than two seconds, a keyed switch is dropped: it would surprise.
    std::deque<std::pair<double, Command>> m_keyed;
    int m_fadeMs = 500;
    bool m_fadeMsFromShow = false;
};

} // namespace hawker::studio::console
