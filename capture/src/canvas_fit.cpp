#include "hawker/capture/canvas_fit.hpp"

#include <cstring>
#include <stdexcept>
#include <string>

#include "hawker/capture/frame_pool.hpp"

extern "C" {
#include <libswscale/swscale.h>
}

namespace hawker::capture {

namespace {

/// Paints `color` over a plane except the rectangle `keep` (in that plane's pixels).
void paintAround(cv::Mat& plane, const cv::Rect& keep, uint8_t color) {
    for (int y = 0; y < plane.rows; ++y) {
        uint8_t* row = plane.ptr<uint8_t>(y);
        if (y < keep.y || y >= keep.y + keep.height) {
            std::memset(row, color, static_cast<size_t>(plane.cols));
            continue;
        }
        std::memset(row, color, static_cast<size_t>(keep.x));
        const int right = keep.x + keep.width;
        std::memset(row + right, color, static_cast<size_t>(plane.cols - right));
    }
}

} // namespace

CanvasFitter::CanvasFitter(cv::Size canvas, cv::Size target, YuvBackground background)
    : m_canvas(canvas), m_target(target), m_placed(fittedRect(canvas, target)), m_background(background) {
    if (canvas.width < 2 || canvas.height < 2 || target.width < 2 || target.height < 2 || canvas.width % 2 ||
        canvas.height % 2 || target.width % 2 || target.height % 2)
        throw std::invalid_argument("a rendition needs even sizes, got " + std::to_string(target.width) +
                                    "x" + std::to_string(target.height) + " from " +
                                    std::to_string(canvas.width) + "x" + std::to_string(canvas.height));
    m_context.reset(sws_getContext(canvas.width, canvas.height, AV_PIX_FMT_YUV420P, m_placed.width,
                                   m_placed.height, AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr, nullptr,
                                   nullptr));
    if (!m_context) throw std::invalid_argument("swscale cannot scale to this rendition");
    m_pool = FramePool::create(target.width, target.height, 8);
}

CanvasFitter::~CanvasFitter() = default;

std::shared_ptr<const cv::Mat> CanvasFitter::fit(const cv::Mat& canvas) {
    if (canvas.cols != m_canvas.width || canvas.rows != m_canvas.height * 3 / 2 || !canvas.isContinuous())
        throw std::invalid_argument("the picture is not the program canvas");
    cv::Mat mutableCanvas = canvas; // a header: swscale only reads it
    const PlaneSet source = i420Planes(mutableCanvas, m_canvas.width, m_canvas.height);
    std::shared_ptr<cv::Mat> buffer = m_pool->acquire();
    PlaneSet target = i420Planes(*buffer, m_target.width, m_target.height);
    // A pooled buffer may hold any earlier frame: the bars are painted every
    // time (a few rows of memset), the picture area is overwritten whole.
    const cv::Rect chroma(m_placed.x / 2, m_placed.y / 2, m_placed.width / 2, m_placed.height / 2);
    paintAround(target[0], m_placed, m_background.y);
    paintAround(target[1], chroma, m_background.u);
    paintAround(target[2], chroma, m_background.v);
    const uint8_t* src[4] = {source[0].data, source[1].data, source[2].data, nullptr};
    const int srcStride[4] = {static_cast<int>(source[0].step), static_cast<int>(source[1].step),
                              static_cast<int>(source[2].step), 0};
    uint8_t* dst[4] = {target[0].ptr(m_placed.y, m_placed.x), target[1].ptr(chroma.y, chroma.x),
                       target[2].ptr(chroma.y, chroma.x), nullptr};
    const int dstStride[4] = {static_cast<int>(target[0].step), static_cast<int>(target[1].step),
                              static_cast<int>(target[2].step), 0};
    sws_scale(m_context.get(), src, srcStride, 0, m_canvas.height, dst, dstStride);
    return buffer;
}

} // namespace hawker::capture
