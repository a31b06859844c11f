#include "hawker/studio/base/figures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "hawker/overlay/figure_text.hpp"

namespace hawker::studio::figures {

std::string groupDigits(long long whole) {
    return overlay::groupDigits(whole < 0 ? uint64_t{0} - static_cast<uint64_t>(whole)
                                          : static_cast<uint64_t>(whole));
}

std::string formatCount(int64_t value) {
    return (value < 0 ? "-" : "") + groupDigits(value);
}

std::string formatNumber(double value, int decimals) {
    if (!std::isfinite(value)) return kMissing;
    // Beyond this a double has no fraction left to show and no uint64 to hold it.
    const double magnitude = std::min(std::fabs(value), 9e18);
    if (std::fabs(value - std::round(value)) < 1e-9 || decimals <= 0) {
        const auto whole = static_cast<uint64_t>(std::llround(magnitude));
        return (value < 0 && whole != 0 ? "-" : "") + overlay::groupDigits(whole);
    }
    // The fraction as printf rounds it (the nearest decimal to the double, as the review has always shown
    // it).
    char digits[64];
    std::snprintf(digits, sizeof digits, "%.*f", std::min(decimals, 6), magnitude);
    const std::string text = digits;
    const size_t point = text.find('.');
    const std::string whole = overlay::groupDigits(std::strtoull(text.c_str(), nullptr, 10));
    const bool zero = text.find_first_not_of("0.") == std::string::npos;
    return (value < 0 && !zero ? "-" : "") + whole + text.substr(point);
}

std::string formatNumber(std::optional<double> value, int decimals) {
    return value ? formatNumber(*value, decimals) : kMissing;
}

} // namespace hawker::studio::figures
