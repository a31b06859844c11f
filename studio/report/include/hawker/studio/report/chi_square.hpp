#pragma once
// Pearson's chi-square test on a 2x2 table: did variant B convert differently from variant A?

#include <cstdint>
#include <string>

namespace hawker::studio {

struct ChiSquareResult {
    double chiSquare;
    double pValue;
    bool valid;
    /// Empty when valid; otherwise a plain sentence saying why the test was not run.
    std::string reason;
};

/// 2x2 test of conversion between variant A and B: successes/trials each. Pearson chi-square, 1 d.o.f.,
/// no continuity correction; p from the chi-square(1) survival function (erfc(sqrt(x/2))).
/// valid=false with a reason when a trial count is 0 or an expected cell count is < 5 (say so plainly).
/// Also invalid for negative counts or more successes than trials. When invalid, chiSquare and pValue are
/// NaN, so that nothing can mistake them for a result (nlohmann::json writes NaN as null).
ChiSquareResult chiSquare2x2(int64_t successesA, int64_t trialsA, int64_t successesB, int64_t trialsB);

} // namespace hawker::studio
