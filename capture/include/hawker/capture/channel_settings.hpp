#pragma once
// What an operator sets on an audio input's strip of the sound desk. Its own
// header: the show file and the show state carry it, and they should not
// rebuild whenever the mixer's workings change.

namespace hawker::capture {

inline constexpr int kMaxDelayMs = 500;

struct ChannelSettings {
    float gainDb = 0;
    bool muted = false;
    bool solo = false;
    int delayMs = 0; ///< 0..kMaxDelayMs
    bool gate = false;
    float gateThresholdDb = -50;
    bool operator==(const ChannelSettings&) const = default;
};

} // namespace hawker::capture
