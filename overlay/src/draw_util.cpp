#include "hawker/overlay/draw_util.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace hawker::overlay {

void compositeCoverage(cv::Mat& target, const cv::Mat& coverage, cv::Point at, const cv::Scalar& color) {
    CV_Assert(target.type() == CV_8UC4 && coverage.type() == CV_8UC1);
    const cv::Rect wanted(at, coverage.size());
    const cv::Rect visible = wanted & cv::Rect(0, 0, target.cols, target.rows);
    if (visible.empty()) return;
    const int colorAlpha = static_cast<int>(color[3]);
    for (int row = 0; row < visible.height; ++row) {
        const uint8_t* cov = coverage.ptr<uint8_t>(visible.y - at.y + row) + (visible.x - at.x);
        auto* dst = target.ptr<cv::Vec4b>(visible.y + row) + visible.x;
        for (int col = 0; col < visible.width; ++col) {
            const int a = cov[col] * colorAlpha / 255; // source alpha 0..255
            if (a == 0) continue;
            const int dstA = dst[col][3];
            // Porter-Duff "over" in 0..255 integer space (straight alpha).
            const int outA = a + dstA * (255 - a) / 255;
            if (outA == 0) continue;
            for (int c = 0; c < 3; ++c) {
                const int blended =
                    (static_cast<int>(color[c]) * a + dst[col][c] * dstA * (255 - a) / 255) / outA;
                dst[col][c] = static_cast<uint8_t>(std::min(255, blended));
            }
            dst[col][3] = static_cast<uint8_t>(outA);
        }
    }
}

void fillRoundedRect(cv::Mat& target, const cv::Rect& rect, int radius, const cv::Scalar& color) {
    if (rect.width <= 0 || rect.height <= 0) return;
    cv::Mat mask(rect.size(), CV_8UC1, cv::Scalar(0));
    const int r = std::clamp(radius, 0, std::min(rect.width, rect.height) / 2);
    if (r == 0) {
        mask.setTo(255);
    } else {
        const int w = rect.width, h = rect.height;
        cv::rectangle(mask, cv::Rect(r, 0, w - 2 * r, h), cv::Scalar(255), cv::FILLED);
        cv::rectangle(mask, cv::Rect(0, r, w, h - 2 * r), cv::Scalar(255), cv::FILLED);
        for (const cv::Point c : {cv::Point(r, r), cv::Point(w - r - 1, r), cv::Point(r, h - r - 1),
                                  cv::Point(w - r - 1, h - r - 1)})
            cv::circle(mask, c, r, cv::Scalar(255), cv::FILLED, cv::LINE_AA);
    }
    compositeCoverage(target, mask, rect.tl(), color);
}

void fillCircle(cv::Mat& target, cv::Point center, int radius, const cv::Scalar& color) {
    if (radius <= 0) return;
    cv::Mat mask(2 * radius + 2, 2 * radius + 2, CV_8UC1, cv::Scalar(0));
    cv::circle(mask, cv::Point(radius + 1, radius + 1), radius, cv::Scalar(255), cv::FILLED, cv::LINE_AA);
    compositeCoverage(target, mask, center - cv::Point(radius + 1, radius + 1), color);
}

void drawLine(cv::Mat& target, cv::Point from, cv::Point to, int thickness, const cv::Scalar& color) {
    const cv::Rect bounds = cv::Rect(from, to) | cv::Rect(to, from);
    const int pad = thickness + 2;
    const cv::Rect box(bounds.x - pad, bounds.y - pad, bounds.width + 2 * pad + 1,
                       bounds.height + 2 * pad + 1);
    cv::Mat mask(box.size(), CV_8UC1, cv::Scalar(0));
    cv::line(mask, from - box.tl(), to - box.tl(), cv::Scalar(255), thickness, cv::LINE_AA);
    compositeCoverage(target, mask, box.tl(), color);
}

void drawProgressBar(cv::Mat& target, const cv::Rect& rect, double fraction, const cv::Scalar& track,
                     const cv::Scalar& fill) {
    const int radius = rect.height / 2;
    fillRoundedRect(target, rect, radius, track);
    const int width = static_cast<int>(rect.width * std::clamp(fraction, 0.0, 1.0));
    if (width >= 2)
        fillRoundedRect(target, cv::Rect(rect.x, rect.y, std::max(width, rect.height), rect.height), radius,
                        fill);
}

void compositeBgra(cv::Mat& target, const cv::Mat& source, cv::Point at) {
    CV_Assert(target.type() == CV_8UC4 && source.type() == CV_8UC4);
    const cv::Rect visible = cv::Rect(at, source.size()) & cv::Rect(0, 0, target.cols, target.rows);
    for (int row = 0; row < visible.height; ++row) {
        const auto* src = source.ptr<cv::Vec4b>(visible.y - at.y + row) + (visible.x - at.x);
        auto* dst = target.ptr<cv::Vec4b>(visible.y + row) + visible.x;
        for (int col = 0; col < visible.width; ++col) {
            const int a = src[col][3];
            if (a == 0) continue;
            const int dstA = dst[col][3];
            const int outA = a + dstA * (255 - a) / 255;
            for (int c = 0; c < 3; ++c)
                dst[col][c] =
                    static_cast<uint8_t>((src[col][c] * a + dst[col][c] * dstA * (255 - a) / 255) / outA);
            dst[col][3] = static_cast<uint8_t>(outA);
        }
    }
}

void drawImageCover(cv::Mat& target, const cv::Mat& image, const cv::Rect& rect, int radius) {
    if (image.empty() || rect.width <= 0 || rect.height <= 0) return;
    // Crop the image to the rect's aspect ratio, then scale.
    const double scale =
        std::max(static_cast<double>(rect.width) / image.cols, static_cast<double>(rect.height) / image.rows);
    const int cropW = std::clamp(static_cast<int>(rect.width / scale + 0.5), 1, image.cols);
    const int cropH = std::clamp(static_cast<int>(rect.height / scale + 0.5), 1, image.rows);
    const cv::Rect crop((image.cols - cropW) / 2, (image.rows - cropH) / 2, cropW, cropH);
    cv::Mat scaled, picture;
    cv::resize(image(crop), scaled, rect.size(), 0, 0, cv::INTER_AREA);
    if (scaled.channels() == 4)
        picture = scaled;
    else
        cv::cvtColor(scaled, picture, cv::COLOR_BGR2BGRA);
    // Round the corners by multiplying the picture's alpha with a shape mask.
    cv::Mat shape(rect.size(), CV_8UC4, cv::Scalar(0, 0, 0, 0));
    fillRoundedRect(shape, cv::Rect(0, 0, rect.width, rect.height), radius, cv::Scalar(255, 255, 255, 255));
    std::vector<cv::Mat> channels, shapeChannels;
    cv::split(picture, channels);
    cv::split(shape, shapeChannels);
    cv::multiply(channels[3], shapeChannels[3], channels[3], 1.0 / 255.0);
    cv::merge(channels, picture);
    compositeBgra(target, picture, rect.tl());
}

} // namespace hawker::overlay
