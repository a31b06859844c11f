#pragma once
// Which characters a font atlas holds, and which ones text on screen asked for that it does not. The
// console's atlas is built for the translations and the show's texts, but a viewer's comment can bring any
// character: the console notes each text as it arrives, and a character the atlas lacks is queued here
// for the next atlas, built off the UI thread, so that no character stays a box. No ImGui here: this is
// the part that can be tested without a window.

#include <cstddef>
#include <string_view>
#include <vector>

namespace hawker::studio {

/// The code points of UTF-8 `text`, in order; a malformed byte is skipped (it is drawn as nothing, not as a
/// box, since no code point stands for it).
std::vector<char32_t> utf8CodePoints(std::string_view text);

class GlyphCoverage {
public:
    GlyphCoverage();
    /// The atlas holds `codePoint` (or it is never drawn with a glyph: controls, spaces).
    void cover(char32_t codePoint);
    void coverText(std::string_view text);
    bool covers(char32_t codePoint) const;
    /// Queues every code point of `text` the atlas lacks; returns how many were new to the queue. Cheap
    /// enough to call for every comment every frame: a lookup per character.
    size_t notice(std::string_view text);
    bool hasPending() const { return !m_pending.empty(); }
    /// The queued code points (sorted, each once), and the queue emptied. Their glyphs are expected in the
    /// next atlas: they count as covered from now on, so they are not queued again while it builds.
    std::vector<char32_t> takePending();

private:
    std::vector<bool> m_covered; // one bit per Unicode code point
    std::vector<char32_t> m_pending;
};

} // namespace hawker::studio
