#include "hawker/studio/report/chi_square.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>

#include "hawker/studio/base/figures.hpp"

namespace hawker::studio {

namespace {
ChiSquareResult invalid(std::string reason) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan, false, std::move(reason)};
}
} // namespace

ChiSquareResult chiSquare2x2(int64_t successesA, int64_t trialsA, int64_t successesB, int64_t trialsB) {
    if (successesA < 0 || trialsA < 0 || successesB < 0 || trialsB < 0) return invalid("a count is negative");
    if (successesA > trialsA) return invalid("variant A has more successes than trials");
    if (successesB > trialsB) return invalid("variant B has more successes than trials");
    if (trialsA == 0) return invalid("variant A has no trials, so there is nothing to compare");
    if (trialsB == 0) return invalid("variant B has no trials, so there is nothing to compare");

    // Doubles from here on: the cross products of real audience counts overflow int64 long before
    // they lose meaningful precision as doubles.
    const double nA = static_cast<double>(trialsA);
    const double nB = static_cast<double>(trialsB);
    const double total = nA + nB;
    const double successes = static_cast<double>(successesA) + static_cast<double>(successesB);
    const double failures = total - successes;

    const std::array<double, 4> observed{
        static_cast<double>(successesA), nA - static_cast<double>(successesA),
        static_cast<double>(successesB), nB - static_cast<double>(successesB)};
    const std::array<double, 4> expected{nA * successes / total, nA * failures / total,
                                         nB * successes / total, nB * failures / total};

    double smallest = expected[0];
    for (double e : expected)
        smallest = std::min(smallest, e);
    // Below 5 expected per cell the chi-square approximation is unreliable; a wrong "significant" is
    // worse than no answer, so refuse rather than guess.
    if (smallest < 5.0)
        return invalid("too few results for a chi-square test: an expected cell count is " +
                       figures::formatNumber(smallest, 1) + ", below 5");

    double chi = 0.0;
    for (size_t i = 0; i < observed.size(); ++i) {
        const double diff = observed[i] - expected[i];
        chi += diff * diff / expected[i];
    }
    return {chi, std::erfc(std::sqrt(chi / 2.0)), true, {}};
}

} // namespace hawker::studio
