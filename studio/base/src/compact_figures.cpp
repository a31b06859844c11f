#include "hawker/studio/base/compact_figures.hpp"

#include <cmath>
#include <cstdlib>

#include "hawker/studio/base/figures.hpp"
#include "hawker/studio/base/money.hpp"

namespace hawker::studio::figures {

namespace {

struct Unit {
    uint64_t size;
    const char* suffix;
};

// Largest first. Chinese counts in 万 and 亿 (there is no word between them), English in thousands.
constexpr Unit kChineseUnits[] = {{100'000'000, "亿"}, {10'000, "万"}};
constexpr Unit kEnglishUnits[] = {{1'000'000'000, "B"}, {1'000'000, "M"}, {1'000, "k"}};

uint64_t magnitude(int64_t value) {
    return value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
}

/// `value` in tenths of `unit`, rounded half up (integers only: a double would misround 99,999,950).
uint64_t tenths(uint64_t value, uint64_t unit) {
    const uint64_t tenth = unit / 10;
    return value / tenth + (value % tenth * 2 >= tenth ? 1 : 0);
}

template <size_t N>
std::string shorten(uint64_t value, const Unit (&units)[N]) {
    for (size_t i = 0; i < N; ++i) {
        if (value < units[i].size) continue;
        size_t unit = i;
        uint64_t shown = tenths(value, units[i].size);
        // A figure that rounds to a whole next unit ("10000.0万") is written in that unit ("1亿").
        if (i > 0 && shown >= units[i - 1].size / units[i].size * 10)
            shown = tenths(value, units[--unit].size);
        std::string text = groupDigits(static_cast<long long>(shown / 10));
        if (shown % 10 != 0) text += "." + std::to_string(shown % 10);
        return text + units[unit].suffix;
    }
    return groupDigits(static_cast<long long>(value));
}

uint64_t threshold(i18n::Language language) {
    return language == i18n::Language::ZhCN ? 10'000 : 1'000;
}

} // namespace

std::string formatCompactCount(int64_t value, i18n::Language language) {
    const uint64_t size = magnitude(value);
    const std::string text =
        language == i18n::Language::ZhCN ? shorten(size, kChineseUnits) : shorten(size, kEnglishUnits);
    return (value < 0 ? "-" : "") + text;
}

bool isCompacted(int64_t value, i18n::Language language) {
    return magnitude(value) >= threshold(language);
}

std::string formatYuanShort(double cents, i18n::Language language) {
    if (!std::isfinite(cents)) return kMissing;
    const int64_t whole = wholeCents(cents);
    if (magnitude(whole) < 10'000 * 100) return formatYuan(static_cast<double>(whole));
    const int64_t yuan = whole / 100; // the short form has one decimal of a 万 or a k: cents do not show
    return (whole < 0 ? "-¥" : "¥") + formatCompactCount(yuan < 0 ? -yuan : yuan, language);
}

} // namespace hawker::studio::figures
