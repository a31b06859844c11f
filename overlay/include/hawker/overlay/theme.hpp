#pragma once
// How on-air graphics look: colours, sizes, corners, animation, and the safe
// area the phone apps leave uncovered. Loaded from assets/themes/*.toml by studio/.

#include <opencv2/core.hpp>

namespace hawker::overlay {

/// Fractions of the canvas that a platform's app covers with its own UI.
struct SafeArea {
    double top = 0.12, right = 0.15, bottom = 0.28, left = 0.04;
    /// The rectangle of `canvas` that stays visible on a phone.
    cv::Rect visible(cv::Size canvas) const;
    /// True when `rect` lies wholly inside the visible rectangle.
    bool contains(cv::Size canvas, const cv::Rect& rect) const { return (visible(canvas) & rect) == rect; }
};

enum class Animation { Slide, Fade };

struct Theme {
    // Colours are BGRA (cv::Scalar order).
    cv::Scalar panel{40, 24, 16, 225}; ///< card background, dark navy
    cv::Scalar panelStrong{56, 32, 20, 240};
    cv::Scalar accent{102, 51, 255, 255}; ///< brand red/pink #ff3366
    cv::Scalar price{0, 204, 255, 255};   ///< price yellow #ffcc00
    cv::Scalar text{255, 255, 255, 255};
    cv::Scalar mutedText{200, 190, 180, 255};
    cv::Scalar urgent{40, 40, 230, 255}; ///< last seconds of a flash sale
    cv::Scalar track{90, 80, 70, 200};   ///< empty part of bars
    cv::Scalar good{120, 200, 60, 255};
    int cornerRadius = 24;
    int padding = 24;
    int margin = 40;
    Animation animation = Animation::Slide;
    int animationMs = 300;
    SafeArea safeArea;
};

} // namespace hawker::overlay
