#include "report_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdint>
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

namespace {

std::string groupDigits(uint64_t value) {
    std::string digits = std::to_string(value);
    std::string out;
    const size_t lead = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i >= lead && (i - lead) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

uint64_t magnitude(double value) {
    const double absolute = std::fabs(value);
    return absolute >= 9e18 ? static_cast<uint64_t>(9e18) : static_cast<uint64_t>(std::llround(absolute));
}

std::string sign(double roundedValue) {
    return roundedValue < 0 ? "-" : "";
}

std::string formatInteger(double value) {
    const uint64_t whole = magnitude(value);
    return (whole == 0 ? "" : sign(value)) + groupDigits(whole);
}

bool endsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

} // namespace

std::string formatNumber(double value, int decimals) {
    if (std::fabs(value - std::round(value)) < 1e-9) return formatInteger(value);
    const double scale = std::pow(10.0, decimals);
    const double scaled = std::round(std::fabs(value) * scale);
    const auto whole = static_cast<uint64_t>(scaled / scale);
    const auto fraction = static_cast<uint64_t>(scaled - static_cast<double>(whole) * scale);
    return (scaled == 0 ? "" : sign(value)) + groupDigits(whole) + "." +
           format("%0*llu", decimals, static_cast<unsigned long long>(fraction));
}

std::string formatMoney(std::optional<double> cents) {
    if (!cents) return kDash;
    const uint64_t total = magnitude(*cents);
    return (total == 0 ? "" : sign(*cents)) + "¥" + groupDigits(total / 100) +
           format(".%02u", static_cast<unsigned>(total % 100));
}

std::string formatPercent(std::optional<double> ratio, int decimals) {
    if (!ratio) return kDash;
    return format("%.*f%%", decimals, *ratio * 100.0);
}

std::string formatCount(std::optional<double> value) {
    return value ? formatNumber(*value) : kDash;
}

std::string formatClock(double seconds) {
    const bool negative = seconds < 0;
    const int64_t total = std::llround(std::min(std::fabs(seconds), 1e12));
    const int64_t hours = total / 3600;
    const int64_t minutes = total / 60 % 60;
    const int64_t rest = total % 60;
    const std::string text =
        hours > 0 ? format("%lld:%02lld:%02lld", static_cast<long long>(hours),
                           static_cast<long long>(minutes), static_cast<long long>(rest))
                  : format("%lld:%02lld", static_cast<long long>(minutes), static_cast<long long>(rest));
    return (negative && total != 0 ? "-" : "") + text;
}

std::string formatOffset(std::optional<double> offsetMs) {
    return offsetMs ? formatClock(*offsetMs / 1000.0) : kDash;
}

std::string formatDuration(std::optional<double> seconds) {
    if (!seconds) return kDash;
    const double value = std::fabs(*seconds);
    const std::string prefix = *seconds < 0 ? "-" : "";
    if (value < 60) return prefix + formatNumber(value, 1) + " s";
    const int64_t total = std::llround(std::min(value, 1e12));
    if (total < 3600)
        return prefix + format("%lld min %02lld s", static_cast<long long>(total / 60),
                               static_cast<long long>(total % 60));
    return prefix + format("%lld h %02lld min", static_cast<long long>(total / 3600),
                           static_cast<long long>(total / 60 % 60));
}

// Computed by hand (days-to-civil) because gmtime is neither pure nor thread-safe, and the report must not
// depend on the machine's time zone.
std::string formatUtc(std::optional<double> utcMs) {
    if (!utcMs || std::fabs(*utcMs) > 1e17) return kDash;
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
    return format("%04lld-%02lld-%02lld %02lld:%02lld UTC", static_cast<long long>(year),
                  static_cast<long long>(month), static_cast<long long>(day),
                  static_cast<long long>(minuteOfDay / 60), static_cast<long long>(minuteOfDay % 60));
}

std::string dataValue(const json& value) {
    if (value.is_number_integer()) return textOf(value);
    const std::optional<double> number = numberOf(value);
    return number ? shortest(*number) : std::string();
}

// The unit follows from the key's name, the convention the metric definitions use throughout.
Unit unitOf(std::string_view key) {
    if (endsWith(key, "_cents")) return Unit::Money;
    if (endsWith(key, "_rate") || key == "sell_through") return Unit::Ratio;
    if (endsWith(key, "_seconds") || endsWith(key, "_s")) return Unit::Seconds;
    if (key == "acu") return Unit::Decimal;
    return Unit::Count;
}

std::string formatValue(Unit unit, std::optional<double> value) {
    if (!value) return kDash;
    switch (unit) {
    case Unit::Money:
        return formatMoney(value);
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
