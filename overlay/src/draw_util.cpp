#include "hawker/overlay/draw_util.hpp"

#include <algorithm>
#include <array>

#include <opencv2/imgproc.hpp>

namespace hawker::overlay {

namespace {
/// 65536 / n for n in 1..255: the "over" operator divides by the output
/// alpha for every pixel; a table turns that into a multiply.
const uint32_t* reciprocals() {
    static const auto table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t n = 1; n < 256; ++n)
            t[n] = (65536u + n / 2) / n;
        return t;
    }();
    return table.data();
}

/// Porter-Duff "over" of a straight-alpha colour onto a straight-alpha pixel.
inline void over(cv::Vec4b& dst, uint32_t b, uint32_t g, uint32_t r, uint32_t a, const uint32_t* recip) {
    const uint32_t dstA = dst[3];
    if (dstA == 0 || a == 255) {
        // Painting on a clear pixel (most of a panel), or fully covering one.
        dst = cv::Vec4b(static_cast<uint8_t>(b), static_cast<uint8_t>(g), static_cast<uint8_t>(r),
                        static_cast<uint8_t>(a));
        return;
    }
    const uint32_t keep = dstA * (255 - a) / 255; // what shows of the old pixel
    const uint32_t outA = a + keep;
    const uint32_t inv = recip[outA];
    dst[0] = static_cast<uint8_t>(std::min<uint32_t>(255, ((b * a + dst[0] * keep) * inv) >> 16));
    dst[1] = static_cast<uint8_t>(std::min<uint32_t>(255, ((g * a + dst[1] * keep) * inv) >> 16));
    dst[2] = static_cast<uint8_t>(std::min<uint32_t>(255, ((r * a + dst[2] * keep) * inv) >> 16));
    dst[3] = static_cast<uint8_t>(outA);
}
} // namespace

void compositeCoverage(cv::Mat& target, const cv::Mat& coverage, cv::Point at, const cv::Scalar& color) {
    CV_Assert(target.type() == CV_8UC4 && coverage.type() == CV_8UC1);
    const cv::Rect wanted(at, coverage.size());
    const cv::Rect visible = wanted & cv::Rect(0, 0, target.cols, target.rows);
    if (visible.empty()) return;
    const auto colorAlpha = static_cast<uint32_t>(color[3]);
    const auto b = static_cast<uint32_t>(color[0]), g = static_cast<uint32_t>(color[1]),
               r = static_cast<uint32_t>(color[2]);
    const uint32_t* recip = reciprocals();
    for (int row = 0; row < visible.height; ++row) {
        const uint8_t* cov = coverage.ptr<uint8_t>(visible.y - at.y + row) + (visible.x - at.x);
        auto* dst = target.ptr<cv::Vec4b>(visible.y + row) + visible.x;
        for (int col = 0; col < visible.width; ++col) {
            if (cov[col] == 0) continue;
            over(dst[col], b, g, r, cov[col] * colorAlpha / 255, recip);
        }
    }
}

