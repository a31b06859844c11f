#include "hawker/overlay/theme.hpp"

#include <cmath>

namespace hawker::overlay {

cv::Rect SafeArea::visible(cv::Size canvas) const {
    const int x0 = static_cast<int>(std::lround(canvas.width * left));
    const int y0 = static_cast<int>(std::lround(canvas.height * top));
    const int x1 = canvas.width - static_cast<int>(std::lround(canvas.width * right));
    const int y1 = canvas.height - static_cast<int>(std::lround(canvas.height * bottom));
    return {x0, y0, std::max(0, x1 - x0), std::max(0, y1 - y0)};
}

} // namespace hawker::overlay
