#pragma once
// An OpenGL texture a monitor picture is uploaded into (UI thread only).

#include <cstdint>

#include <imgui.h>

#include "video_thumbnail.hpp"

namespace hawker::studio::console {

class GlTexture {
public:
    GlTexture() = default;
    ~GlTexture();
    GlTexture(const GlTexture&) = delete;
    GlTexture& operator=(const GlTexture&) = delete;

    /// Uploads `image` unless it is the one already there (same serial).
    void update(const MonitorImagePtr& image);
    bool empty() const { return m_id == 0; }
    ImTextureID id() const { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(m_id)); }
    int width() const { return m_width; }
    int height() const { return m_height; }

private:
    unsigned int m_id = 0;
    int m_width = 0, m_height = 0;
    uint64_t m_serial = 0;
};

/// How many times the texture `id` was given new pixels (0 for one never
/// given any, or not a GlTexture): a drawn frame that shows it must be drawn
/// again where it shows it when this changes (see RedrawPlanner).
uint64_t textureGeneration(ImTextureID id);

/// Draws `texture` as large as fits `size` keeping its aspect, centred; a
/// dark box with `emptyText` when there is no picture yet. Returns the
/// picture's screen rectangle (min, max).
std::pair<ImVec2, ImVec2> drawPicture(const GlTexture& texture, ImVec2 size, const char* emptyText);

} // namespace hawker::studio::console
