#include "console/ui_format.hpp"

#include <cmath>
#include <cstdio>

namespace hawker::studio::console {

std::string formatYuan(int64_t cents) {
    char text[48];
    const int64_t magnitude = cents < 0 ? -cents : cents;
    std::snprintf(text, sizeof text, "%s¥%lld.%02lld", cents < 0 ? "-" : "",
                  static_cast<long long>(magnitude / 100), static_cast<long long>(magnitude % 100));
    return text;
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

} // namespace hawker::studio::console
