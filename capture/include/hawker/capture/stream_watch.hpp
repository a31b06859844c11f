#pragma once
// What an output is sending, watched as it goes: the video bitrate over the
// last few seconds of stream time and the spacing of its keyframes. The
// figures are on the stream's own clock (its timestamps), not the wall clock,
// so a frame the encoder never made (it fell behind) lowers the bitrate and
// stretches the keyframe spacing, as the platform's ingest sees it.

#include <cstdint>
#include <deque>
#include <optional>

namespace hawker::capture {

struct StreamReading {
    double videoKbps = 0; ///< over the window (0 until a second is watched)
    double keyintS = 0;   ///< the last gap between keyframes, or the open one when it is longer
    double watchedS = 0;  ///< stream time watched since the first video packet
};

class StreamWatch {
public:
    explicit StreamWatch(int64_t windowMs = 5000) : m_windowMs(windowMs) {}
    /// A video packet was sent: its time (ms, the stream's clock), its size and whether it is a keyframe.
    void onVideo(int64_t ms, int64_t bytes, bool keyframe);
    StreamReading reading() const;
    /// A new connection starts a new stream: nothing watched before counts.
    void reset();

private:
    struct Sample {
        int64_t ms, bytes;
    };
    int64_t m_windowMs;
    std::deque<Sample> m_window;
    int64_t m_windowBytes = 0;
    std::optional<int64_t> m_firstMs, m_lastMs, m_lastKeyMs;
    int64_t m_lastGapMs = 0;
};

} // namespace hawker::capture
