#pragma once
// The true peak of a stereo signal: the peak of the waveform a decoder
// rebuilds, between the samples as well as on them (ITU-R BS.1770: 4x
// oversampling). Both the loudness meters and the program's limiter use it, so
// it is written for speed: each block is filtered in straight loops over
// contiguous buffers, which the compiler turns into vector instructions.
//
// Each point between two samples (a quarter, a half, three quarters of the
// way) comes from a 16-tap windowed-sinc filter, 8 samples either side; the
// peak of a sample therefore needs the 8 samples after it, and peaks() answers
// 8 samples late.

#include <array>
#include <cstddef>
#include <vector>

namespace hawker::capture {

class TruePeakDetector {
public:
    static constexpr int kTaps = 16;
    /// How many samples late peaks() answers.
    static constexpr int kDelay = kTaps / 2;

    TruePeakDetector();

    /// Takes `count` new samples of each channel; writes `count` linear peaks
    /// to `out`: out[j] is the true peak at the sample kDelay before the j-th
    /// new one (the largest of |left|, |right| on it and at the three points
    /// after it). Returns the largest of them.
    float peaks(const float* left, const float* right, int count, float* out);

private:
    std::array<std::array<float, kTaps>, 3> m_taps; ///< one filter per point between samples
    std::vector<float> m_left, m_right;             ///< kTaps - 1 samples of history, then the block
    std::vector<float> m_point;                     ///< scratch: one interpolated point per sample
};

} // namespace hawker::capture
