#include "hawker/capture/true_peak_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace hawker::capture {

namespace {
constexpr double kLatencySeconds = 0.002;
constexpr double kReleaseSeconds = 0.15;
constexpr float kMarginDb = 0.5f; // aim under the ceiling by this much (see the header)
} // namespace

TruePeakLimiter::TruePeakLimiter(int sampleRate, float ceilingDbtp)
    : m_ceiling(std::pow(10.0f, (ceilingDbtp - kMarginDb) / 20.0f)) {
    const int rate = std::max(sampleRate, 1);
    m_lookahead = std::max(1, static_cast<int>(std::lround(kLatencySeconds * rate)) - m_interpolationDelay);
    m_releaseCoefficient = static_cast<float>(std::exp(-1.0 / (kReleaseSeconds * rate)));
    m_average.assign(static_cast<size_t>(m_lookahead), 1.0f);
    m_averageSum = m_lookahead;
    const size_t delay = static_cast<size_t>(latencySamples()) + 1;
    m_delayL.assign(delay, 0.0f);
    m_delayR.assign(delay, 0.0f);
}

float TruePeakLimiter::reductionDb() const {
    return m_lastGain >= 1.0f ? 0.0f : 20.0f * std::log10(std::max(m_lastGain, 1e-6f));
}

void TruePeakLimiter::step(float inLeft, float inRight, float peak, float& outLeft, float& outRight) {
    // `peak` is the true peak of the sample m_interpolationDelay before this one: the one judged now.
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
    if (count <= 0) return;
    m_peaks.resize(static_cast<size_t>(count));
    m_detector.peaks(left, right, count, m_peaks.data());
    float lowest = 1.0f;
    for (int s = 0; s < count; ++s) {
        step(left[s], right[s], m_peaks[static_cast<size_t>(s)], left[s], right[s]);
        lowest = std::min(lowest, m_lastGain);
    }
    if (lowest < 1.0f)
        m_maxReductionDb = std::min(m_maxReductionDb, 20.0f * std::log10(std::max(lowest, 1e-6f)));
}

} // namespace hawker::capture
