#pragma once
// Glyphs added to a running console without a stall. Text the atlas cannot draw (a viewer's comment in a
// rare character) is noted by the panels as they draw it (ConsoleContext::noticeText); here a new atlas
// with those characters is rasterised on a worker thread (stb_truetype is reentrant and the atlas belongs
// to no ImGui context while it builds) and swapped in between two frames, with the font texture uploaded
// again. Until then the character shows as ImGui's fallback.
//
// A build rasterises the whole atlas again (ImGui 1.86 cannot add a glyph to a built atlas): a few hundred
// milliseconds of a core for the ~2,500 common characters and the big sizes. An audience keeps bringing new
// characters, and the console shares the machine with the program's encodes, so builds are paced: after one,
// the next waits four times as long as it took (at least kMinGapBetweenBuilds), which keeps them under a
// fifth of one core. The characters that arrive meanwhile go into that next build together.

#include <chrono>
#include <future>
#include <memory>
#include <vector>

#include "console_fonts.hpp"

namespace hawker::studio::console {

class FontRefresh {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::milliseconds kMinGapBetweenBuilds{1000};
    static constexpr int kGapPerBuildTime = 4;

    explicit FontRefresh(ConsoleFontSet& fonts) : m_fonts(fonts) {}
    ~FontRefresh();
    FontRefresh(const FontRefresh&) = delete;
    FontRefresh& operator=(const FontRefresh&) = delete;

    /// Asks for these characters in the atlas; a build already running takes them in the next one.
    void request(const std::vector<char32_t>& codePoints);
    /// Between frames, with the ImGui context (and its OpenGL context) the atlas belongs to current: swaps
    /// a finished atlas in, updates `fonts` and returns the characters it added; starts the next build
    /// once it is due, when more were asked for meanwhile. Returns nothing while no atlas is ready.
    std::vector<char32_t> swapIfReady(ConsoleFonts& fonts);
    bool building() const { return m_job.valid(); }

private:
    /// When the next build may start, after one that ran from `started` to `finished`.
    static Clock::time_point nextBuildAt(Clock::time_point started, Clock::time_point finished);
    void startWhenDue();

    ConsoleFontSet& m_fonts;
    std::vector<char32_t> m_waiting; // asked for, not in a build yet
    std::vector<char32_t> m_inBuild; // in the build running
    std::unique_ptr<FontAtlasBuild> m_build;
    std::future<void> m_job;
    Clock::time_point m_buildStarted;
    Clock::time_point m_nextBuild; // the epoch until the first build: that one starts at once
};

} // namespace hawker::studio::console
