#pragma once
// Every camera and audio input: health, picture size and rate, decoded and
// dropped frames, reconnects, time lost, the last error.

#include "console/panel.hpp"

namespace hawker::studio::console {

class SourcesPanel : public Panel {
public:
    SourcesPanel();
    void drawContent(ConsoleContext& context) override;
};

} // namespace hawker::studio::console
