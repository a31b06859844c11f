#pragma once
// A graphic converted once, when its content changes, into the program's
// YUV 4:2:0 plus alpha; every frame after that is only a blend.

#include <opencv2/core.hpp>

#include "hawker/overlay/yuv_image.hpp"

namespace hawker::overlay {

class YuvaBitmap {
public:
    YuvaBitmap() = default;
    /// From an 8-bit BGRA (or BGR, taken as opaque) image; odd sizes are
    /// padded by one transparent pixel so chroma stays aligned.
    static YuvaBitmap fromBgra(const cv::Mat& image);
    /// This bitmap made from `previous` (BGRA), brought up to date with
    /// `image`: only the rectangle where the two differ is converted again
    /// (a card's sold counter, a countdown's digits). Falls back to a full
    /// conversion when the sizes differ.
    YuvaBitmap updated(const cv::Mat& previous, const cv::Mat& image) const;

    /// Blends over `target` with the top-left corner at `at` (rounded down to
    /// even), clipped; `opacity` 0..1 scales the alpha (fades, animations).
    /// `source`, when not empty, is the part of the bitmap to draw (tickers).
    void blendInto(YuvImage& target, cv::Point at, double opacity = 1.0, cv::Rect source = {}) const;

    bool empty() const { return m_y.empty(); }
    cv::Size size() const { return m_y.size(); }
    bool opaque() const { return m_opaque; }

private:
    void convertRegion(const cv::Mat& bgra, cv::Rect region); ///< region even-aligned

    cv::Mat m_y, m_u, m_v, m_alpha, m_alphaHalf;
    bool m_opaque = false;
};

} // namespace hawker::overlay
