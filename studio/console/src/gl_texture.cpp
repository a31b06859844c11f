#include "gl_texture.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <GL/gl.h>

namespace hawker::studio::console {

namespace {

/// Texture name -> uploads so far. UI thread only, as every GlTexture. A
/// name OpenGL gives out again after a delete keeps counting up, so a new
/// texture under an old name still reads as changed.
std::unordered_map<unsigned int, uint64_t>& generations() {
    static std::unordered_map<unsigned int, uint64_t> table;
    return table;
}

} // namespace

uint64_t textureGeneration(ImTextureID id) {
    const auto& table = generations();
    const auto found = table.find(static_cast<unsigned int>(reinterpret_cast<intptr_t>(id)));
    return found == table.end() ? 0 : found->second;
}

GlTexture::~GlTexture() {
    if (m_id) glDeleteTextures(1, &m_id);
}

void GlTexture::update(const MonitorImagePtr& image) {
    if (!image || image->rgba.empty() || image->serial == m_serial) return;
    const cv::Mat& rgba = image->rgba;
    if (!m_id) {
        glGenTextures(1, &m_id);
        glBindTexture(GL_TEXTURE_2D, m_id);
        // The feed makes pictures at the size they are drawn, so nearest
        // sampling is exact (and far cheaper for software OpenGL).
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    } else {
        glBindTexture(GL_TEXTURE_2D, m_id);
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, static_cast<GLint>(rgba.step / 4));
    // Same size: replace the pixels in place rather than reallocating.
    if (rgba.cols == m_width && rgba.rows == m_height)
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, rgba.cols, rgba.rows, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data);
    else
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, rgba.cols, rgba.rows, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     rgba.data);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    m_width = rgba.cols;
    m_height = rgba.rows;
    m_serial = image->serial;
    ++generations()[m_id];
}

std::pair<ImVec2, ImVec2> drawPicture(const GlTexture& texture, ImVec2 size, const char* emptyText) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 min = origin, max(origin.x + size.x, origin.y + size.y);
    if (!texture.empty() && texture.width() > 0 && texture.height() > 0) {
        // 1:1 when the picture already fits (the feed made it for this box).
        float scale = std::min(size.x / texture.width(), size.y / texture.height());
        if (scale >= 1.0f && scale < 1.05f) scale = 1.0f;
        const ImVec2 picture(texture.width() * scale, texture.height() * scale);
        min = ImVec2(std::floor(origin.x + (size.x - picture.x) / 2),
                     std::floor(origin.y + (size.y - picture.y) / 2));
        max = ImVec2(min.x + picture.x, min.y + picture.y);
        // Only the bars beside or above the picture are filled: every pixel
        // drawn twice costs software OpenGL a whole pass.
        const ImU32 bars = IM_COL32(8, 8, 10, 255);
        const ImVec2 end(origin.x + size.x, origin.y + size.y);
        if (min.x > origin.x) {
            draw->AddRectFilled(origin, ImVec2(min.x, end.y), bars);
            draw->AddRectFilled(ImVec2(max.x, origin.y), end, bars);
        }
        if (min.y > origin.y) {
            draw->AddRectFilled(origin, ImVec2(end.x, min.y), bars);
            draw->AddRectFilled(ImVec2(origin.x, max.y), end, bars);
        }
        draw->AddImage(texture.id(), min, max);
    } else {
        draw->AddRectFilled(min, max, IM_COL32(20, 20, 24, 255));
        const ImVec2 text = ImGui::CalcTextSize(emptyText);
        draw->AddText(ImVec2(origin.x + (size.x - text.x) / 2, origin.y + (size.y - text.y) / 2),
                      IM_COL32(150, 150, 150, 255), emptyText);
    }
    ImGui::Dummy(size);
    return {min, max};
}

} // namespace hawker::studio::console
