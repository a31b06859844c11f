#pragma once
// The run of show: every segment with the current one marked, elapsed
// against planned (red once it runs over), and Next / Go to.

#include "panel.hpp"

namespace hawker::studio::console {

class RundownPanel : public Panel {
public:
    RundownPanel();
    void drawContent(ConsoleContext& context) override;
    bool needsProgram() const override { return true; }
};

} // namespace hawker::studio::console
