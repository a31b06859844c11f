#pragma once
// Text for on-air graphics through cv::freetype with Noto Sans CJK: measure,
// wrap (CJK breaks anywhere, Latin at spaces), ellipsize, and draw with
// alpha onto a BGRA bitmap.

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <opencv2/core.hpp>

#include "hawker/overlay/utf8.hpp"

namespace cv::freetype {
class FreeType2;
}

namespace hawker::overlay {

class TextRenderer {
public:
    /// Noto Sans CJK, Simplified Chinese face, from fonts-noto-cjk.
    static constexpr const char* kDefaultFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    static constexpr const char* kDefaultBoldFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
    static constexpr int kSimplifiedChineseFace = 2;

    /// Throws std::runtime_error when the font file cannot be loaded.
    explicit TextRenderer(const std::string& fontPath = kDefaultFont, int faceIndex = kSimplifiedChineseFace);
    ~TextRenderer();
    TextRenderer(const TextRenderer&) = delete;
    TextRenderer& operator=(const TextRenderer&) = delete;

    /// Width of `text` at pixel height `height`.
    int width(const std::string& text, int height) const;
    /// Draws `text` with the top of its line box at `topLeft.y` onto an 8-bit
    /// BGRA image; `color`'s alpha scales the glyphs' coverage.
    void draw(cv::Mat& bgra, const std::string& text, cv::Point topLeft, int height,
              const cv::Scalar& color) const;
    /// At most `maxLines` lines no wider than `maxWidth`; the last one ends in
    /// "…" when the text does not fit.
    std::vector<std::string> wrap(const std::string& text, int height, int maxWidth, int maxLines) const;
    /// `text` cut to `maxWidth` with "…" when it is wider.
    std::string ellipsize(const std::string& text, int height, int maxWidth) const;
    /// Bytes of glyph coverage held in the cache now (bounded: text that
    /// changes every second must not make a long show's memory grow).
    size_t cachedCoverageBytes() const;
    /// The bound on cachedCoverageBytes().
    static const size_t kMaxCachedCoverageBytes;

private:
    /// The longest prefix that fits with "…" appended (always, or only when too wide).
    std::string cutWithEllipsis(const std::string& text, int height, int maxWidth, bool always) const;

    /// Glyph coverage of `text` at `height`, rasterized once and cached:
    /// labels, names and prices repeat across re-renders, only digits change.
    const cv::Mat& coverage(const std::string& text, int height, int& pad) const;

    cv::Ptr<cv::freetype::FreeType2> m_font;
    mutable std::mutex m_mutex; // FreeType faces are not thread-safe; guards the caches too
    mutable std::unordered_map<std::string, int> m_widths;
    mutable std::unordered_map<std::string, cv::Mat> m_coverage;
    mutable size_t m_coverageBytes = 0;
};

/// The regular and bold faces every graphic uses, loaded once.
struct Fonts {
    std::shared_ptr<TextRenderer> regular, bold;
    static Fonts loadDefault();
};

} // namespace hawker::overlay
