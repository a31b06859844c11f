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

} // namespace hawker::studio::figures
