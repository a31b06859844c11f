#pragma once
// Figures as characters: digits grouped by thousands, yuan from integer cents, clock faces from whole
// seconds, percentages. This is the one implementation of these spellings in Hawker. The on-air graphics draw
// them directly; studio/ reaches them only through studio/base's formatting module (figures, money, clock,
// percent), which adds the studio's rules on top (how a fraction of a second or of a cent rounds, what a
// missing value reads). It sits here rather than in studio/base because overlay/ is below studio/ and cannot
// include it, while a price on a product card must read exactly like the same price in the console.

#include <cstdint>
#include <string>

namespace hawker::overlay {

/// The digits of `magnitude` in groups of three: 1234567 -> "1,234,567".
std::string groupDigits(uint64_t magnitude);

/// How an amount of money is spelled; every style groups the yuan by thousands.
enum class YuanStyle {
    /// "¥1,299.00", "-¥25.50": always the fen. Tables, lists, the review and the report.
    Ledger,
    /// "¥299", "¥19.9", "¥19.99": a price as shoppers read it on air, without trailing zeros. A negative
    /// price is a fault and reads "¥--" rather than a figure nobody can pay.
    PriceTag,
    /// "¥1,235" from ¥100 up (the fen rounded half up into the yuan), "¥0.85" below: the dashboard's tiles
    /// and
    /// chart axes, where the fen of a large figure is noise and the fen of a small one (a UV value) is the
    /// point.
    Compact,
};

/// `cents` (分) in `style`.
std::string yuanText(int64_t cents, YuanStyle style);

/// How a number of whole seconds is spelled as a clock.
enum class ClockFace {
    /// "0:42", "12:05", "1:02:03": durations and offsets. A negative time keeps its sign ("-0:30").
    Elapsed,
    /// "01:35": a flash sale's countdown, minutes and seconds two digits each so the digits never jump about;
    /// minutes stop at 99 and a time below zero reads "00:00".
    Countdown,
};

/// `seconds` on `face`. Rounding a fraction of a second is the caller's rule (studio/base clock.hpp).
std::string clockText(int64_t seconds, ClockFace face);

/// `percentage` (in hundredths already: 12.5 for 12.5 %) to `decimals` places (0..6), rounded as printf
/// rounds (to the decimal nearest the double), with a "%" and no space: "12.5%", "33%". A value that rounds
/// to zero has no sign ("0.0%", never "-0.0%"); one that is not finite reads "—%" rather than "nan%".
std::string percentText(double percentage, int decimals);

} // namespace hawker::overlay
