#pragma once
// Where a picture of one size lands in a layer rectangle of another.

#include <optional>
#include <string>

#include <opencv2/core.hpp>

namespace hawker::overlay {

enum class Fit {
    Cover,   ///< fill the rectangle, cropping what sticks out (cameras)
    Contain, ///< show all of the picture, leaving bars (slides, screenshots)
    Stretch, ///< fill the rectangle, distorting the picture
};

std::optional<Fit> parseFit(const std::string& name);
const char* toString(Fit fit);

/// The part of the source to take and where it goes on the canvas. Both are
/// even-aligned (4:2:0 chroma) and clipped to the canvas.
struct Placement {
    cv::Rect crop; ///< in source pixels
    cv::Rect dst;  ///< in canvas pixels
};

/// nullopt when nothing of the layer is visible (off canvas, or empty sizes).
std::optional<Placement> place(cv::Size source, cv::Rect layer, Fit fit, cv::Size canvas);

} // namespace hawker::overlay
