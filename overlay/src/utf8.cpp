#include "hawker/overlay/utf8.hpp"

#include <algorithm>

namespace hawker::overlay {

namespace {
size_t sequenceLength(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) return 2;
    if ((lead & 0xF0) == 0xE0) return 3;
    if ((lead & 0xF8) == 0xF0) return 4;
    return 0;
}

} // namespace

size_t validUtf8Sequence(std::string_view text, size_t i, uint32_t& codepoint) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t length = sequenceLength(lead);
    if (length == 0 || i + length > text.size()) return 0;
    codepoint = length == 1 ? lead : (lead & (0xFF >> (length + 1)));
    for (size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) return 0;
        codepoint = (codepoint << 6) | (next & 0x3F);
    }
    static const uint32_t minimum[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (codepoint < minimum[length] || codepoint > 0x10FFFF || (codepoint >= 0xD800 && codepoint <= 0xDFFF))
        return 0;
    return length;
}

bool isValidUtf8(std::string_view text) {
    uint32_t codepoint = 0;
    for (size_t i = 0; i < text.size();) {
        const size_t length = validUtf8Sequence(text, i, codepoint);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

std::string sanitizeUtf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    uint32_t codepoint = 0;
    for (size_t i = 0; i < text.size();) {
        const size_t length = validUtf8Sequence(text, i, codepoint);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        if (codepoint == '\t' || codepoint == '\n' || codepoint == '\r')
            out += ' ';
        else if (codepoint >= 0x20 && codepoint != 0x7F)
            out.append(text.substr(i, length));
        i += length;
    }
    return out;
}

std::vector<std::string> splitCodepoints(std::string_view utf8) {
    std::vector<std::string> out;
    for (size_t i = 0; i < utf8.size();) {
        const size_t length = std::max<size_t>(1, sequenceLength(static_cast<unsigned char>(utf8[i])));
        out.emplace_back(utf8.substr(i, length));
        i += length;
    }
    return out;
}

} // namespace hawker::overlay
