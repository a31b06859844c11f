#pragma once
// Recycles program canvases: a 1080x1920 I420 buffer is 3 MB, and fresh
// allocations each frame cost page faults on the compositor thread.

#include <memory>
#include <mutex>
#include <vector>

#include <opencv2/core.hpp>

namespace hawker::studio {

class FramePool : public std::enable_shared_from_this<FramePool> {
public:
    static std::shared_ptr<FramePool> create(int width, int height, size_t keep = 16) {
        return std::shared_ptr<FramePool>(new FramePool(width, height, keep));
    }
    /// A contiguous I420 buffer (height*3/2 rows); it returns to the pool when
    /// the last user (encoder, preview monitor) lets go of it.
    std::shared_ptr<cv::Mat> acquire();

private:
    FramePool(int width, int height, size_t keep) : m_width(width), m_height(height), m_keep(keep) {}
    void release(cv::Mat* buffer);

    int m_width, m_height;
    size_t m_keep;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<cv::Mat>> m_free;
};

} // namespace hawker::studio
