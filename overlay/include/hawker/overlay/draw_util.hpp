#pragma once
// Drawing helpers for graphics on transparent BGRA bitmaps. OpenCV's own
// anti-aliased drawing blends against whatever is in the image, which darkens
// edges on a transparent canvas; these draw a coverage mask and composite the
// colour "over" the bitmap instead.

#include <opencv2/core.hpp>

namespace hawker::overlay {

/// BGRA colour from #RRGGBB / alpha; cv::Scalar order is B, G, R, A.
inline cv::Scalar bgra(int r, int g, int b, int a = 255) {
    return cv::Scalar(b, g, r, a);
}

/// Composites `color` (alpha scaled by `coverage`, 8-bit 0..255) over `target`
/// with the coverage's top-left at `at`; clipped.
void compositeCoverage(cv::Mat& target, const cv::Mat& coverage, cv::Point at, const cv::Scalar& color);

/// Composites a BGRA image "over" `target` at `at`; clipped.
void compositeBgra(cv::Mat& target, const cv::Mat& source, cv::Point at);

/// Fills all of a clear `target` with `color` and rounds its corners: a graphic's background.
void fillPanel(cv::Mat& target, int radius, const cv::Scalar& color);

void fillRoundedRect(cv::Mat& target, const cv::Rect& rect, int radius, const cv::Scalar& color);
void fillCircle(cv::Mat& target, cv::Point center, int radius, const cv::Scalar& color);
void drawLine(cv::Mat& target, cv::Point from, cv::Point to, int thickness, const cv::Scalar& color);
/// A bar `fraction` (0..1) full: track colour behind, fill colour in front.
void drawProgressBar(cv::Mat& target, const cv::Rect& rect, double fraction, const cv::Scalar& track,
                     const cv::Scalar& fill);
/// Draws `image` (BGR or BGRA) into `rect`, cropped to fill it, with rounded corners.
void drawImageCover(cv::Mat& target, const cv::Mat& image, const cv::Rect& rect, int radius);

} // namespace hawker::overlay
