#include "hawker/overlay/text_renderer.hpp"

#include <algorithm>
#include <stdexcept>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "hawker/overlay/draw_util.hpp"
#include "hawker/overlay/utf8.hpp"

namespace hawker::overlay {

namespace {
constexpr const char* kEllipsis = "\xE2\x80\xA6"; // …

bool isClosingPunctuation(const std::string& unit) {
    static const char* const marks[] = {"，", "。", "、", "；", "：", "！", "？", "）",
                                        "」", "』", "》", "…",  ",",  ".",  "!",  "?"};
    for (const char* mark : marks)
        if (unit == mark) return true;
    return false;
}

bool isCjk(const std::string& codepoint) {
    // Any multi-byte character of 3+ bytes (CJK, kana, full-width punctuation)
    // may start a new line; Latin words only break at spaces.
    return codepoint.size() >= 3;
}
} // namespace

TextRenderer::TextRenderer(const std::string& fontPath, int faceIndex) {
    m_font = cv::freetype::createFreeType2();
    try {
        m_font->loadFontData(fontPath, faceIndex);
    } catch (const cv::Exception&) {
        throw std::runtime_error("cannot load font " + fontPath + " (install fonts-noto-cjk)");
    }
}

TextRenderer::~TextRenderer() = default;

namespace {
constexpr size_t kMaxCachedWidths = 16384;
// Coverage of every string drawn is kept until this many bytes, then all of it
// is dropped. Live text that changes each second (a countdown's digits, a
// card's sold count) fills it steadily, so the cap is what the process holds
// for it: 8 MB per face (a card's stable lines are a few hundred KB and are
// rasterized again once after each drop). At 32 MB per face a show's RSS
// climbed for its first 8 minutes before it levelled off (bench/soak.sh).
constexpr size_t kMaxCoverageBytes = 8u << 20;
std::string cacheKey(const std::string& text, int height) {
    return std::to_string(height) + '\x1f' + text;
}
} // namespace

const size_t TextRenderer::kMaxCachedCoverageBytes = kMaxCoverageBytes;

size_t TextRenderer::cachedCoverageBytes() const {
    std::lock_guard lock(m_mutex);
    return m_coverageBytes;
}

int TextRenderer::width(const std::string& text, int height) const {
    if (text.empty()) return 0;
    std::lock_guard lock(m_mutex);
    const std::string key = cacheKey(text, height);
    if (auto found = m_widths.find(key); found != m_widths.end()) return found->second;
    int baseline = 0;
    const int measured = m_font->getTextSize(text, height, -1, &baseline).width;
    if (m_widths.size() >= kMaxCachedWidths) m_widths.clear();
    m_widths.emplace(key, measured);
    return measured;
}

const cv::Mat& TextRenderer::coverage(const std::string& text, int height, int& pad) const {
    // getTextSize under-reports the last glyph's ink for some faces: keep a
    // generous margin so nothing is clipped.
    pad = height / 2;
    const std::string key = cacheKey(text, height);
    if (auto found = m_coverage.find(key); found != m_coverage.end()) return found->second;
    int baseline = 0;
    const cv::Size size = m_font->getTextSize(text, height, -1, &baseline);
    // cv::freetype draws only on 3-channel images: draw white on black to get
    // the glyphs' coverage; the caller blends its colour through it.
    cv::Mat canvas(height + 2 * pad, size.width + 2 * pad + height, CV_8UC3, cv::Scalar::all(0));
    m_font->putText(canvas, text, cv::Point(pad, pad), height, cv::Scalar::all(255), -1, cv::LINE_AA, false);
    cv::Mat single;
    cv::extractChannel(canvas, single, 0);
    if (m_coverageBytes + single.total() > kMaxCoverageBytes) {
        m_coverage.clear();
        m_coverageBytes = 0;
    }
    m_coverageBytes += single.total();
    return m_coverage.emplace(key, std::move(single)).first->second;
}

void TextRenderer::draw(cv::Mat& bgra, const std::string& text, cv::Point topLeft, int height,
                        const cv::Scalar& color) const {
    if (text.empty() || bgra.empty() || bgra.type() != CV_8UC4 || height <= 0) return;
    std::lock_guard lock(m_mutex);
    int pad = 0;
    const cv::Mat& mask = coverage(text, height, pad);
    compositeCoverage(bgra, mask, topLeft - cv::Point(pad, pad), color);
}

std::string TextRenderer::ellipsize(const std::string& text, int height, int maxWidth) const {
    return cutWithEllipsis(text, height, maxWidth, false);
}

std::string TextRenderer::cutWithEllipsis(const std::string& text, int height, int maxWidth,
                                          bool always) const {
    if (!always && width(text, height) <= maxWidth) return text;
    std::vector<std::string> codepoints = splitCodepoints(text);
    // Binary search for the longest prefix that fits with the ellipsis.
    size_t lo = 0, hi = codepoints.size();
    auto prefix = [&](size_t n) {
        std::string s;
        for (size_t i = 0; i < n; ++i)
            s += codepoints[i];
        while (!s.empty() && s.back() == ' ')
            s.pop_back();
        return s + kEllipsis;
    };
    while (lo < hi) {
        const size_t mid = (lo + hi + 1) / 2;
        if (width(prefix(mid), height) <= maxWidth)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo == 0 ? std::string(kEllipsis) : prefix(lo);
}

std::vector<std::string> TextRenderer::wrap(const std::string& text, int height, int maxWidth,
                                            int maxLines) const {
    std::vector<std::string> lines;
    if (text.empty() || maxLines <= 0) return lines;
    // Break units: a CJK character each, a Latin word (with its trailing space) each.
    std::vector<std::string> units;
    std::string word;
    for (const std::string& cp : splitCodepoints(text)) {
        if (isCjk(cp)) {
            if (!word.empty()) units.push_back(std::move(word)), word.clear();
            units.push_back(cp);
        } else {
            word += cp;
            if (cp == " ") units.push_back(std::move(word)), word.clear();
        }
    }
    if (!word.empty()) units.push_back(std::move(word));

    std::string line;
    size_t next = 0;
    while (next < units.size() && static_cast<int>(lines.size()) < maxLines) {
        const std::string candidate = line + units[next];
        // Chinese line-breaking: closing punctuation never starts a line; it
        // hangs at the end of the previous one instead.
        if (line.empty() || width(candidate, height) <= maxWidth || isClosingPunctuation(units[next])) {
            line = candidate;
            ++next;
            continue;
        }
        lines.push_back(line);
        line.clear();
    }
    if (!line.empty() && static_cast<int>(lines.size()) < maxLines) lines.push_back(line);
    const bool truncated = next < units.size();
    for (auto& l : lines)
        while (!l.empty() && l.back() == ' ')
            l.pop_back();
    if (!lines.empty()) {
        // A single word wider than the box, or more text than lines: ellipsize.
        std::string& last = lines.back();
        if (truncated) last = cutWithEllipsis(last, height, maxWidth, true);
        for (auto& l : lines) {
            const auto codepoints = splitCodepoints(l);
            const bool hanging = !codepoints.empty() && isClosingPunctuation(codepoints.back());
            if (hanging && width(l.substr(0, l.size() - codepoints.back().size()), height) <= maxWidth)
                continue;
            l = ellipsize(l, height, maxWidth);
        }
    }
    return lines;
}

Fonts Fonts::loadDefault() {
    return {std::make_shared<TextRenderer>(TextRenderer::kDefaultFont),
            std::make_shared<TextRenderer>(TextRenderer::kDefaultBoldFont)};
}

} // namespace hawker::overlay
