#pragma once
// How the page writes numbers, money, ratios, durations and times: one place, so that every section shows a
// figure the same way (¥1,234.50, 12.5%, 3 min 05 s, 2023-11-14 22:13 UTC) and a missing one as "—".

#include <optional>
#include <string>
#include <string_view>

#include "report_fields.hpp"

namespace hawker::studio::report_html {

/// Shown for a value that is missing, null or not a number.
inline constexpr const char* kDash = "—";

/// printf into a std::string.
[[gnu::format(printf, 1, 2)]] std::string format(const char* pattern, ...);

/// Integers as integers; anything with a fraction to `decimals` places, thousands grouped either way.
std::string formatNumber(double value, int decimals = 1);
/// "¥1,234.50" from cents.
std::string formatMoney(std::optional<double> cents);
/// "12.5%" from 0.125.
std::string formatPercent(std::optional<double> ratio, int decimals = 1);
std::string formatCount(std::optional<double> value);
/// "0:42", "12:05", "1:02:03": durations and offsets in tables.
std::string formatClock(double seconds);
/// An offset from the start of the session as formatClock does it.
std::string formatOffset(std::optional<double> offsetMs);
/// "42 s", "3 min 05 s", "2 h 10 min": durations in prose.
std::string formatDuration(std::optional<double> seconds);
/// "2023-11-14 22:13 UTC", whatever the machine's time zone.
std::string formatUtc(std::optional<double> utcMs);

/// The value of a data point exactly as the JSON had it, so a test can compare plotted and reported numbers.
std::string dataValue(const json& value);

enum class Unit { Count, Money, Ratio, Seconds, Decimal };

/// The unit of a metric, from its key's name ("gmv_cents" is money, "conversion_rate" a ratio, ...).
Unit unitOf(std::string_view key);
std::string formatValue(Unit unit, std::optional<double> value);
/// `object[key]` in the unit its key names.
std::string formatMetric(const json& object, const char* key);

/// numerator / denominator, or nothing when either is missing or the denominator is 0.
std::optional<double> ratio(std::optional<double> numerator, std::optional<double> denominator);
/// Percent width for CSS bars, clamped so that bad data cannot break the layout.
std::string barWidth(std::optional<double> fraction);

} // namespace hawker::studio::report_html
