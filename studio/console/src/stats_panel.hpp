#pragma once
// How the machine keeps up: the console's own frame time, the compositor's
// render time, encode time and lag, dropped frames, CPU.

#include <vector>

#include "panel.hpp"

namespace hawker::studio::console {

class StatsPanel : public Panel {
public:
    StatsPanel();
    void drawContent(ConsoleContext& context) override;

private:
    std::vector<float> m_frameMs; ///< the console's last frames, for the little graph
    size_t m_next = 0;
};

} // namespace hawker::studio::console
