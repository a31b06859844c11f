#include "hawker/studio/report/review_text.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <optional>

#include "hawker/studio/base/figures.hpp"
#include "hawker/studio/base/json_read.hpp"

namespace hawker::studio {

std::string reviewMetric(const std::string& key, const nlohmann::json& value) {
    const std::optional<double> v = json_read::numberOf(value);
    if (!v) return "—";
    if (key.ends_with("_cents")) return reviewYuan(*v);
    if (key.ends_with("_rate") || key == "sell_through") return reviewPercent(*v, 2);
    if (key.ends_with("_seconds") || key.ends_with("_s")) return reviewDuration(*v);
    if (std::fabs(*v - std::round(*v)) < 1e-9) return figures::formatCount(std::llround(*v));
    char out[32];
    std::snprintf(out, sizeof out, "%.1f", *v);
    return out;
}

std::string reviewMetricAt(const nlohmann::json& parent, const std::string& key) {
    return reviewMetric(key, json_read::memberOf(parent, key));
}

std::string reviewYuan(double cents) {
    return figures::formatYuan(std::llround(cents));
}

std::string reviewPercent(double fraction, int decimals) {
    char out[32];
    std::snprintf(out, sizeof out, "%.*f%%", decimals, fraction * 100.0);
    return out;
}

std::string reviewDuration(double seconds) {
    const bool negative = seconds < 0;
    const auto total = static_cast<long long>(std::llround(std::fabs(seconds)));
    char out[32];
    if (total >= 3600)
        std::snprintf(out, sizeof out, "%s%lld:%02lld:%02lld", negative ? "-" : "", total / 3600,
                      total / 60 % 60, total % 60);
    else
        std::snprintf(out, sizeof out, "%s%lld:%02lld", negative ? "-" : "", total / 60, total % 60);
    return out;
}

std::string reviewLocalTime(int64_t utcMs) {
    const std::time_t seconds = static_cast<std::time_t>(utcMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%d %H:%M", &local);
    return out;
}

} // namespace hawker::studio
