#include "hawker/capture/noise_gate.hpp"

#include <algorithm>
#include <cmath>

namespace hawker::capture {

namespace {
constexpr float kClosedGain = 0.001f; // -60 dB: shut, without the hard edge of true silence
constexpr float kHysteresisDb = 4.0f;
constexpr float kHoldSeconds = 0.2f;
constexpr float kAttackSeconds = 0.001f;
constexpr float kReleaseSeconds = 0.15f;
constexpr float kEnvelopeSeconds = 0.02f; // how fast the follower forgets a peak
} // namespace

NoiseGate::NoiseGate(int sampleRate)
    : m_rate(std::max(sampleRate, 1)),
      m_envelopeFall(std::exp(-1.0f / (kEnvelopeSeconds * static_cast<float>(m_rate)))),
      m_attackStep(1.0f / (kAttackSeconds * static_cast<float>(m_rate))),
      m_releaseStep(1.0f / (kReleaseSeconds * static_cast<float>(m_rate))) {}

void NoiseGate::configure(bool enabled, float thresholdDb) {
    if (enabled && !m_enabled) {
        // Switched on: start open, so speech under way is not cut.
        m_open = true;
        m_gain = 1;
        m_holdLeft = static_cast<int>(kHoldSeconds * static_cast<float>(m_rate));
    }
    m_enabled = enabled;
    m_openLevel = std::pow(10.0f, thresholdDb / 20.0f);
    m_closeLevel = std::pow(10.0f, (thresholdDb - kHysteresisDb) / 20.0f);
}

void NoiseGate::process(float* left, float* right, int count) {
    if (!m_enabled) {
        m_gain = 1;
        return;
    }
    const int hold = static_cast<int>(kHoldSeconds * static_cast<float>(m_rate));
    for (int s = 0; s < count; ++s) {
        const float level = std::max(std::fabs(left[s]), std::fabs(right[s]));
        m_envelope = std::max(level, m_envelope * m_envelopeFall);
        if (m_envelope >= m_openLevel) {
            m_open = true;
            m_holdLeft = hold;
        } else if (m_envelope < m_closeLevel) {
            if (m_holdLeft > 0)
                --m_holdLeft;
            else
                m_open = false;
        }
        // Linear ramps in gain: fast up, slow down (1 ms and 150 ms end to end).
        m_gain =
            m_open ? std::min(1.0f, m_gain + m_attackStep) : std::max(kClosedGain, m_gain - m_releaseStep);
        left[s] *= m_gain;
        right[s] *= m_gain;
    }
}

} // namespace hawker::capture
