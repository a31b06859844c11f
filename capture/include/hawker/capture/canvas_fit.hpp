#pragma once
// Fits the program canvas into another output size: one swscale pass, the
// picture kept whole at its own aspect ratio and centred, the bars left over
// (letterbox above and below, pillarbox at the sides) in a background colour.
// A 720x1280 rendition of a 1080x1920 show fills its frame; a 1920x1080
// destination of the same show gets a pillarboxed portrait picture.

#include <cstdint>
#include <memory>

#include <opencv2/core.hpp>

#include "hawker/capture/av_util.hpp"
#include "hawker/capture/fitted_rect.hpp"

namespace hawker::capture {

class FramePool;

/// A colour already in the program's colour space (BT.709, limited range).
struct YuvBackground {
    uint8_t y = 16, u = 128, v = 128;
    bool operator==(const YuvBackground&) const = default;
};

class CanvasFitter {
public:
    /// Both sizes even; throws std::invalid_argument otherwise, or when
    /// swscale cannot make the context.
    CanvasFitter(cv::Size canvas, cv::Size target, YuvBackground background);
    ~CanvasFitter();
    CanvasFitter(const CanvasFitter&) = delete;
    CanvasFitter& operator=(const CanvasFitter&) = delete;

    /// `canvas`: contiguous I420 of the canvas size (height*3/2 rows). The
    /// result is a contiguous I420 buffer of the target size from this
    /// fitter's pool.
    std::shared_ptr<const cv::Mat> fit(const cv::Mat& canvas);

    cv::Rect placed() const { return m_placed; }
    cv::Size target() const { return m_target; }

private:
    cv::Size m_canvas, m_target;
    cv::Rect m_placed;
    YuvBackground m_background;
    SwsPtr m_context;
    std::shared_ptr<FramePool> m_pool;
};

} // namespace hawker::capture
