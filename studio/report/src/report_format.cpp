#include "report_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

namespace hawker::studio::report_html {

[[gnu::format(printf, 1, 2)]] std::string format(const char* pattern, ...) {
    va_list args;
    va_start(args, pattern);
    va_list again;
    va_copy(again, args);
    const int length = std::vsnprintf(nullptr, 0, pattern, args);
    va_end(args);
    std::string text;
    if (length > 0) {
        text.resize(static_cast<size_t>(length) + 1);
        std::vsnprintf(text.data(), text.size(), pattern, again);
        text.resize(static_cast<size_t>(length));
    }
    va_end(again);
    return text;
}

std::string dataValue(const json& value) {
    if (value.is_number_integer()) return textOf(value);
    const std::optional<double> number = numberOf(value);
    return number ? shortest(*number) : std::string();
}

// The unit follows from the key's name, the convention the metric definitions use throughout.
Unit unitOf(std::string_view key) {
    if (key.ends_with("_cents")) return Unit::Money;
    if (key.ends_with("_rate") || key == "sell_through") return Unit::Ratio;
    if (key.ends_with("_seconds") || key.ends_with("_s")) return Unit::Seconds;
    if (key == "acu") return Unit::Decimal;
    return Unit::Count;
}

std::string formatValue(Unit unit, std::optional<double> value) {
    if (!value) return kMissing;
    switch (unit) {
    case Unit::Money:
        return formatYuan(value);
    case Unit::Ratio:
        return formatPercent(value, 2);
    case Unit::Seconds:
        return formatDuration(value);
    case Unit::Decimal:
        return formatNumber(*value, 1);
    case Unit::Count:
        break;
    }
    return formatNumber(*value, 1);
}

std::string formatMetric(const json& object, const char* key) {
    return formatValue(unitOf(key), numberAt(object, key));
}

std::optional<double> ratio(std::optional<double> numerator, std::optional<double> denominator) {
    if (!numerator || !denominator || *denominator == 0) return std::nullopt;
    return *numerator / *denominator;
}

std::string barWidth(std::optional<double> fraction) {
    const double value = fraction ? std::clamp(*fraction, 0.0, 1.0) : 0.0;
    return format("%.1f%%", value * 100.0);
}

} // namespace hawker::studio::report_html
