#include "hawker/studio/engine/frame_pool.hpp"

namespace hawker::studio {

std::shared_ptr<cv::Mat> FramePool::acquire() {
    std::unique_ptr<cv::Mat> buffer;
    {
        std::lock_guard lock(m_mutex);
        if (!m_free.empty()) {
            buffer = std::move(m_free.back());
            m_free.pop_back();
        }
    }
    if (!buffer) buffer = std::make_unique<cv::Mat>(m_height * 3 / 2, m_width, CV_8UC1);
    std::weak_ptr<FramePool> pool = weak_from_this();
    return std::shared_ptr<cv::Mat>(buffer.release(), [pool](cv::Mat* released) {
        if (auto owner = pool.lock())
            owner->release(released);
        else
            delete released;
    });
}

void FramePool::release(cv::Mat* buffer) {
    std::lock_guard lock(m_mutex);
    if (m_free.size() < m_keep)
        m_free.emplace_back(buffer);
    else
        delete buffer;
}

} // namespace hawker::studio
