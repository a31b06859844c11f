#include "hawker/studio/base/figures.hpp"

#include <cstdio>

namespace hawker::studio::figures {

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

} // namespace hawker::studio::figures
