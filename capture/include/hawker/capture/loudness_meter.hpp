#pragma once
// An EBU R128 loudness meter for one stereo signal (an input after its fader,
// or the program mix): momentary (400 ms) and short-term (3 s) loudness, the
// integrated loudness since it started, and the true peak. libebur128 does the
// K-weighting and the gating, TruePeakDetector (true_peak.hpp) the true peak,
// at a third of libebur128's cost for it; momentary and short-term are
// kept here as running windows of 100 ms blocks (updated ten times a second,
// as EBU Tech 3341 asks), which costs a tenth of asking the library to sum its
// 3 s buffer on every program tick. Integrated loudness uses the library's histogram mode, so a
// meter's memory stays the same however long the show runs.

#include <array>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "hawker/capture/true_peak.hpp"

namespace hawker::capture {

/// One reading. A figure is empty while there is nothing to measure: digital
/// silence, or less audio than its window (400 ms momentary, 3 s short-term).
struct LoudnessReading {
    std::optional<double> momentaryLufs;
    std::optional<double> shortTermLufs;
    std::optional<double> integratedLufs;
    std::optional<double> truePeakDbfs;    ///< of the last block added (a tick's audio)
    std::optional<double> maxTruePeakDbfs; ///< since the meter started
};

class LoudnessMeter {
public:
    /// Throws std::runtime_error when libebur128 cannot make a state (a rate it refuses).
    explicit LoudnessMeter(int sampleRate);
    ~LoudnessMeter();
    LoudnessMeter(const LoudnessMeter&) = delete;
    LoudnessMeter& operator=(const LoudnessMeter&) = delete;

    /// Adds `count` stereo samples (one thread: the mixer's). The reading
    /// is brought up to date before it returns.
    void add(const float* left, const float* right, int count);
    /// The newest reading; any thread.
    LoudnessReading reading() const;

private:
    struct Library; ///< libebur128's state (its type cannot be declared here)
    std::unique_ptr<Library> m_library;
    void closeBlock(LoudnessReading& next);

    std::vector<float> m_interleaved;  ///< scratch: left, right, left, right…
    TruePeakDetector m_truePeak;       ///< ours, not libebur128's: a third of the cost (docs/PERFORMANCE.md)
    std::vector<float> m_peaks;        ///< scratch: the block's true peaks
    float m_maxTruePeak = 0;           ///< linear, since the start
    int m_blockSamples = 4800;         ///< 100 ms
    int m_inBlock = 0;                 ///< samples of the current block added so far
    std::array<double, 30> m_blocks{}; ///< the last 3 s of 100 ms blocks' mean square, circular
    size_t m_nextBlock = 0, m_blocksSeen = 0;
    mutable std::mutex m_mutex; ///< guards m_reading
    LoudnessReading m_reading;
};

} // namespace hawker::capture
