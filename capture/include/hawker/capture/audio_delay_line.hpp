#pragma once
// A stereo delay of 0 to a few hundred milliseconds, to line up a separate
// microphone with a camera whose picture arrives later than its sound. The
// delay can change while the show runs: the old and the new read points are
// cross-faded over 10 ms, so a change is heard as a short smear, never a click
// (the delay set before the first sound applies from the first sample).

#include <cstddef>
#include <vector>

namespace hawker::capture {

class AudioDelayLine {
public:
    AudioDelayLine(int sampleRate, int maxDelayMs);

    /// Takes effect from the next process(); clamped to 0..maxDelayMs. One thread (the mixer's).
    void setDelayMs(int delayMs);
    int delayMs() const { return m_delayMs; }
    /// Delays `count` samples of each channel in place.
    void process(float* left, float* right, int count);

private:
    int m_rate;
    int m_delayMs = 0;
    std::size_t m_delay = 0;    ///< in samples
    std::size_t m_oldDelay = 0; ///< the read point being faded out
    int m_fadeLeft = 0;         ///< samples of the cross-fade still to go
    int m_fadeLength = 0;
    std::vector<float> m_left, m_right; ///< circular; one longer than the longest delay
    std::size_t m_write = 0;
    bool m_started = false; ///< before the first sound, a new delay applies at once
};

} // namespace hawker::capture
