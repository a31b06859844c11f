#pragma once
// How the page writes figures. Counts, money, percentages, clocks, durations and dates are studio/base's
// (figures.hpp, money.hpp, percent.hpp, clock.hpp), the same as in the console, used here by their short
// names; what is the page's own is the unit a metric's key names and the width of a CSS bar. A missing figure
// is "—".

#include <optional>
#include <string>
#include <string_view>

#include "hawker/studio/base/clock.hpp"
#include "hawker/studio/base/figures.hpp"
#include "hawker/studio/base/money.hpp"
#include "hawker/studio/base/percent.hpp"
#include "hawker/studio/base/translations.hpp"
#include "report_fields.hpp"

namespace hawker::studio::report_html {

// The report follows the language chosen for it (hawker report --lang, the console's language for the
// review's export): headings stay bilingual, the notes, asides and words in between are tr()'s.
using i18n::tr;
using i18n::trf;

using figures::formatClock;
using figures::formatCount;
using figures::formatCurrencyMicros;
using figures::formatDuration;
using figures::formatNumber;
using figures::formatOffset;
using figures::formatPercent;
using figures::formatPercentChange;
using figures::formatUtc;
using figures::formatYuan;
using figures::kMissing;

/// printf into a std::string.
[[gnu::format(printf, 1, 2)]] std::string format(const char* pattern, ...);

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
