#include "hawker/overlay/yuva_bitmap.hpp"

#include <algorithm>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

namespace hawker::overlay {

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
    bool opaque = true;
    for (int row = 0; row < height; ++row) {
        const auto* src = bgra.ptr<cv::Vec4b>(row);
        auto* y = out.m_y.ptr<uint8_t>(row);
        auto* a = out.m_alpha.ptr<uint8_t>(row);
        for (int col = 0; col < width; ++col) {
            y[col] = toYuv(src[col][2], src[col][1], src[col][0]).y;
            a[col] = src[col][3];
            opaque = opaque && a[col] == 255;
        }
    }
    // Chroma of each 2x2 block is the alpha-weighted mean, so edges of a
    // graphic do not pick up the colour of fully transparent pixels.
    for (int row = 0; row < height / 2; ++row) {
        auto* u = out.m_u.ptr<uint8_t>(row);
        auto* v = out.m_v.ptr<uint8_t>(row);
        auto* ah = out.m_alphaHalf.ptr<uint8_t>(row);
        for (int col = 0; col < width / 2; ++col) {
            int sumA = 0, sumU = 0, sumV = 0;
            for (int dy = 0; dy < 2; ++dy) {
                const auto* src = bgra.ptr<cv::Vec4b>(2 * row + dy);
                for (int dx = 0; dx < 2; ++dx) {
                    const cv::Vec4b& p = src[2 * col + dx];
                    const YuvColor c = toYuv(p[2], p[1], p[0]);
                    const int weight = p[3] + 1; // +1: a fully clear block still gets a colour
                    sumA += p[3];
                    sumU += c.u * weight;
                    sumV += c.v * weight;
                }
            }
            const int weights = sumA + 4;
            u[col] = static_cast<uint8_t>(sumU / weights);
            v[col] = static_cast<uint8_t>(sumV / weights);
            ah[col] = static_cast<uint8_t>((sumA + 2) / 4);
        }
    }
    out.m_opaque = opaque;
    return out;
}

namespace {
/// out = (a*fg + (255-a)*bg) / 255 over one plane; `scale` (0..256) applies opacity.
void blendPlane(cv::Mat target, const cv::Mat& fg, const cv::Mat& alpha, int scale) {
    for (int row = 0; row < target.rows; ++row) {
        uint8_t* dst = target.ptr<uint8_t>(row);
        const uint8_t* src = fg.ptr<uint8_t>(row);
        const uint8_t* a = alpha.ptr<uint8_t>(row);
        for (int col = 0; col < target.cols; ++col) {
            const int weight = (a[col] * scale) >> 8;
            dst[col] = static_cast<uint8_t>((src[col] * weight + dst[col] * (255 - weight) + 127) / 255);
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
    blendPlane(dst.y, m_y(from), m_alpha(from), scale);
    blendPlane(dst.u, m_u(fromHalf), m_alphaHalf(fromHalf), scale);
    blendPlane(dst.v, m_v(fromHalf), m_alphaHalf(fromHalf), scale);
}

} // namespace hawker::overlay
