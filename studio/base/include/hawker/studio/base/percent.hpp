#pragma once
// Ratios written as percentages: 0.125 reads "12.5%". Tables, tiles, charts and the graphics write the sign
// right after the figure (overlay/figure_text.hpp's percentText); alert messages, which are stored with the
// session and read as sentences, have always written it apart ("GMV is 9 % behind the target's pace") and
// keep doing so, so that the alerts of old and new sessions read alike.

#include <optional>
#include <string>

namespace hawker::studio::figures {

/// `ratio` × 100 to `decimals` places: "12.5%", "-5.1%", "100.00%"; kMissing when it is not finite.
std::string formatPercent(double ratio, int decimals = 1);
/// As above; kMissing when there is no ratio (a denominator of 0 gives none, never 0 %).
std::string formatPercent(std::optional<double> ratio, int decimals = 1);
/// A change, always signed: "+22.8%", "-12.3%", "+0.0%".
std::string formatPercentChange(double ratio, int decimals = 1);
/// For sentences: at most `decimals` places with trailing zeros dropped and the sign set apart: "9 %",
/// "1.5 %", "33.33 %".
std::string formatPercentInSentence(double ratio, int decimals = 0);

} // namespace hawker::studio::figures
