#include "hawker/studio/base/glyph_coverage.hpp"

#include <algorithm>

namespace hawker::studio {

namespace {
constexpr char32_t kCodePoints = 0x110000;
} // namespace

std::vector<char32_t> utf8CodePoints(std::string_view text) {
    std::vector<char32_t> out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const int length = lead < 0x80           ? 1
                           : (lead >> 5) == 0x6  ? 2
                           : (lead >> 4) == 0xE  ? 3
                           : (lead >> 3) == 0x1E ? 4
                                                 : 0;
        if (length == 0 || i + static_cast<size_t>(length) > text.size()) {
            ++i;
            continue;
        }
        char32_t point = length == 1 ? lead : lead & (0x7F >> length);
        bool valid = true;
        for (int k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + static_cast<size_t>(k)]);
            if ((next & 0xC0) != 0x80) {
                valid = false;
                break;
            }
            point = (point << 6) | (next & 0x3F);
        }
        if (!valid) {
            ++i;
            continue;
        }
        if (point < kCodePoints) out.push_back(point);
        i += static_cast<size_t>(length);
    }
    return out;
}

GlyphCoverage::GlyphCoverage() : m_covered(kCodePoints, false) {
    // Controls are never drawn as glyphs.
    for (char32_t c = 0; c < 0x20; ++c)
        m_covered[c] = true;
}

void GlyphCoverage::cover(char32_t codePoint) {
    if (codePoint < kCodePoints) m_covered[codePoint] = true;
}

void GlyphCoverage::coverText(std::string_view text) {
    for (char32_t point : utf8CodePoints(text))
        cover(point);
}

bool GlyphCoverage::covers(char32_t codePoint) const {
    return codePoint >= kCodePoints || m_covered[codePoint];
}

size_t GlyphCoverage::notice(std::string_view text) {
    size_t added = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        // ASCII is always in the atlas: skip the decoding for the common case.
        if (static_cast<unsigned char>(text[i]) >= 0x80) {
            for (char32_t point : utf8CodePoints(text.substr(i)))
                if (!covers(point) &&
                    std::find(m_pending.begin(), m_pending.end(), point) == m_pending.end()) {
                    m_pending.push_back(point);
                    ++added;
                }
            break;
        }
    }
    return added;
}

std::vector<char32_t> GlyphCoverage::takePending() {
    std::vector<char32_t> taken;
    taken.swap(m_pending);
    std::sort(taken.begin(), taken.end());
    for (char32_t point : taken)
        cover(point);
    return taken;
}

} // namespace hawker::studio
