#include "ui_format.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace hawker::studio::console {

std::string groupDigits(long long whole) {
    std::string digits = std::to_string(whole < 0 ? -static_cast<unsigned long long>(whole)
                                                  : static_cast<unsigned long long>(whole));
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<size_t>(at), ",");
    return digits;
}

std::string formatCount(int64_t value) {
    return (value < 0 ? "-" : "") + groupDigits(value);
}

std::string formatYuan(int64_t cents) {
    const long long magnitude = cents < 0 ? -static_cast<long long>(cents) : static_cast<long long>(cents);
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%02lld", magnitude % 100);
    return std::string(cents < 0 ? "-" : "") + "¥" + groupDigits(magnitude / 100) + fraction;
}

std::string formatClock(double seconds) {
    if (!(seconds >= 0)) return "—";
    const long long total = static_cast<long long>(std::floor(seconds));
    char text[32];
    if (total >= 3600)
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
    else
        std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
    return text;
}

ImVec4 sourceStateColor(capture::SourceState state) {
    switch (state) {
    case capture::SourceState::Live:
        return kTextGood;
    case capture::SourceState::Connecting:
    case capture::SourceState::Stalled:
        return kTextWarn;
    case capture::SourceState::Ended:
        return kTextDim;
    default:
        return kTextBad;
    }
}

} // namespace hawker::studio::console
