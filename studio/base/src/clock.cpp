#include "hawker/studio/base/clock.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "hawker/overlay/figure_text.hpp"
#include "hawker/studio/base/figures.hpp"

namespace hawker::studio::figures {

int64_t wholeSeconds(double seconds) {
    if (std::isnan(seconds)) return 0;
    return static_cast<int64_t>(std::llround(std::clamp(seconds, -1e12, 1e12)));
}

int countdownSeconds(int64_t msLeft) {
    if (msLeft <= 0) return 0;
    return static_cast<int>(std::min<int64_t>(msLeft / 1000 + (msLeft % 1000 != 0 ? 1 : 0), INT_MAX));
}

std::string formatClock(double seconds) {
    if (!std::isfinite(seconds)) return kMissing;
    return overlay::clockText(wholeSeconds(seconds), overlay::ClockFace::Elapsed);
}

std::string formatOffset(std::optional<double> offsetMs) {
    return offsetMs ? formatClock(*offsetMs / 1000.0) : kMissing;
}

std::string formatDuration(std::optional<double> seconds) {
    if (!seconds || !std::isfinite(*seconds)) return kMissing;
    const int64_t signedTotal = wholeSeconds(*seconds);
    const int64_t total = signedTotal < 0 ? -signedTotal : signedTotal;
    const std::string sign = signedTotal < 0 ? "-" : "";
    char text[64];
    if (total < 60)
        std::snprintf(text, sizeof text, "%lld s", static_cast<long long>(total));
    else if (total < 3600)
        std::snprintf(text, sizeof text, "%lld min %02lld s", static_cast<long long>(total / 60),
                      static_cast<long long>(total % 60));
    else
        std::snprintf(text, sizeof text, "%lld h %02lld min", static_cast<long long>(total / 3600),
                      static_cast<long long>(total / 60 % 60));
    return sign + text;
}

// Computed by hand (days-to-civil) because gmtime is neither pure nor thread-safe, and the report must not
// depend on the machine's time zone.
std::string formatUtc(std::optional<double> utcMs) {
    if (!utcMs || !std::isfinite(*utcMs) || std::fabs(*utcMs) > 1e17) return kMissing;
    const auto ms = static_cast<int64_t>(std::floor(*utcMs));
    const int64_t msPerDay = 86'400'000;
    int64_t days = ms / msPerDay;
    int64_t msOfDay = ms % msPerDay;
    if (msOfDay < 0) {
        msOfDay += msPerDay;
        --days;
    }
    const int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t dayOfEra = z - era * 146097;
    const int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const int64_t monthIndex = (5 * dayOfYear + 2) / 153;
    const int64_t day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    const int64_t month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    const int64_t year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    const int64_t minuteOfDay = msOfDay / 60'000;
    char text[64];
    std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld %02lld:%02lld UTC", static_cast<long long>(year),
                  static_cast<long long>(month), static_cast<long long>(day),
                  static_cast<long long>(minuteOfDay / 60), static_cast<long long>(minuteOfDay % 60));
    return text;
}

std::string formatLocalTime(int64_t utcMs) {
    const std::time_t seconds = static_cast<std::time_t>(utcMs / 1000);
    std::tm local{};
    if (!localtime_r(&seconds, &local)) return kMissing;
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%d %H:%M", &local);
    return out;
}

} // namespace hawker::studio::figures
