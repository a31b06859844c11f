#include "hawker/capture/fitted_rect.hpp"

#include <algorithm>

namespace hawker::capture {

namespace {

int evenDown(double value) {
    return static_cast<int>(value) & ~1;
}

} // namespace

cv::Rect fittedRect(cv::Size canvas, cv::Size target) {
    if (canvas.width <= 0 || canvas.height <= 0 || target.width <= 0 || target.height <= 0) return {};
    const double scale = std::min(static_cast<double>(target.width) / canvas.width,
                                  static_cast<double>(target.height) / canvas.height);
    // Rounded to the nearest pixel first, so that an exact fit (1080x1920 into
    // 720x1280) fills the frame instead of losing a column to rounding.
    const int width = std::max(2, std::min(target.width, evenDown(canvas.width * scale + 0.5)));
    const int height = std::max(2, std::min(target.height, evenDown(canvas.height * scale + 0.5)));
    return {evenDown((target.width - width) / 2.0), evenDown((target.height - height) / 2.0), width, height};
}

} // namespace hawker::capture
