#include "hawker/capture/encoder_settings.hpp"

namespace hawker::capture {

const std::vector<PlatformPreset>& platformPresets() {
    // Vertical apps (Douyin, Kuaishou, TikTok, Taobao Live) take 9:16 at
    // 720p or 1080p; YouTube and desktop viewers get 16:9. Bitrates follow the
    // platforms' published recommendations for 30 fps H.264 with a 2 s GOP.
    static const std::vector<PlatformPreset> presets = {
        {"portrait-1080", "9:16 1080x1920, 30 fps, 4.5 Mb/s", 1080, 1920, 30, 4500, 2, 128},
        {"portrait-720", "9:16 720x1280, 30 fps, 2.5 Mb/s", 720, 1280, 30, 2500, 2, 128},
        {"landscape-1080", "16:9 1920x1080, 30 fps, 6 Mb/s", 1920, 1080, 30, 6000, 2, 160},
    };
    return presets;
}

std::optional<PlatformPreset> findPlatformPreset(const std::string& name) {
    for (const auto& preset : platformPresets())
        if (preset.name == name) return preset;
    return std::nullopt;
}

} // namespace hawker::capture
