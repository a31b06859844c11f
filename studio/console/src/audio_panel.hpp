#pragma once
// The sound desk: a strip per audio input (loudness meter, fader, mute, solo
// to the monitor, lip-sync delay, noise gate) and the program's strip
// (momentary, short-term and integrated loudness, true peak, the limiter's
// gain reduction). Every change is a command (audio.*), so it is audited and
// comes back on --resume; the meters read the engine's status.

#include <map>
#include <string>

#include "panel.hpp"

namespace hawker::studio::console {

class AudioPanel : public Panel {
public:
    AudioPanel();
    void drawContent(ConsoleContext& context) override;
    bool needsProgram() const override { return true; }

private:
    void drawStrip(ConsoleContext& context, const capture::MixerChannelStats& input);
    /// A fader or a delay being dragged: the value the operator sees until
    /// the command lands (sent once, on release).
    std::map<std::string, float> m_dragging;
};

} // namespace hawker::studio::console
