#include "hawker/studio/base/untrusted_text.hpp"

#include <algorithm>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "hawker/overlay/utf8.hpp"

namespace hawker::studio {

std::string toJsonText(const nlohmann::json& value, int indent) {
    return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool hasControlBytes(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

std::string printable(std::string_view text, size_t maxBytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(std::min(text.size(), maxBytes) + 8);
    for (size_t i = 0; i < text.size();) {
        if (out.size() >= maxBytes) {
            out += "…";
            break;
        }
        const auto byte = static_cast<unsigned char>(text[i]);
        uint32_t codepoint = 0;
        const size_t length = overlay::validUtf8Sequence(text, i, codepoint);
        const bool control = codepoint < 0x20 || codepoint == 0x7f || (codepoint >= 0x80 && codepoint < 0xa0);
        if (length == 0 || control || byte == '\\') {
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 0xf];
            ++i;
            continue;
        }
        out.append(text.substr(i, length));
        i += length;
    }
    return out;
}

bool jsonNestingWithin(std::string_view text, int maxDepth) {
    int depth = 0;
    bool inString = false, escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth) return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

} // namespace hawker::studio
