#pragma once
// Values quoted back in refusal messages, the audit log and the log. A sender
// may put a megabyte into a sku or a scene id; the refusal names it, but only
// its start, so the message, the in-memory audit entry and the log line stay
// small whatever was sent.

#include <cstdint>
#include <string>
#include <string_view>

#include "hawker/overlay/utf8.hpp"

namespace hawker::studio {

/// How many characters (code points) of a value a message quotes.
inline constexpr size_t kQuotedChars = 48;

/// `text` cut after `maxChars` characters with "…" when it is longer. It never
/// splits a UTF-8 sequence; an invalid byte becomes U+FFFD and control
/// characters are dropped, so the result is one printable line.
inline std::string shortened(std::string_view text, size_t maxChars = kQuotedChars) {
    std::string out;
    size_t chars = 0;
    for (size_t i = 0; i < text.size();) {
        uint32_t codepoint = 0;
        const size_t length = overlay::validUtf8Sequence(text, i, codepoint);
        const bool control = length != 0 && (codepoint < 0x20 || (codepoint >= 0x7f && codepoint < 0xa0));
        if (!control && chars == maxChars) {
            out += "…";
            break;
        }
        if (length == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD
            ++chars;
            ++i;
            continue;
        }
        if (!control) {
            out.append(text.substr(i, length));
            ++chars;
        }
        i += length;
    }
    return out;
}

/// shortened(text) in single quotes, as refusals quote what was sent: 'SKU-1', 'AAAA…'.
inline std::string quoteValue(std::string_view text) {
    return "'" + shortened(text) + "'";
}

} // namespace hawker::studio
