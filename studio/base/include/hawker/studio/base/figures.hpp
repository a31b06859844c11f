#pragma once
// Counts and plain numbers written for people, the same in the console, the review and the report: thousands
// grouped, and a missing figure written as a dash rather than as 0. Money, clocks and percentages have their
// own headers beside this one (money.hpp, clock.hpp, percent.hpp); all of them spell digits through
// overlay/figure_text.hpp, so that the graphics on air and the studio's pages cannot drift apart.

#include <cstdint>
#include <optional>
#include <string>

namespace hawker::studio::figures {

/// Shown for a value that is missing, null or not a number: a ratio without a denominator is not 0.
inline constexpr const char* kMissing = "—";

/// "1234567" -> "1,234,567" (the digits of |whole|): figures are read at a glance.
std::string groupDigits(long long whole);
/// A signed count, grouped: "-1,234".
std::string formatCount(int64_t value);
/// Whole numbers as whole numbers ("1,234"), anything with a fraction to `decimals` places (0..6, "1,234.5",
/// rounded as printf rounds: to the decimal nearest the double), thousands grouped either way; kMissing when
/// the value is not finite.
std::string formatNumber(double value, int decimals = 1);
/// As above; kMissing when there is no value.
std::string formatNumber(std::optional<double> value, int decimals = 1);

} // namespace hawker::studio::figures
