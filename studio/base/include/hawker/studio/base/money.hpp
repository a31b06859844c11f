#pragma once
// Money written for people. Money is integer cents (分) everywhere in Hawker; a figure that arrives as a
// double (a UV value, a GMV per thousand views, a number read back from a report's JSON) is first rounded to
// the nearest whole cent, half a cent away from zero, and only then written, so a figure reads the same
// whichever path it took. The spellings themselves are overlay/figure_text.hpp's (YuanStyle): the ledger
// style here, the compact style for tiles and axes, the price-tag style on air.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hawker::studio::figures {

/// Ten million yuan: a product's price or a promotion's amount beyond this is a typo, not a product (the show
/// file and the catalog CSV refuse it).
inline constexpr int64_t kMaxPriceCents = 1'000'000'000;

/// `cents` as a double to whole cents, half a cent away from zero, clamped to ±9e18.
int64_t wholeCents(double cents);

/// "¥1,299.00", "-¥25.50" (after wholeCents): every table, list, review and report. figures::kMissing when
/// there is no value or it is not finite. One entry for integer and fractional cents alike, so that a double
/// can never be truncated on its way in.
std::string formatYuan(std::optional<double> cents);
/// "¥1,235" from ¥100 up, "¥0.85" below (after wholeCents): the console's KPI tiles and chart axes.
std::string formatYuanCompact(double cents);

/// A viewer's payment in their own currency, from millionths: "USD 5.00", "JPY 500", "KWD 1.250" (the
/// currency's usual decimals, half away from zero, thousands grouped). Paid engagement is never converted
/// to yuan: the rate of the day is not Hawker's to guess.
std::string formatCurrencyMicros(std::string_view currency, int64_t micros);

} // namespace hawker::studio::figures
