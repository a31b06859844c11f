#pragma once
// The console's fonts: Noto Sans CJK SC at three sizes, with glyph ranges
// that cover common simplified Chinese plus every character the show file
// uses, so product names, talking points and comments render (not boxes).

#include <filesystem>
#include <string>
#include <vector>

#include <imgui.h>

#include "console_context.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio::console {

/// Where the CJK font is looked for (HAWKER_CJK_FONT overrides it).
std::string consoleFontPath();

/// Owns the glyph ranges and font bytes for as long as the atlas uses them.
class ConsoleFontSet {
public:
    /// Adds the fonts to the current ImGui context's atlas at `scale` (HiDPI).
    /// Without the font file it falls back to ImGui's own font and says so in
    /// `warning` (Chinese then shows as '?').
    ConsoleFonts load(float scale, const std::vector<std::string>& showTexts, std::string& warning);

private:
    std::vector<char> m_fontBytes;
    ImVector<ImWchar> m_bodyRanges, m_largeRanges;
};

/// Every text of the show a console panel may draw (names, points, titles).
std::vector<std::string> showTexts(const ShowSpec& show);
/// The texts and owners of the open actions of earlier shows of this show's title in `database` (none
/// without one): the host's prompter lists them before the first segment, in its big fonts.
std::vector<std::string> openActionTexts(const ShowSpec& show, const std::filesystem::path& database);

} // namespace hawker::studio::console
