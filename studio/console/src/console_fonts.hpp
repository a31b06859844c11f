#pragma once
// The console's fonts: Noto Sans CJK SC at three sizes, with glyph ranges
// that cover common simplified Chinese plus every character the translation
// tables and the show file use, so labels, product names, talking points and
// comments render (not boxes). A character that arrives later (a comment's)
// goes into a new atlas built off the UI thread (font_refresh.hpp).

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "console_context.hpp"
#include "hawker/studio/base/glyph_coverage.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio::console {

/// Where the CJK font is looked for (HAWKER_CJK_FONT overrides it).
std::string consoleFontPath();

/// A font atlas built apart from any ImGui context (on a worker thread), with the glyph ranges it was
/// built from: they must live as long as the atlas.
struct FontAtlasBuild {
    ImFontAtlas* atlas = nullptr; ///< IM_NEW'd; the ImGui context takes it over when swapped in
    ConsoleFonts fonts;
    ImFontGlyphRangesBuilder body, large;
    ImVector<ImWchar> bodyRanges, largeRanges;
    ~FontAtlasBuild();
};

/// Owns the glyph ranges and font bytes for as long as the atlas uses them.
class ConsoleFontSet {
public:
    ConsoleFontSet();
    ~ConsoleFontSet();
    ConsoleFontSet(const ConsoleFontSet&) = delete;
    ConsoleFontSet& operator=(const ConsoleFontSet&) = delete;

    /// Adds the fonts to the current ImGui context's atlas at `scale` (HiDPI),
    /// with the glyphs of every translation table and of `showTexts`.
    /// Without the font file it falls back to ImGui's own font and says so in
    /// `warning` (Chinese then shows as '?').
    ConsoleFonts load(float scale, const std::vector<std::string>& showTexts, std::string& warning);

    /// Whether the CJK font is loaded (without it there is nothing to add glyphs from).
    bool hasFont() const { return !m_fontBytes.empty(); }
    /// Marks in `coverage` every character the current atlas's body font holds: the font that text noticed
    /// at run time is drawn in.
    void fillCoverage(GlyphCoverage& coverage) const;
    /// The ranges of the current atlas plus `extra` in the body font (UI thread: it copies what the build
    /// needs).
    std::unique_ptr<FontAtlasBuild> prepare(const std::vector<char32_t>& extra) const;
    /// Rasterises a prepared atlas: any thread, since it touches no ImGui context and only reads the font
    /// bytes, which stay unchanged while this set lives.
    void build(FontAtlasBuild& build) const;
    /// The prepared ranges are now the atlas's: later builds start from them. Keeps `build`'s ranges alive.
    void adopt(std::unique_ptr<FontAtlasBuild> build);

private:
    ConsoleFonts addFonts(ImFontAtlas& atlas, const ImVector<ImWchar>& body,
                          const ImVector<ImWchar>& large) const;

    float m_scale = 1;
    std::vector<char> m_fontBytes;
    ImFontGlyphRangesBuilder m_body, m_large;
    ImVector<ImWchar> m_bodyRanges, m_largeRanges;
    std::unique_ptr<FontAtlasBuild> m_current; // the ranges of the atlas swapped in last
};

/// Every text of the show a console panel may draw (names, points, titles).
std::vector<std::string> showTexts(const ShowSpec& show);
/// The texts and owners of the open actions of earlier shows of this show's title in `database` (none
/// without one): the host's prompter lists them before the first segment, in its big fonts.
std::vector<std::string> openActionTexts(const ShowSpec& show, const std::filesystem::path& database);

} // namespace hawker::studio::console
