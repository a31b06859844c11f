#pragma once
// Times written for people: clocks for durations and offsets, durations in prose, calendar times.
//
// One rounding rule for the whole studio: a time in seconds is shown to the nearest whole second, half a
// second rounding away from zero (wholeSeconds: 0.5 s reads 0:01, 59.5 s reads 1:00, -0.5 s reads -0:01), in
// the console, the review and the report alike. (The console used to cut the fraction off, so it could show a
// second less than the report for the same moment.) The one exception is a countdown to a deadline, a flash
// sale's launch or end: the time left rounds up (countdownSeconds), so 00:00 appears only once the moment has
// come, never while a shopper can still buy. The spellings are overlay/figure_text.hpp's clock faces.

#include <cstdint>
#include <optional>
#include <string>

namespace hawker::studio::figures {

/// `seconds` to the nearest whole second, halves away from zero; clamped to ±1e12 s, 0 for NaN.
int64_t wholeSeconds(double seconds);
/// Whole seconds left until a deadline `msLeft` away, rounded up (9.001 s left is 10); 0 once it has passed.
int countdownSeconds(int64_t msLeft);

/// "0:42", "12:05", "1:02:03" after wholeSeconds; a negative time keeps its sign ("-0:30"); kMissing when the
/// time is not finite.
std::string formatClock(double seconds);
/// An offset in milliseconds from the start of the session, as formatClock writes it; kMissing without one.
std::string formatOffset(std::optional<double> offsetMs);
/// "42 s", "3 min 05 s", "2 h 10 min": a duration in prose, after wholeSeconds; kMissing without one.
std::string formatDuration(std::optional<double> seconds);
/// "2023-11-14 22:13 UTC", whatever the machine's time zone (the report, read anywhere); kMissing without
/// one.
std::string formatUtc(std::optional<double> utcMs);
/// "2023-11-14 22:13" in the machine's time zone: what the merchandiser's own clock said (the console's
/// review).
std::string formatLocalTime(int64_t utcMs);

} // namespace hawker::studio::figures
