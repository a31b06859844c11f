#pragma once
// Pictures for the console's monitors: an I420 frame scaled down plane by
// plane first (so the colour conversion only touches the small picture),
// then turned into RGBA for an OpenGL texture.

#include <array>
#include <cstdint>
#include <memory>

#include <opencv2/core.hpp>

namespace hawker::studio::console {

struct MonitorImage {
    cv::Mat rgba;        ///< CV_8UC4, R G B A byte order
    uint64_t serial = 0; ///< changes with every new picture, so unchanged ones are not uploaded again
};
using MonitorImagePtr = std::shared_ptr<const MonitorImage>;

/// The largest size of `width`×`height` that fits `box` (at least 2×2, even).
cv::Size fitInside(int width, int height, cv::Size box);

/// Y, U and V planes (U and V at half size) scaled into `box`.
MonitorImagePtr thumbnailFromPlanes(const std::array<cv::Mat, 3>& planes, cv::Size box, uint64_t serial);
/// A contiguous I420 buffer (height*3/2 rows of `width` bytes) scaled into `box`.
MonitorImagePtr thumbnailFromI420(const cv::Mat& i420, int width, int height, cv::Size box, uint64_t serial);

} // namespace hawker::studio::console
