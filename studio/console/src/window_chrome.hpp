#pragma once
// The console window's frame around the panels: the menu bar (panels on and
// off, hotkeys, ending the show) and the status bar (the last message,
// running tasks, the main health figures).

#include <memory>
#include <vector>

#include "console_context.hpp"
#include "panel.hpp"

namespace hawker::studio::console {

class MenuBar {
public:
    void draw(ConsoleContext& context, std::vector<std::unique_ptr<Panel>>& panels, bool& quit);

private:
    /// The next key pressed becomes the hotkey being set; Escape cancels.
    void captureKey(ConsoleContext& context);
    int* m_capture = nullptr; ///< the hotkey being set, if any
};

void drawStatusBar(ConsoleContext& context, double frameMsMedian);

} // namespace hawker::studio::console
