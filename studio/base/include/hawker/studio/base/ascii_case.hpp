#pragma once
// Lower case for the ASCII letters only. Names, keys, file extensions and
// search terms are compared this way; bytes of UTF-8 sequences (Chinese
// text) pass through untouched, and no locale is consulted.

#include <string>
#include <string_view>

namespace hawker::studio {

constexpr char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string asciiLower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = asciiLower(c);
    return out;
}

} // namespace hawker::studio
