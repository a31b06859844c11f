#pragma once
// A source's decoded audio (planar float stereo at the program rate) waiting
// to be mixed, with the source timestamp of its oldest sample.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

namespace hawker::capture {

struct AudioReadResult {
    int fromSource = 0;  ///< samples taken from the source
    int silence = 0;     ///< samples filled with silence (underflow or sync gap)
    int64_t dropped = 0; ///< samples skipped to catch up with the alignment point
};

class AudioRing {
public:
    /// `capacity` in samples per channel. A blocking ring (offline mode) makes
    /// the writer wait when full; a live ring drops the oldest samples instead.
    AudioRing(int sampleRate, size_t capacity, bool blocking);

    /// `startSample`: source time of data[0], in samples at the ring's rate.
    /// A gap from the previous write (a reconnect, a loop) re-bases the ring.
    bool write(const float* left, const float* right, int count, int64_t startSample,
               const std::atomic<bool>& abort);
    /// Reads `count` samples. With `alignSample`, first drops or pads so the
    /// read starts within `tolerance` samples of that source time (lip sync).
    /// Offline rings wait up to `wait` for enough data.
    AudioReadResult read(float* left, float* right, int count, std::optional<int64_t> alignSample,
                         int tolerance, std::chrono::milliseconds wait);
    /// Keeps at most `maxBuffered` samples, dropping the oldest (live drift control).
    int64_t trimTo(size_t maxBuffered);
    void markEnded();
    void reset();
    size_t buffered() const;
    int sampleRate() const { return m_rate; }

private:
    void popLocked(float* left, float* right, size_t count);

    const int m_rate;
    const bool m_blocking;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<float> m_left, m_right;
    size_t m_head = 0, m_size = 0;
    int64_t m_headSample = 0; ///< source time of the sample at m_head
    bool m_ended = false;
};

} // namespace hawker::capture
