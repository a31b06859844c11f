#pragma once
// The program picture as the encoder wants it: YUV 4:2:0 planes. Keeping the
// canvas in the encoder's format avoids two full-frame conversions a frame.

#include <cstdint>

#include <opencv2/core.hpp>

namespace hawker::overlay {

/// Y at full size, U and V at half width and height; each plane may be a
/// view into a larger buffer with its own stride.
struct YuvImage {
    cv::Mat y, u, v;
    int width() const { return y.cols; }
    int height() const { return y.rows; }
    bool empty() const { return y.empty(); }
    /// The part of the picture under `rect` (x, y, width and height even).
    YuvImage region(const cv::Rect& rect) const;
};

/// Views a contiguous I420 buffer (height*3/2 rows of width bytes) as planes.
YuvImage viewI420(cv::Mat& buffer, int width, int height);
/// Allocates a contiguous I420 buffer and returns planes over it.
YuvImage allocateI420(cv::Mat& buffer, int width, int height);

/// A colour in the program's colour space (BT.709, limited range).
struct YuvColor {
    uint8_t y = 16, u = 128, v = 128;
};

/// From 8-bit RGB; alpha is handled by the caller.
YuvColor toYuv(uint8_t r, uint8_t g, uint8_t b);
YuvColor toYuv(const cv::Scalar& bgr);

/// Paints `rect` (clipped to the picture) with a colour, blended by alpha 0..255.
void fillRect(YuvImage& image, const cv::Rect& rect, YuvColor color, int alpha = 255);
/// Scales the whole of `source` into `target` (slow path for a missing rendition).
void scaleInto(YuvImage& target, const YuvImage& source);
/// Darkens luma and pulls chroma toward grey, e.g. behind a "signal lost" tag.
void dim(YuvImage& image, double keep);

} // namespace hawker::overlay
