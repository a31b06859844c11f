#include "hawker/capture/frame_pool.hpp"

namespace hawker::capture {

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

PlaneSet i420Planes(cv::Mat& buffer, int width, int height) {
    uint8_t* base = buffer.data;
    const size_t ySize = static_cast<size_t>(width) * static_cast<size_t>(height);
    const size_t cSize = ySize / 4;
    return {cv::Mat(height, width, CV_8UC1, base), cv::Mat(height / 2, width / 2, CV_8UC1, base + ySize),
            cv::Mat(height / 2, width / 2, CV_8UC1, base + ySize + cSize)};
}

} // namespace hawker::capture
