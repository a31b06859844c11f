#pragma once
// The recording and each destination: state, bitrate, dropped packets,
// reconnects with the countdown to the next try, start/stop. Stream keys
// never show: targets come masked from the outputs.

#include "panel.hpp"

namespace hawker::studio::console {

class OutputsPanel : public Panel {
public:
    OutputsPanel();
    void drawContent(ConsoleContext& context) override;
    bool needsProgram() const override { return true; }

private:
    int64_t m_lastFrames = 0;
    double m_lastAt = 0, m_fps = 0;
};

} // namespace hawker::studio::console
