#pragma once
// Helpers shared by the graphics' renderers (private to overlay/src).

#include <algorithm>
#include <cmath>

#include <opencv2/core.hpp>

namespace hawker::overlay {

/// Converts a length at a graphic's design size to pixels at its slot's size.
struct Scale {
    double s;
    int operator()(double v) const { return std::max(1, static_cast<int>(std::lround(v * s))); }
};

/// A clear BGRA bitmap to draw a graphic on.
inline cv::Mat transparent(cv::Size size) {
    return cv::Mat(size, CV_8UC4, cv::Scalar(0, 0, 0, 0));
}

} // namespace hawker::overlay
