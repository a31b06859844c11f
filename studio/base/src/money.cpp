#include "hawker/studio/base/money.hpp"

#include <algorithm>
#include <cmath>

#include "hawker/overlay/figure_text.hpp"
#include "hawker/studio/base/figures.hpp"

namespace hawker::studio::figures {

int64_t wholeCents(double cents) {
    if (std::isnan(cents)) return 0;
    return static_cast<int64_t>(std::llround(std::clamp(cents, -9e18, 9e18)));
}

std::string formatYuan(std::optional<double> cents) {
    if (!cents || !std::isfinite(*cents)) return kMissing;
    return overlay::yuanText(wholeCents(*cents), overlay::YuanStyle::Ledger);
}

std::string formatYuanCompact(double cents) {
    if (!std::isfinite(cents)) return kMissing;
    return overlay::yuanText(wholeCents(cents), overlay::YuanStyle::Compact);
}

namespace {
/// ISO 4217 minor units where they are not 2.
int minorDigits(std::string_view currency) {
    static constexpr std::string_view kNone[] = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW",
                                                 "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"};
    static constexpr std::string_view kThree[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
    if (std::find(std::begin(kNone), std::end(kNone), currency) != std::end(kNone)) return 0;
    if (std::find(std::begin(kThree), std::end(kThree), currency) != std::end(kThree)) return 3;
    return 2;
}
} // namespace

std::string formatCurrencyMicros(std::string_view currency, int64_t micros) {
    const int digits = minorDigits(currency);
    int64_t unit = 1'000'000;
    for (int i = 0; i < digits; ++i)
        unit /= 10;
    const bool negative = micros < 0;
    const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(micros) : static_cast<uint64_t>(micros);
    const uint64_t minor = (magnitude + static_cast<uint64_t>(unit) / 2) / static_cast<uint64_t>(unit);
    uint64_t scale = 1;
    for (int i = 0; i < digits; ++i)
        scale *= 10;
    std::string out(currency);
    out += negative ? " -" : " ";
    out += groupDigits(static_cast<long long>(minor / scale));
    if (digits > 0) {
        std::string fraction = std::to_string(minor % scale);
        out += '.';
        out.append(static_cast<size_t>(digits) - fraction.size(), '0');
        out += fraction;
    }
    return out;
}

} // namespace hawker::studio::figures
