#pragma once
// Recycles frame-sized I420 buffers of one size: program canvases, camera
// frames converted to I420 and the renditions scaled from them.
//
// A 1080x1920 I420 buffer is 3 MB. Made fresh for every frame, such buffers
// cost page faults on the thread that fills them, and over a long show they
// fragment glibc's per-thread arenas: the heap in use stays flat while the
// process's resident memory creeps up (the soak benchmark in
// docs/PERFORMANCE.md measured it). A pool keeps the few buffers in flight.

#include <memory>
#include <mutex>
#include <vector>

#include <opencv2/core.hpp>

#include "hawker/capture/video_frame.hpp"

namespace hawker::capture {

class FramePool : public std::enable_shared_from_this<FramePool> {
public:
    /// A pool of width x height I420 buffers that keeps at most `keep` idle ones.
    static std::shared_ptr<FramePool> create(int width, int height, size_t keep = 16) {
        return std::shared_ptr<FramePool>(new FramePool(width, height, keep));
    }
    /// A contiguous I420 buffer (height*3/2 rows of width bytes); it returns to
    /// the pool when its last user (encoder, compositor, preview) lets go of
    /// it, or is freed if the pool is gone by then.
    std::shared_ptr<cv::Mat> acquire();

    int width() const { return m_width; }
    int height() const { return m_height; }

private:
    FramePool(int width, int height, size_t keep) : m_width(width), m_height(height), m_keep(keep) {}
    void release(cv::Mat* buffer);

    int m_width, m_height;
    size_t m_keep;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<cv::Mat>> m_free;
};

/// The Y, U and V planes of a contiguous I420 buffer of width x height
/// (views: the buffer must outlive them).
PlaneSet i420Planes(cv::Mat& buffer, int width, int height);

} // namespace hawker::capture
