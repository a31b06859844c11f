#pragma once
// The audience simulator's random numbers: a seed gives the same sequence on
// every platform and standard library, so a simulated show is reproducible
// (the same seed, the same events). The standard library's distributions are
// not used for that reason: their algorithms differ between implementations.

#include <array>
#include <cmath>
#include <cstdint>

namespace hawker::studio {

class SeededRandom {
public:
    explicit SeededRandom(uint64_t seed);

    uint64_t next();
    double uniform();                           ///< [0, 1)
    int64_t uniformInt(int64_t lo, int64_t hi); ///< [lo, hi]
    bool chance(double p) { return uniform() < p; }
    /// Exponential with mean 1.
    double exponential() { return -std::log1p(-uniform()); }
    /// Close to a standard normal (mean 0, deviation 1).
    double normal();
    int64_t poisson(double mean);

private:
    std::array<uint64_t, 4> m_state{};
};

} // namespace hawker::studio
