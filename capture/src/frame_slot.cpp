#include "hawker/capture/frame_slot.hpp"

#include <algorithm>
#include <cstdint>

namespace hawker::capture {

namespace {
/// Live: the fewest frames kept for frameAt(), enough to cover FrameSync's
/// delay for late pictures at 30 frames a second, with one to spare.
constexpr size_t kLiveFramesKept = 4;
/// Live: the most, however long the pictures wait for their sound (a frame
/// is a few MB at 1080p; FrameSync bounds the wait anyway).
constexpr size_t kLiveFramesMax = 40;
} // namespace

bool FrameSlot::publish(VideoFramePtr frame, const std::atomic<bool>& abort) {
    std::unique_lock lock(m_mutex);
    if (m_mode == Mode::Latest) {
        if (frame) {
            m_sync.arrived(frame->ptsUs, frame->arrivalUs);
            const int64_t spacingUs =
                m_queue.empty() ? 0 : std::max<int64_t>(1000, frame->ptsUs - m_queue.back()->ptsUs);
            m_queue.push_back(std::move(frame));
            // Pictures held back for their sound must still be here when they are due.
            size_t keep = kLiveFramesKept;
            if (spacingUs > 0)
                keep = std::min(kLiveFramesMax,
                                kLiveFramesKept + static_cast<size_t>(m_sync.delayUs() / spacingUs));
            while (m_queue.size() > keep)
                m_queue.pop_front();
        }
        return true;
    }
    while (m_queue.size() >= m_depth) {
        if (abort.load()) return false;
        m_changed.wait_for(lock, std::chrono::milliseconds(20));
    }
    m_queue.push_back(std::move(frame));
    m_changed.notify_all();
    return true;
}

void FrameSlot::markEnded() {
    std::lock_guard lock(m_mutex);
    m_ended = true;
    m_changed.notify_all();
}

void FrameSlot::clearEnded() {
    std::lock_guard lock(m_mutex);
    m_ended = false;
}

VideoFramePtr FrameSlot::latest() const {
    std::lock_guard lock(m_mutex);
    if (m_mode == Mode::Latest) return m_queue.empty() ? nullptr : m_queue.back();
    return m_current;
}

VideoFramePtr FrameSlot::frameAt(int64_t nowUs) {
    std::lock_guard lock(m_mutex);
    const int64_t shownPts = m_shown ? m_shown->ptsUs : INT64_MIN;
    VideoFramePtr pick;
    for (const VideoFramePtr& frame : m_queue) {
        if (frame->ptsUs < shownPts) continue;
        // Before anything was shown, the oldest frame held goes first, due or not.
        if (m_sync.dueUs(frame->ptsUs) > nowUs && (pick || m_shown)) break;
        pick = frame;
    }
    // Nothing newer is due yet: the frame shown last stays (null before any frame came).
    if (!pick) pick = m_shown;
    m_shown = pick;
    return pick;
}

int64_t FrameSlot::dueUs(int64_t ptsUs) const {
    std::lock_guard lock(m_mutex);
    return m_sync.dueUs(ptsUs);
}

void FrameSlot::soundArrived(int64_t ptsUs, int64_t arrivalUs) {
    std::lock_guard lock(m_mutex);
    if (m_mode == Mode::Latest) m_sync.soundArrived(ptsUs, arrivalUs);
}

FrameSlot::Hold FrameSlot::hold() const {
    std::lock_guard lock(m_mutex);
    return Hold{m_sync.delayUs(), m_sync.ownDelayUs(), m_sync.soundLatenessUs()};
}

void FrameSlot::setSharedDelay(int64_t delayUs) {
    std::lock_guard lock(m_mutex);
    if (m_mode == Mode::Latest) m_sync.setSharedDelayUs(delayUs);
}

VideoFramePtr FrameSlot::advanceTo(int64_t ptsUs, std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        while (!m_queue.empty() && m_queue.front()->ptsUs <= ptsUs) {
            m_current = std::move(m_queue.front());
            m_queue.pop_front();
            m_changed.notify_all();
        }
        if (!m_queue.empty() || m_ended) break;
        if (m_changed.wait_until(lock, deadline) == std::cv_status::timeout) break;
    }
    return m_current;
}

} // namespace hawker::capture
