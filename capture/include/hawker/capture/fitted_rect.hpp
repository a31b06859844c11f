#pragma once
// Where a picture lands when it is fitted whole into a frame of another
// shape: geometry only, shared by the renditions that scale the canvas and by
// the checks that map a platform's safe area back onto it.

#include <opencv2/core.hpp>

namespace hawker::capture {

/// Where the canvas lands in a frame of `target`: the largest even-aligned
/// rectangle of the canvas's aspect ratio that fits, centred.
cv::Rect fittedRect(cv::Size canvas, cv::Size target);

} // namespace hawker::capture
