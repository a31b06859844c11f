#pragma once
// What an encode produces, and the platform presets.

#include <optional>
#include <string>
#include <vector>

namespace hawker::capture {

struct EncoderSettings {
    int width = 1080;
    int height = 1920;
    int fps = 30;
    std::string preset = "veryfast";
    std::string tune = "zerolatency";
    std::string profile = "high";
    int bitrateKbps = 4500; ///< CBR: max rate and buffer equal the bitrate
    int keyintSeconds = 2;
    int audioKbps = 128;
    int audioRate = 48000;
    bool globalHeader = true; ///< codec headers out of band, as MKV, MP4 and FLV want
    int threads = 0;          ///< x264's threads; 0 chooses (x264ThreadsFor)
    bool operator==(const EncoderSettings&) const = default;
};

/// The threads an x264 encode gets. A frame that one core encodes in a small
/// part of a tick (720x1280 at 30 fps or less, a fast preset) gets one thread:
/// x264's sliced threads then only add work (measured on the 2-core machine:
/// 13 % more CPU for 720x1280 with two threads than with one), and the
/// encode's latency stays well under a tick. Anything bigger or slower keeps
/// x264's own choice (0), which spreads a frame over every core. A show's
/// `threads` overrides both.
int x264ThreadsFor(const EncoderSettings& settings);

/// A platform's recommended canvas and rates (docs/ENCODING.md lists them).
struct PlatformPreset {
    std::string name;
    std::string description;
    int width, height, fps, bitrateKbps, keyintSeconds, audioKbps;
};

const std::vector<PlatformPreset>& platformPresets();
std::optional<PlatformPreset> findPlatformPreset(const std::string& name);

} // namespace hawker::capture
