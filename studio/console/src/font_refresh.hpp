#pragma once
// Glyphs added to a running console without a stall. Text the atlas cannot draw (a viewer's comment in a
// rare character) is noted by the panels as they draw it (ConsoleContext::noticeText); here a new atlas
// with those characters is rasterised on a worker thread (stb_truetype is reentrant and the atlas belongs
// to no ImGui context while it builds) and swapped in between two frames, with the font texture uploaded
// again. Until then the character shows as ImGui's fallback for at most the build's time.

#include <future>
#include <memory>
#include <vector>

#include "console_fonts.hpp"

namespace hawker::studio::console {

class FontRefresh {
public:
    explicit FontRefresh(ConsoleFontSet& fonts) : m_fonts(fonts) {}
    ~FontRefresh();
    FontRefresh(const FontRefresh&) = delete;
    FontRefresh& operator=(const FontRefresh&) = delete;

    /// Asks for these characters in the atlas; a build already running takes them in the next one.
    void request(const std::vector<char32_t>& codePoints);
    /// Between frames, with the ImGui context (and its OpenGL context) the atlas belongs to current: swaps
    /// a finished atlas in, updates `fonts` and returns the characters it added; starts the next build
    /// when more were asked for meanwhile. Returns nothing while no atlas is ready.
    std::vector<char32_t> swapIfReady(ConsoleFonts& fonts);
    bool building() const { return m_job.valid(); }

private:
    void start();

    ConsoleFontSet& m_fonts;
    std::vector<char32_t> m_waiting; // asked for, not in a build yet
    std::vector<char32_t> m_inBuild; // in the build running
    std::unique_ptr<FontAtlasBuild> m_build;
    std::future<void> m_job;
};

} // namespace hawker::studio::console
