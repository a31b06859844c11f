#pragma once
// What the micro-benchmarks share: run a body N times on the steady clock and
// keep the median and the 99th percentile, printed as key=value lines for the
// bench scripts.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

namespace hawker::bench {

struct Timing {
    double median, p99; ///< ms
};

inline Timing measure(int runs, const std::function<void(int)>& body) {
    std::vector<double> ms;
    ms.reserve(static_cast<size_t>(runs));
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        body(i);
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
}

/// `decimals` 3 for frames and renders, 4 for the audio's fractions of a millisecond.
inline void print(const char* key, const Timing& t, int decimals = 3) {
    std::printf("%s_median=%.*f\n%s_p99=%.*f\n", key, decimals, t.median, key, decimals, t.p99);
}

} // namespace hawker::bench
