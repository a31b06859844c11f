#pragma once
// The program's last stage before the encoder: a look-ahead limiter that keeps
// the true peak (the peak of the reconstructed waveform, between samples too)
// under a ceiling, so that a hot microphone or a fader pushed too far never
// clips on a platform's decoder. Platforms and EBU R128 ask for at most
// -1 dBTP; the limiter aims a little lower, because its own estimate of the
// peaks between samples (4x oversampling) is not the meter's.
//
// How: each sample's true peak gives the gain it needs; the gain applied to a
// sample is the lowest needed anywhere within the look-ahead around it,
// smoothed by a moving average (no steps, so no clicks) that still reaches the
// needed gain on the peak itself; it then recovers over the release time. The
// sound comes out 2 ms late, the same for both channels. The true peaks come
// from TruePeakDetector, the meters' own.

#include <cstddef>
#include <deque>
#include <vector>

#include "hawker/capture/true_peak.hpp"

namespace hawker::capture {

class TruePeakLimiter {
public:
    TruePeakLimiter(int sampleRate, float ceilingDbtp);

    /// One thread (the mixer's). A limiter switched off passes the sound
    /// unchanged, still delayed, so switching it never shifts lip sync.
    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool enabled() const { return m_enabled; }
    /// Limits `count` samples in place (they come out `latencySamples()` later).
    void process(float* left, float* right, int count);

    int latencySamples() const { return m_interpolationDelay + m_lookahead; }
    /// The gain reduction on the last sample processed, in dB (0 or negative).
    float reductionDb() const;
    /// The deepest reduction since the start, in dB.
    float maxReductionDb() const { return m_maxReductionDb; }

private:
    void step(float inLeft, float inRight, float peak, float& outLeft, float& outRight);

    bool m_enabled = true;
    float m_ceiling; ///< linear
    int m_interpolationDelay = TruePeakDetector::kDelay;
    int m_lookahead;            ///< samples
    float m_releaseCoefficient; ///< per sample, toward 1
    TruePeakDetector m_detector;
    std::vector<float> m_peaks; ///< scratch: the block's true peaks, kDelay samples late
    std::deque<std::pair<long long, float>> m_window; ///< sliding minimum of the needed gain
    long long m_counter = 0;
    float m_released = 1;         ///< after the release
    std::vector<float> m_average; ///< circular, the last m_lookahead released gains
    std::size_t m_averageAt = 0;
    double m_averageSum = 0;
    std::vector<float> m_delayL, m_delayR; ///< the sound, waiting for its gain
    std::size_t m_delayAt = 0;
    float m_lastGain = 1;
    float m_maxReductionDb = 0;
};

} // namespace hawker::capture
