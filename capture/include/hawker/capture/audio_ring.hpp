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
    /// Live: samples taken from the source beyond `count` (negative: fewer), a small offset
    /// from the alignment point taken up by playing slightly faster or slower.
    int stretched = 0;
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
    /// A live ring off by less than 40 ms instead plays 0.5 % faster or
    /// slower until it is within `tolerance` again: a step in the pictures'
    /// hold or a camera's drifting clock would otherwise cut a gap into the
    /// sound, or a click. Offline rings wait up to `wait` for enough data.
    AudioReadResult read(float* left, float* right, int count, std::optional<int64_t> alignSample,
                         int tolerance, std::chrono::milliseconds wait);
    /// Keeps at most `maxBuffered` samples, dropping the oldest (live drift control).
    int64_t trimTo(size_t maxBuffered);
    void markEnded();
    void reset();
    size_t buffered() const;
    int sampleRate() const { return m_rate; }

private:
    /// One part in this many: how much faster or slower a live ring plays to
    /// take up an offset (0.5 %, about 9 cents of pitch, 5 ms a second).
    static constexpr int kSlewDivisor = 200;
    /// The largest offset a live ring takes up that way; a larger one is cut at once.
    static constexpr int kSlewLimitMs = 40;

    void popLocked(float* left, float* right, size_t count);
    /// Reads `count` samples made from `count` ± count/kSlewDivisor source samples; false (and
    /// nothing read) when the ring does not hold them yet.
    bool readStretched(float* left, float* right, int count, bool faster, AudioReadResult& result);

    const int m_rate;
    const bool m_blocking;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<float> m_left, m_right;
    size_t m_head = 0, m_size = 0;
    int64_t m_headSample = 0;                  ///< source time of the sample at m_head
    std::vector<float> m_stretchL, m_stretchR; ///< readStretched()'s source samples (the reader's)
    bool m_ended = false;
};

} // namespace hawker::capture
