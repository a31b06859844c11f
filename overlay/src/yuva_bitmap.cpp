#include "hawker/overlay/yuva_bitmap.hpp"

#include <algorithm>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

namespace hawker::overlay {

namespace {
// BT.709 limited range in 8.8 fixed point (see toYuv for the exact formula;
// luma is 16 + (47 R + 157 G + 16 B) / 256);
// a graphic of 900x300 converts in about a millisecond instead of ten.

inline int cbOf(int r, int g, int b) {
    return -26 * r - 87 * g + 112 * b;
} // x256, around 0
inline int crOf(int r, int g, int b) {
    return 112 * r - 102 * g - 10 * b;
}
inline uint8_t clampByte(int v) {
    return static_cast<uint8_t>(v < 0 ? 0 : (v > 255 ? 255 : v));
}
} // namespace

YuvaBitmap YuvaBitmap::fromBgra(const cv::Mat& image) {
    if (image.empty() || image.depth() != CV_8U || (image.channels() != 3 && image.channels() != 4))
        throw std::invalid_argument("a graphic must be an 8-bit BGR or BGRA image");
    cv::Mat bgra;
    if (image.channels() == 3)
        cv::cvtColor(image, bgra, cv::COLOR_BGR2BGRA);
    else
        bgra = image;
    const int width = (bgra.cols + 1) & ~1, height = (bgra.rows + 1) & ~1;
    if (width != bgra.cols || height != bgra.rows) {
        cv::Mat padded(height, width, CV_8UC4, cv::Scalar(0, 0, 0, 0));
        bgra.copyTo(padded(cv::Rect(0, 0, bgra.cols, bgra.rows)));
        bgra = padded;
    }
    YuvaBitmap out;
    out.m_y.create(height, width, CV_8UC1);
    out.m_alpha.create(height, width, CV_8UC1);
    out.m_u.create(height / 2, width / 2, CV_8UC1);
    out.m_v.create(height / 2, width / 2, CV_8UC1);
    out.m_alphaHalf.create(height / 2, width / 2, CV_8UC1);
    // Alpha and luma per pixel, in simple loops the compiler vectorizes.
    cv::extractChannel(bgra, out.m_alpha, 3);
    for (int row = 0; row < height; ++row) {
        const uint8_t* __restrict src = bgra.ptr<uint8_t>(row);
        uint8_t* __restrict y = out.m_y.ptr<uint8_t>(row);
        for (int col = 0; col < width; ++col) {
            const uint8_t* p = src + 4 * col;
            y[col] = static_cast<uint8_t>(16 + ((16 * p[0] + 157 * p[1] + 47 * p[2] + 128) >> 8));
        }
    }
    bool opaque = true;
    for (int row = 0; row < height; row += 2) {
        const auto* top = bgra.ptr<cv::Vec4b>(row);
        const auto* bottom = bgra.ptr<cv::Vec4b>(row + 1);
        auto* u = out.m_u.ptr<uint8_t>(row / 2);
        auto* v = out.m_v.ptr<uint8_t>(row / 2);
        auto* ah = out.m_alphaHalf.ptr<uint8_t>(row / 2);
        for (int col = 0; col < width; col += 2) {
            const cv::Vec4b* block[4] = {&top[col], &top[col + 1], &bottom[col], &bottom[col + 1]};
            // Chroma of each 2x2 block is the alpha-weighted mean, so edges do
            // not pick up the colour of transparent pixels. Cb and Cr are linear
            // in R, G, B: weight the colours first, convert once per block.
            int sumA = 0, sumR = 0, sumG = 0, sumB = 0;
            for (int k = 0; k < 4; ++k) {
                const cv::Vec4b& p = *block[k];
                const int weight = p[3] + 1;
                sumA += p[3];
                sumR += p[2] * weight;
                sumG += p[1] * weight;
                sumB += p[0] * weight;
            }
            opaque = opaque && sumA == 4 * 255;
            const int weights = (sumA + 4) * 256;
            const int cb = cbOf(sumR, sumG, sumB), cr = crOf(sumR, sumG, sumB);
            u[col / 2] = clampByte(128 + (cb + (cb >= 0 ? weights / 2 : -weights / 2)) / weights);
            v[col / 2] = clampByte(128 + (cr + (cr >= 0 ? weights / 2 : -weights / 2)) / weights);
            ah[col / 2] = static_cast<uint8_t>((sumA + 2) / 4);
        }
    }
    out.m_opaque = opaque;
    return out;
}

namespace {
/// out = (a*fg + (255-a)*bg) / 255 over one plane. Branch-free with an exact
/// rounding division by 255, so the compiler vectorizes the inner loop.
void blendPlane(cv::Mat target, const cv::Mat& fg, const cv::Mat& alpha) {
    const int cols = target.cols; // hoisted: lets GCC count (and vectorize) the loop
    for (int row = 0; row < target.rows; ++row) {
        uint8_t* __restrict dst = target.ptr<uint8_t>(row);
        const uint8_t* __restrict src = fg.ptr<uint8_t>(row);
        const uint8_t* __restrict a = alpha.ptr<uint8_t>(row);
        for (int col = 0; col < cols; ++col) {
            const uint32_t w = a[col];
            const uint32_t mixed = src[col] * w + dst[col] * (255u - w) + 128u;
            dst[col] = static_cast<uint8_t>((mixed + (mixed >> 8)) >> 8);
        }
    }
}

/// The same with the alpha scaled by `scale` (0..256): fades and animations.
void blendPlaneScaled(cv::Mat target, const cv::Mat& fg, const cv::Mat& alpha, uint32_t scale) {
    const int cols = target.cols; // hoisted: lets GCC count (and vectorize) the loop
    for (int row = 0; row < target.rows; ++row) {
        uint8_t* __restrict dst = target.ptr<uint8_t>(row);
        const uint8_t* __restrict src = fg.ptr<uint8_t>(row);
        const uint8_t* __restrict a = alpha.ptr<uint8_t>(row);
        for (int col = 0; col < cols; ++col) {
            const uint32_t w = (a[col] * scale) >> 8;
            const uint32_t mixed = src[col] * w + dst[col] * (255u - w) + 128u;
            dst[col] = static_cast<uint8_t>((mixed + (mixed >> 8)) >> 8);
        }
    }
}
} // namespace

void YuvaBitmap::blendInto(YuvImage& target, cv::Point at, double opacity, cv::Rect source) const {
    if (empty() || opacity <= 0) return;
    if (source.empty()) source = cv::Rect(0, 0, m_y.cols, m_y.rows);
    source &= cv::Rect(0, 0, m_y.cols, m_y.rows);
    source.x &= ~1;
    source.y &= ~1;
    source.width &= ~1;
    source.height &= ~1;
    if (source.empty()) return;
    const cv::Rect wanted(at.x & ~1, at.y & ~1, source.width, source.height);
    cv::Rect clipped = wanted & cv::Rect(0, 0, target.width(), target.height());
    clipped.width &= ~1;
    clipped.height &= ~1;
    if (clipped.empty()) return;
    const cv::Rect from(source.x + clipped.x - wanted.x, source.y + clipped.y - wanted.y, clipped.width,
                        clipped.height);
    const cv::Rect fromHalf(from.x / 2, from.y / 2, from.width / 2, from.height / 2);
    YuvImage dst = target.region(clipped);
    const int scale = static_cast<int>(std::clamp(opacity, 0.0, 1.0) * 256.0);
    if (m_opaque && scale >= 256) {
        m_y(from).copyTo(dst.y);
        m_u(fromHalf).copyTo(dst.u);
        m_v(fromHalf).copyTo(dst.v);
        return;
    }
    if (scale >= 256) {
        blendPlane(dst.y, m_y(from), m_alpha(from));
        blendPlane(dst.u, m_u(fromHalf), m_alphaHalf(fromHalf));
        blendPlane(dst.v, m_v(fromHalf), m_alphaHalf(fromHalf));
    } else {
        const auto s = static_cast<uint32_t>(scale);
        blendPlaneScaled(dst.y, m_y(from), m_alpha(from), s);
        blendPlaneScaled(dst.u, m_u(fromHalf), m_alphaHalf(fromHalf), s);
        blendPlaneScaled(dst.v, m_v(fromHalf), m_alphaHalf(fromHalf), s);
    }
}

} // namespace hawker::overlay
