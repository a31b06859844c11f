#include "hawker/studio/analytics/seeded_random.hpp"

#include <algorithm>

namespace hawker::studio {

namespace {

uint64_t splitmix64(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

} // namespace

SeededRandom::SeededRandom(uint64_t seed) {
    // splitmix64 spreads any seed (0 and 1 included) over the whole state.
    for (uint64_t& word : m_state)
        word = splitmix64(seed);
}

uint64_t SeededRandom::next() {
    // xoshiro256**: small, fast, and the same numbers on every platform and library.
    const uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
}

double SeededRandom::uniform() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

int64_t SeededRandom::uniformInt(int64_t lo, int64_t hi) {
    if (hi <= lo) return lo;
    const auto span = static_cast<uint64_t>(hi - lo) + 1;
    // The modulo bias is below 2^-40 for the spans used here: not worth a rejection loop.
    return lo + static_cast<int64_t>(next() % span);
}

double SeededRandom::normal() {
    // Irwin-Hall: twelve uniforms, close enough to a standard normal, and no libm trigonometry whose last
    // bits could differ between platforms.
    double sum = 0;
    for (int i = 0; i < 12; ++i)
        sum += uniform();
    return sum - 6;
}

int64_t SeededRandom::poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean < 30) {
        const double limit = std::exp(-mean);
        int64_t k = 0;
        for (double p = uniform(); p > limit; p *= uniform())
            ++k;
        return k;
    }
    return std::max<int64_t>(0, std::llround(mean + std::sqrt(mean) * normal()));
}

} // namespace hawker::studio
