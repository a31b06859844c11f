#include "hawker/overlay/figure_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hawker::overlay {

namespace {

/// |value| without overflow for INT64_MIN.
uint64_t magnitudeOf(int64_t value) {
    return value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
}

std::string twoDigits(uint64_t value) {
    char text[4];
    std::snprintf(text, sizeof text, "%02u", static_cast<unsigned>(value % 100));
    return text;
}

} // namespace

std::string groupDigits(uint64_t magnitude) {
    const std::string plain = std::to_string(magnitude);
    std::string digits;
    digits.reserve(plain.size() + plain.size() / 3);
    for (size_t i = 0; i < plain.size(); ++i) {
        if (i > 0 && (plain.size() - i) % 3 == 0) digits.push_back(',');
        digits.push_back(plain[i]);
    }
    return digits;
}

std::string yuanText(int64_t cents, YuanStyle style) {
    const uint64_t total = magnitudeOf(cents);
    const std::string sign = cents < 0 ? "-" : "";
    switch (style) {
    case YuanStyle::PriceTag: {
        if (cents < 0) return "¥--";
        const uint64_t fen = total % 100;
        if (fen == 0) return "¥" + groupDigits(total / 100);
        std::string text = "¥" + groupDigits(total / 100) + "." + twoDigits(fen);
        if (text.back() == '0') text.pop_back(); // ¥19.9, as price tags read
        return text;
    }
    case YuanStyle::Compact:
        if (total >= 10000) return sign + "¥" + groupDigits(total / 100 + (total % 100 >= 50 ? 1 : 0));
        return sign + "¥" + std::to_string(total / 100) + "." + twoDigits(total % 100);
    case YuanStyle::Ledger:
        break;
    }
    return sign + "¥" + groupDigits(total / 100) + "." + twoDigits(total % 100);
}

std::string clockText(int64_t seconds, ClockFace face) {
    if (face == ClockFace::Countdown) {
        const uint64_t left = seconds < 0 ? 0 : static_cast<uint64_t>(seconds);
        return twoDigits(std::min<uint64_t>(left / 60, 99)) + ":" + twoDigits(left % 60);
    }
    const uint64_t total = magnitudeOf(seconds);
    const std::string sign = seconds < 0 ? "-" : "";
    const uint64_t hours = total / 3600;
    if (hours > 0)
        return sign + std::to_string(hours) + ":" + twoDigits(total / 60 % 60) + ":" + twoDigits(total % 60);
    return sign + std::to_string(total / 60) + ":" + twoDigits(total % 60);
}

std::string percentText(double percentage, int decimals) {
    if (!std::isfinite(percentage)) return "—%";
    decimals = std::clamp(decimals, 0, 6);
    char text[400]; // wide enough for any finite double in fixed notation
    std::snprintf(text, sizeof text, "%.*f", decimals, percentage);
    std::string out = text;
    if (out.front() == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
    return out + "%";
}

} // namespace hawker::overlay
