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
    /// x264's threads; 0 (the default) lets x264 choose: sliced threads under
    /// zerolatency, spread over every core. One thread costs less CPU for the
    /// same frames (13 % less than two for 720x1280 on the 2-core machine),
    /// but under show B's load a one-thread 720x1280 encode dropped 10-82
    /// frames a run where x264's choice dropped none on a machine as slow:
    /// short of CPU, the scheduler shares it out by thread, and one thread
    /// gets one share.
    int threads = 0;
    bool operator==(const EncoderSettings&) const = default;
};

/// A platform's recommended canvas and rates (docs/ENCODING.md lists them).
struct PlatformPreset {
    std::string name;
    std::string description;
    int width, height, fps, bitrateKbps, keyintSeconds, audioKbps;
};

const std::vector<PlatformPreset>& platformPresets();
std::optional<PlatformPreset> findPlatformPreset(const std::string& name);

} // namespace hawker::capture
