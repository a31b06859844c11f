#include "hawker/capture/frame_slot.hpp"

namespace hawker::capture {

bool FrameSlot::publish(VideoFramePtr frame, const std::atomic<bool>& abort) {
    std::unique_lock lock(m_mutex);
    if (m_mode == Mode::Latest) {
        m_current = std::move(frame);
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
    return m_current;
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
