#pragma once
// Hands decoded frames from a source's thread to the compositor.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

#include "hawker/capture/frame_sync.hpp"
#include "hawker/capture/video_frame.hpp"

namespace hawker::capture {

/// Live mode: the last few frames, shown in turn at their due time (see
/// FrameSync); publishing never waits and reading never waits for the
/// decoder. Offline mode: a short bounded queue the compositor steps through
/// by timestamp, so every run sees the same frames.
class FrameSlot {
public:
    enum class Mode { Latest, Queue };
    explicit FrameSlot(Mode mode, size_t queueDepth = 4) : m_mode(mode), m_depth(queueDepth) {}

    /// Producer side. In queue mode waits while the queue is full; returns
    /// false when `abort` was raised while waiting.
    bool publish(VideoFramePtr frame, const std::atomic<bool>& abort);
    /// Producer side: no more frames will come (end of a non-looping file,
    /// or the source gave up); releases a consumer waiting in advanceTo().
    void markEnded();
    void clearEnded();

    /// Live mode: the newest frame, or null before the first one (the
    /// console's monitors, which show pictures as they come).
    VideoFramePtr latest() const;
    /// Live mode, for the program: the newest frame due at `nowUs` (steady
    /// clock), never one older than the frame it gave before; before any is
    /// due, the oldest it holds. Null before the first frame.
    VideoFramePtr frameAt(int64_t nowUs);
    /// Live mode: when the frame taken at `ptsUs` is due (its sound follows it).
    int64_t dueUs(int64_t ptsUs) const;
    /// Live mode: the camera's sound from `ptsUs` on arrived at `arrivalUs`
    /// (steady clock); its pictures wait for sound that comes after them.
    void soundArrived(int64_t ptsUs, int64_t arrivalUs);
    /// Live mode: how far the pictures are held back now, and why.
    struct Hold {
        int64_t delayUs = 0;         ///< after the path's own delay (FrameSync::delayUs)
        int64_t ownDelayUs = 0;      ///< this camera's own part of it (FrameSync::ownDelayUs)
        int64_t soundLatenessUs = 0; ///< the most the sound came after the pictures' path lately
    };
    Hold hold() const;
    /// Live mode: the hold the program's cameras share (FrameSync::setSharedDelayUs).
    void setSharedDelay(int64_t delayUs);
    /// Queue mode: consumes every frame with pts <= ptsUs and returns the last
    /// of them (or the previous current frame). Waits up to `timeout` for the
    /// decoder to show a frame beyond ptsUs so that the choice is deterministic.
    VideoFramePtr advanceTo(int64_t ptsUs, std::chrono::milliseconds timeout);

    Mode mode() const { return m_mode; }

private:
    const Mode m_mode;
    const size_t m_depth;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    VideoFramePtr m_current;           ///< offline: the frame stepped to last
    std::deque<VideoFramePtr> m_queue; ///< offline: not yet shown; live: the last few, oldest first
    FrameSync m_sync;                  ///< live
    VideoFramePtr m_shown;             ///< live: the frame frameAt() gave last
    bool m_ended = false;
};

} // namespace hawker::capture
