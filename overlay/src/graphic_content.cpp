#include "hawker/overlay/graphic_content.hpp"

#include <cstdio>

namespace hawker::overlay {

std::string formatYuan(int64_t cents) {
    if (cents < 0) return "¥--";
    const int64_t yuan = cents / 100, fen = cents % 100;
    // Thousands separators keep big numbers readable across a studio.
    const std::string plain = std::to_string(yuan);
    std::string digits;
    for (size_t i = 0; i < plain.size(); ++i) {
        if (i > 0 && (plain.size() - i) % 3 == 0) digits.push_back(',');
        digits.push_back(plain[i]);
    }
    if (fen == 0) return "¥" + digits;
    char tail[8];
    std::snprintf(tail, sizeof(tail), ".%02d", static_cast<int>(fen));
    std::string out = "¥" + digits + tail;
    if (out.back() == '0') out.pop_back();
    return out;
}

std::string formatClock(int seconds) {
    if (seconds < 0) seconds = 0;
    char text[16];
    std::snprintf(text, sizeof(text), "%02d:%02d", std::min(seconds / 60, 99), seconds % 60);
    return text;
}

} // namespace hawker::overlay
