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
