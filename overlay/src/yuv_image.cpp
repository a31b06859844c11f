#include "hawker/overlay/yuv_image.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace hawker::overlay {

YuvImage YuvImage::region(const cv::Rect& rect) const {
    const cv::Rect half(rect.x / 2, rect.y / 2, rect.width / 2, rect.height / 2);
    return {y(rect), u(half), v(half)};
}

YuvImage viewI420(cv::Mat& buffer, int width, int height) {
    uint8_t* base = buffer.data;
    const size_t ySize = static_cast<size_t>(width) * static_cast<size_t>(height);
    return {cv::Mat(height, width, CV_8UC1, base), cv::Mat(height / 2, width / 2, CV_8UC1, base + ySize),
            cv::Mat(height / 2, width / 2, CV_8UC1, base + ySize + ySize / 4)};
}

YuvImage allocateI420(cv::Mat& buffer, int width, int height) {
    buffer.create(height * 3 / 2, width, CV_8UC1);
    return viewI420(buffer, width, height);
}

YuvColor toYuv(uint8_t r8, uint8_t g8, uint8_t b8) {
    // BT.709 matrix, limited ("TV") range: what the encoder signals.
    const double r = r8 / 255.0, g = g8 / 255.0, b = b8 / 255.0;
    const double luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double cb = (b - luma) / 1.8556;
    const double cr = (r - luma) / 1.5748;
    auto clamp8 = [](double value) { return static_cast<uint8_t>(std::clamp(std::lround(value), 0L, 255L)); };
    return {clamp8(16 + 219 * luma), clamp8(128 + 224 * cb), clamp8(128 + 224 * cr)};
}

YuvColor toYuv(const cv::Scalar& bgr) {
    return toYuv(cv::saturate_cast<uint8_t>(bgr[2]), cv::saturate_cast<uint8_t>(bgr[1]),
                 cv::saturate_cast<uint8_t>(bgr[0]));
}

namespace {
cv::Rect evenClip(const cv::Rect& rect, const cv::Size& size) {
    cv::Rect clipped = rect & cv::Rect(0, 0, size.width, size.height);
    clipped.x &= ~1;
    clipped.y &= ~1;
    clipped.width &= ~1;
    clipped.height &= ~1;
    return clipped;
}

void fillPlane(cv::Mat plane, uint8_t value, int alpha) {
    if (alpha >= 255) {
        plane.setTo(value);
        return;
    }
    const uint32_t a = static_cast<uint32_t>(alpha), inverse = 255u - a, add = value * a + 128u;
    const int cols = plane.cols; // hoisted: lets GCC count (and vectorize) the loop
    for (int row = 0; row < plane.rows; ++row) {
        uint8_t* __restrict p = plane.ptr<uint8_t>(row);
        for (int col = 0; col < cols; ++col) {
            const uint32_t mixed = p[col] * inverse + add;
            p[col] = static_cast<uint8_t>((mixed + (mixed >> 8)) >> 8); // exact /255, vectorizable
        }
    }
}
} // namespace

void fillRect(YuvImage& image, const cv::Rect& rect, YuvColor color, int alpha) {
    const cv::Rect clipped = evenClip(rect, image.y.size());
    if (clipped.empty() || alpha <= 0) return;
    YuvImage target = image.region(clipped);
    fillPlane(target.y, color.y, alpha);
    fillPlane(target.u, color.u, alpha);
    fillPlane(target.v, color.v, alpha);
}

void scaleInto(YuvImage& target, const YuvImage& source) {
    cv::resize(source.y, target.y, target.y.size(), 0, 0, cv::INTER_LINEAR);
    cv::resize(source.u, target.u, target.u.size(), 0, 0, cv::INTER_LINEAR);
    cv::resize(source.v, target.v, target.v.size(), 0, 0, cv::INTER_LINEAR);
}

void dim(YuvImage& image, double keep) {
    image.y.convertTo(image.y, -1, keep, 16 * (1 - keep));
    image.u.convertTo(image.u, -1, keep, 128 * (1 - keep));
    image.v.convertTo(image.v, -1, keep, 128 * (1 - keep));
}

} // namespace hawker::overlay