void fillPanel(cv::Mat& target, int radius, const cv::Scalar& color) {
    // The whole bitmap in one vectorized fill, then only the corners are
    // cut round: a card's background costs its corners, not its area.
    target.setTo(color);
    const int r = std::clamp(radius, 0, std::min(target.cols, target.rows) / 2);
    if (r == 0) return;
    cv::Mat corner(2 * r, 2 * r, CV_8UC1, cv::Scalar(0));
    cv::circle(corner, cv::Point(r, r), r, cv::Scalar(255), cv::FILLED, cv::LINE_AA);
    const int alpha = static_cast<int>(color[3]);
    const int w = target.cols, h = target.rows;
    const std::pair<cv::Point, cv::Point> corners[] = {
        {{0, 0}, {0, 0}}, {{w - r, 0}, {r, 0}}, {{0, h - r}, {0, r}}, {{w - r, h - r}, {r, r}}};
    for (const auto& [at, from] : corners) {
        for (int y = 0; y < r; ++y) {
            auto* dst = target.ptr<cv::Vec4b>(at.y + y) + at.x;
            const uint8_t* cov = corner.ptr<uint8_t>(from.y + y) + from.x;
            for (int x = 0; x < r; ++x) {
                // Outside the curve the pixel is clear, colour included, as
                // everywhere else a graphic is transparent.
                if (cov[x] == 0)
                    dst[x] = cv::Vec4b(0, 0, 0, 0);
                else
                    dst[x][3] = static_cast<uint8_t>(cov[x] * alpha / 255);
            }
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
    const uint32_t* recip = reciprocals();
    for (int row = 0; row < visible.height; ++row) {
        const auto* src = source.ptr<cv::Vec4b>(visible.y - at.y + row) + (visible.x - at.x);
        auto* dst = target.ptr<cv::Vec4b>(visible.y + row) + visible.x;
        for (int col = 0; col < visible.width; ++col)
            if (src[col][3] != 0) over(dst[col], src[col][0], src[col][1], src[col][2], src[col][3], recip);
    }
}

namespace {
/// The product picture scaled and rounded for a card, as it will be drawn.
cv::Mat shapeImage(const cv::Mat& image, cv::Size size, int radius) {
    // Crop the image to the rect's aspect ratio, then scale.
    const double scale =
        std::max(static_cast<double>(size.width) / image.cols, static_cast<double>(size.height) / image.rows);
    const int cropW = std::clamp(static_cast<int>(size.width / scale + 0.5), 1, image.cols);
    const int cropH = std::clamp(static_cast<int>(size.height / scale + 0.5), 1, image.rows);
    const cv::Rect crop((image.cols - cropW) / 2, (image.rows - cropH) / 2, cropW, cropH);
    cv::Mat scaled, picture;
    cv::resize(image(crop), scaled, size, 0, 0, cv::INTER_AREA);
    if (scaled.channels() == 4)
        picture = scaled;
    else
        cv::cvtColor(scaled, picture, cv::COLOR_BGR2BGRA);
    // Round the corners by multiplying the picture's alpha with a shape mask.
    cv::Mat shape(size, CV_8UC4, cv::Scalar(0, 0, 0, 0));
    fillRoundedRect(shape, cv::Rect(0, 0, size.width, size.height), radius, cv::Scalar(255, 255, 255, 255));
    std::vector<cv::Mat> channels, shapeChannels;
    cv::split(picture, channels);
    cv::split(shape, shapeChannels);
    cv::multiply(channels[3], shapeChannels[3], channels[3], 1.0 / 255.0);
    cv::merge(channels, picture);
    return picture;
}

/// A few pixels of the source, so a new picture that happens to reuse a
/// freed buffer's address is not mistaken for the cached one.
uint64_t sampleOf(const cv::Mat& image) {
    uint64_t sample = 1469598103934665603ull;
    for (int i = 0; i < 16; ++i) {
        const uchar* p = image.ptr(image.rows * i / 16) + (image.cols * i / 16) * image.elemSize();
        sample = (sample ^ p[0]) * 1099511628211ull;
    }
    return sample;
}
} // namespace

void drawImageCover(cv::Mat& target, const cv::Mat& image, const cv::Rect& rect, int radius) {
    if (image.empty() || rect.width <= 0 || rect.height <= 0) return;
    // A card is re-rendered when its numbers change but its picture stays the
    // same: keep the last few shaped pictures (per render thread).
    struct Entry {
        const uchar* data;
        cv::Size source, size;
        int radius;
        uint64_t sample;
        cv::Mat shaped;
    };
    thread_local std::vector<Entry> cache;
    const uint64_t sample = sampleOf(image);
    for (const Entry& e : cache) {
        if (e.data == image.data && e.source == image.size() && e.size == rect.size() && e.radius == radius &&
            e.sample == sample) {
            compositeBgra(target, e.shaped, rect.tl());
            return;
        }
    }
    cv::Mat shaped = shapeImage(image, rect.size(), radius);
    if (cache.size() >= 8) cache.erase(cache.begin());
    cache.push_back({image.data, image.size(), rect.size(), radius, sample, shaped});
    compositeBgra(target, shaped, rect.tl());
}

} // namespace hawker::overlay
