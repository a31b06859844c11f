#pragma once
// The host's prompter: where the run of show is and how long the segment has
// left, the product being sold with its price or flash-sale countdown, what
// to say about it, GMV against the target, and what comes next — in letters
// big enough to read from across the studio.

#include "panel.hpp"

namespace hawker::studio::console {

class HostView : public Panel {
public:
    HostView();
    void drawContent(ConsoleContext& ctx) override;
};

} // namespace hawker::studio::console
