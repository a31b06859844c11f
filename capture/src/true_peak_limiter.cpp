#include "hawker/capture/true_peak_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hawker::capture {

namespace {
constexpr int kTaps = 16; // per phase: 8 samples either side of the gap
constexpr double kLatencySeconds = 0.002;
constexpr double kReleaseSeconds = 0.15;
constexpr float kMarginDb = 0.5f; // aim under the ceiling by this much (see the header)
} // namespace

TruePeakLimiter::TruePeakLimiter(int sampleRate, float ceilingDbtp)
    : m_ceiling(std::pow(10.0f, (ceilingDbtp - kMarginDb) / 20.0f)), m_interpolationDelay(kTaps / 2) {
    const int rate = std::max(sampleRate, 1);
    m_lookahead = std::max(1, static_cast<int>(std::lround(kLatencySeconds * rate)) - m_interpolationDelay);
    m_releaseCoefficient = static_cast<float>(std::exp(-1.0 / (kReleaseSeconds * rate)));
    // Windowed sinc filters for the points a quarter, a half and three
    // quarters of the way to the next sample; each sums to 1 so a constant stays
    // itself.
    for (double phase : {0.25, 0.5, 0.75}) {
        std::vector<float> taps(kTaps);
        double sum = 0;
        for (int k = 0; k < kTaps; ++k) {
            const double distance = (k - (kTaps / 2 - 1)) - phase; // from the estimated point
            const double sinc = std::sin(std::numbers::pi * distance) / (std::numbers::pi * distance);
            const double window = 0.5 * (1.0 + std::cos(std::numbers::pi * distance / (kTaps / 2.0)));
            taps[static_cast<size_t>(k)] = static_cast<float>(sinc * window);
            sum += sinc * window;
        }
        for (float& tap : taps)
            tap = static_cast<float>(tap / sum);
        m_taps.push_back(std::move(taps));
    }
    m_historyL.assign(kTaps, 0.0f);
    m_historyR.assign(kTaps, 0.0f);
    m_average.assign(static_cast<size_t>(m_lookahead), 1.0f);
    m_averageSum = m_lookahead;
    const size_t delay = static_cast<size_t>(latencySamples()) + 1;
    m_delayL.assign(delay, 0.0f);
    m_delayR.assign(delay, 0.0f);
}

float TruePeakLimiter::reductionDb() const {
    return m_lastGain >= 1.0f ? 0.0f : 20.0f * std::log10(std::max(m_lastGain, 1e-6f));
}

float TruePeakLimiter::truePeakAt(size_t index) const {
    // `index` is the sample half a filter behind the newest: the filters see
    // kTaps/2 - 1 samples before it and kTaps/2 after.
    const size_t size = m_historyL.size();
    float peak = std::max(std::fabs(m_historyL[index]), std::fabs(m_historyR[index]));
    const size_t first = (index + size - (kTaps / 2 - 1)) % size;
    for (const std::vector<float>& taps : m_taps) {
        float l = 0, r = 0;
        for (size_t k = 0; k < taps.size(); ++k) {
            const size_t at = (first + k) % size;
            l += taps[k] * m_historyL[at];
            r += taps[k] * m_historyR[at];
        }
        peak = std::max({peak, std::fabs(l), std::fabs(r)});
    }
    return peak;
}

void TruePeakLimiter::step(float inLeft, float inRight, float& outLeft, float& outRight) {
    const size_t size = m_historyL.size();
    m_newest = (m_newest + 1) % size;
    m_historyL[m_newest] = inLeft;
    m_historyR[m_newest] = inRight;
    const size_t judged = (m_newest + size - static_cast<size_t>(m_interpolationDelay)) % size;
    const float peak = truePeakAt(judged);
    const float needed = peak > m_ceiling ? m_ceiling / peak : 1.0f;

    // The lowest gain needed over the look-ahead, then the release, then the average.
    ++m_counter;
    while (!m_window.empty() && m_window.back().second >= needed)
        m_window.pop_back();
    m_window.emplace_back(m_counter, needed);
    while (m_window.front().first <= m_counter - (m_lookahead + 1))
        m_window.pop_front();
    const float lowest = m_window.front().second;
    m_released = lowest <= m_released ? lowest : lowest + (m_released - lowest) * m_releaseCoefficient;
    m_averageSum += m_released - m_average[m_averageAt];
    m_average[m_averageAt] = m_released;
    m_averageAt = (m_averageAt + 1) % m_average.size();
    const float gain = m_enabled ? std::min(1.0f, static_cast<float>(m_averageSum / m_lookahead)) : 1.0f;

    // The sound, delayed to meet its gain.
    const size_t delay = m_delayL.size();
    m_delayL[m_delayAt] = inLeft;
    m_delayR[m_delayAt] = inRight;
    const size_t out = (m_delayAt + 1) % delay; // the oldest: latencySamples() ago
    outLeft = m_delayL[out] * gain;
    outRight = m_delayR[out] * gain;
    m_delayAt = out;
    m_lastGain = gain;
}

void TruePeakLimiter::process(float* left, float* right, int count) {
    float lowest = 1.0f;
    for (int s = 0; s < count; ++s) {
        step(left[s], right[s], left[s], right[s]);
        lowest = std::min(lowest, m_lastGain);
    }
    if (lowest < 1.0f)
        m_maxReductionDb = std::min(m_maxReductionDb, 20.0f * std::log10(std::max(lowest, 1e-6f)));
}

} // namespace hawker::capture
