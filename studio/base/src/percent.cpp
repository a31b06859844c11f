#include "hawker/studio/base/percent.hpp"

#include <cmath>

#include "hawker/overlay/figure_text.hpp"
#include "hawker/studio/base/figures.hpp"

namespace hawker::studio::figures {

std::string formatPercent(double ratio, int decimals) {
    if (!std::isfinite(ratio)) return kMissing;
    return overlay::percentText(ratio * 100.0, decimals);
}

std::string formatPercent(std::optional<double> ratio, int decimals) {
    return ratio ? formatPercent(*ratio, decimals) : kMissing;
}

std::string formatPercentChange(double ratio, int decimals) {
    const std::string text = formatPercent(ratio, decimals);
    return text.front() == '-' || text == kMissing ? text : "+" + text;
}

std::string formatPercentInSentence(double ratio, int decimals) {
    std::string text = formatPercent(ratio, decimals);
    if (text == kMissing) return text;
    text.pop_back(); // the "%"
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0')
            text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    return text + " %";
}

} // namespace hawker::studio::figures
