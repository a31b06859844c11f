#include "font_refresh.hpp"

#include <algorithm>
#include <chrono>

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include "hawker/studio/base/log.hpp"

namespace hawker::studio::console {

FontRefresh::~FontRefresh() {
    // The build reads the font set's bytes: it ends before they go.
    if (m_job.valid()) m_job.wait();
}

void FontRefresh::request(const std::vector<char32_t>& codePoints) {
    if (!m_fonts.hasFont()) return;
    m_waiting.insert(m_waiting.end(), codePoints.begin(), codePoints.end());
    startWhenDue();
}

FontRefresh::Clock::time_point FontRefresh::nextBuildAt(Clock::time_point started,
                                                        Clock::time_point finished) {
    const auto gap = std::max<Clock::duration>(kMinGapBetweenBuilds, kGapPerBuildTime * (finished - started));
    return finished + gap;
}

void FontRefresh::startWhenDue() {
    if (m_job.valid() || m_waiting.empty() || Clock::now() < m_nextBuild) return;
    std::sort(m_waiting.begin(), m_waiting.end());
    m_waiting.erase(std::unique(m_waiting.begin(), m_waiting.end()), m_waiting.end());
    m_inBuild.swap(m_waiting);
    m_waiting.clear();
    m_build = m_fonts.prepare(m_inBuild);
    FontAtlasBuild* build = m_build.get();
    const ConsoleFontSet* fonts = &m_fonts;
    // A thread of its own: the UI thread's lower priority is inherited, so the program still comes first.
    m_buildStarted = Clock::now();
    m_job = std::async(std::launch::async, [fonts, build] { fonts->build(*build); });
}

std::vector<char32_t> FontRefresh::swapIfReady(ConsoleFonts& fonts) {
    if (!m_job.valid()) {
        startWhenDue();
        return {};
    }
    if (m_job.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return {};
    m_job.get();
    m_nextBuild = nextBuildAt(m_buildStarted, Clock::now());
    std::vector<char32_t> added;
    added.swap(m_inBuild);
    if (!m_build->fonts.body || !m_build->fonts.large || !m_build->fonts.huge) {
        logWarning("console: a new font atlas could not be built; the characters stay as they are");
        m_build.reset();
        startWhenDue();
        return {};
    }
    ImGuiIO& io = ImGui::GetIO();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImFontAtlas* old = io.Fonts;
    io.Fonts = m_build->atlas; // the context owns it from here (and deletes it with itself)
    io.FontDefault = nullptr;  // the first font, the body: the old atlas's is about to go
    ImGui_ImplOpenGL3_CreateFontsTexture();
    fonts = m_build->fonts;
    IM_DELETE(old);
    // Characters the font itself lacks stay as the fallback; say so once, without the text around them
    // (a viewer's comment is theirs, not the log's).
    size_t lacking = 0;
    for (char32_t c : added)
        if (c <= 0xFFFF && !fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(c))) ++lacking;
    logInfo("console: font atlas rebuilt with " + std::to_string(added.size()) + " more characters" +
            (lacking ? " (" + std::to_string(lacking) + " not in the font)" : std::string()));
    m_fonts.adopt(std::move(m_build));
    startWhenDue();
    return added;
}

} // namespace hawker::studio::console
