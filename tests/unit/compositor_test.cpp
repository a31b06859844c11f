#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "hawker/overlay/compositor.hpp"

using namespace hawker::overlay;

namespace {
struct Canvas {
    cv::Mat buffer;
    YuvImage image;
    Canvas(int w, int h) { image = allocateI420(buffer, w, h); }
};

YuvImage solidPicture(cv::Mat& buffer, int w, int h, YuvColor c) {
    YuvImage img = allocateI420(buffer, w, h);
    img.y.setTo(c.y);
    img.u.setTo(c.u);
    img.v.setTo(c.v);
    return img;
}
} // namespace

TEST(Yuv, Bt709LimitedRangeReferenceColours) {
    const YuvColor white = toYuv(255, 255, 255);
    EXPECT_EQ(white.y, 235);
    EXPECT_EQ(white.u, 128);
    EXPECT_EQ(white.v, 128);
    const YuvColor black = toYuv(0, 0, 0);
    EXPECT_EQ(black.y, 16);
    const YuvColor red = toYuv(255, 0, 0);
    EXPECT_EQ(red.y, 63); // 16 + 219 * 0.2126
    EXPECT_EQ(red.v, 240);
}

TEST(Compositor, BackgroundThenLayersInOrder) {
    Compositor compositor({64, 64}, YuvColor{16, 128, 128});
    Canvas canvas(64, 64);
    cv::Mat pictureBuffer;
    YuvImage picture = solidPicture(pictureBuffer, 20, 20, {200, 90, 160});
    std::vector<DrawItem> items = {DrawPicture{picture, {10, 10, 20, 20}, false},
                                   DrawFill{{20, 20, 20, 20}, YuvColor{100, 128, 128}, 255}};
    compositor.render(items, canvas.image);
    EXPECT_EQ(canvas.image.y.at<uint8_t>(0, 0), 16);    // background
    EXPECT_EQ(canvas.image.y.at<uint8_t>(12, 12), 200); // picture
    EXPECT_EQ(canvas.image.u.at<uint8_t>(6, 6), 90);    // its chroma at half resolution
    EXPECT_EQ(canvas.image.y.at<uint8_t>(25, 25), 100); // fill above the picture
    EXPECT_EQ(canvas.image.y.at<uint8_t>(45, 45), 16);
}

TEST(Compositor, PictureOfAnotherSizeIsScaledIntoItsRect) {
    Compositor compositor({64, 64}, YuvColor{16, 128, 128});
    Canvas canvas(64, 64);
    cv::Mat pictureBuffer;
    YuvImage picture = solidPicture(pictureBuffer, 8, 8, {180, 128, 128});
    compositor.render({DrawPicture{picture, {0, 0, 32, 32}, false}}, canvas.image);
    EXPECT_EQ(canvas.image.y.at<uint8_t>(31, 31), 180);
    EXPECT_EQ(canvas.image.y.at<uint8_t>(33, 33), 16);
}

TEST(Compositor, HalfTransparentBitmapBlendsHalfway) {
    cv::Mat bgra(10, 10, CV_8UC4, cv::Scalar(255, 255, 255, 128));
    auto bitmap = std::make_shared<const YuvaBitmap>(YuvaBitmap::fromBgra(bgra));
    EXPECT_FALSE(bitmap->opaque());
    Compositor compositor({32, 32}, YuvColor{16, 128, 128});
    Canvas canvas(32, 32);
    compositor.render({DrawBitmap{bitmap, {4, 4}, 1.0, {}, {}}}, canvas.image);
    const int mixed = canvas.image.y.at<uint8_t>(8, 8);
    EXPECT_NEAR(mixed, (235 * 128 + 16 * 127) / 255, 1);
    EXPECT_EQ(canvas.image.y.at<uint8_t>(2, 2), 16);
    // Opacity scales the alpha (fades).
    Canvas faded(32, 32);
    compositor.render({DrawBitmap{bitmap, {4, 4}, 0.0, {}, {}}}, faded.image);
    EXPECT_EQ(faded.image.y.at<uint8_t>(8, 8), 16);
}

TEST(Compositor, OddSizedBitmapIsPaddedAndClippedAtTheEdge) {
    cv::Mat bgr(7, 9, CV_8UC3, cv::Scalar(255, 255, 255));
    const YuvaBitmap bitmap = YuvaBitmap::fromBgra(bgr);
    EXPECT_EQ(bitmap.size(), cv::Size(10, 8));
    Canvas canvas(16, 16);
    canvas.image.y.setTo(16);
    bitmap.blendInto(canvas.image, {12, 12});
    EXPECT_EQ(canvas.image.y.at<uint8_t>(13, 13), 235);
    bitmap.blendInto(canvas.image, {-100, -100}); // fully off: nothing, no crash
}

TEST(Compositor, FadeMixesTwoCanvases) {
    Canvas a(16, 16), b(16, 16), out(16, 16);
    a.buffer.setTo(20);
    b.buffer.setTo(220);
    Compositor::mix(a.image, b.image, 0.25, out.image);
    EXPECT_EQ(out.image.y.at<uint8_t>(3, 3), 70);
    EXPECT_EQ(out.image.v.at<uint8_t>(3, 3), 70);
    Compositor::mix(a.image, b.image, 1.0, out.image);
    EXPECT_EQ(out.image.y.at<uint8_t>(3, 3), 220);
}

TEST(Compositor, LostSignalIsDimmedAndTagged) {
    Compositor compositor({400, 400}, YuvColor{16, 128, 128});
    cv::Mat pictureBuffer;
    YuvImage picture = solidPicture(pictureBuffer, 400, 400, {200, 128, 128});
    Canvas live(400, 400), lost(400, 400);
    compositor.render({DrawPicture{picture, {0, 0, 400, 400}, false}}, live.image);
    compositor.render({DrawPicture{picture, {0, 0, 400, 400}, true}}, lost.image);
    EXPECT_EQ(live.image.y.at<uint8_t>(10, 10), 200);
    EXPECT_LT(lost.image.y.at<uint8_t>(10, 10), 120); // dimmed outside the tag
    // The tag sits in the middle and is mostly red with white text.
    const cv::Scalar middleV = cv::mean(lost.image.v(cv::Rect(60, 90, 80, 20)));
    EXPECT_GT(middleV[0], 160);
    // A layer that never had a picture is black with the tag.
    Canvas none(400, 400);
    compositor.render({DrawPicture{{}, {0, 0, 400, 400}, true}}, none.image);
    EXPECT_EQ(none.image.y.at<uint8_t>(10, 10), 16);
    EXPECT_GT(cv::mean(none.image.v(cv::Rect(60, 90, 80, 20)))[0], 160);
}

TEST(Compositor, TranslucentFillBlends) {
    Canvas canvas(16, 16);
    canvas.image.y.setTo(16);
    fillRect(canvas.image, {0, 0, 8, 8}, YuvColor{235, 128, 128}, 128);
    EXPECT_NEAR(canvas.image.y.at<uint8_t>(2, 2), (235 * 128 + 16 * 127) / 255, 1);
    EXPECT_EQ(canvas.image.y.at<uint8_t>(10, 10), 16);
}

TEST(Compositor, IncrementalConversionEqualsAFullOne) {
    cv::Mat before(60, 90, CV_8UC4, cv::Scalar(40, 80, 120, 200));
    cv::Mat after = before.clone();
    cv::rectangle(after, cv::Rect(31, 17, 13, 9), cv::Scalar(250, 10, 10, 255), cv::FILLED); // odd edges
    const YuvaBitmap base = YuvaBitmap::fromBgra(before);
    const YuvaBitmap incremental = base.updated(before, after);
    const YuvaBitmap full = YuvaBitmap::fromBgra(after);
    // Blend both over the same canvas: the pictures must be identical.
    Canvas a(90, 60), b(90, 60);
    a.buffer.setTo(100);
    b.buffer.setTo(100);
    incremental.blendInto(a.image, {0, 0});
    full.blendInto(b.image, {0, 0});
    EXPECT_EQ(cv::norm(a.buffer, b.buffer, cv::NORM_INF), 0.0);
    // And a change really shows.
    Canvas c(90, 60);
    c.buffer.setTo(100);
    base.blendInto(c.image, {0, 0});
    EXPECT_GT(cv::norm(a.buffer, c.buffer, cv::NORM_INF), 0.0);
    // A different size falls back to a full conversion.
    cv::Mat bigger(64, 90, CV_8UC4, cv::Scalar(1, 2, 3, 255));
    EXPECT_EQ(base.updated(before, bigger).size(), cv::Size(90, 64));
}
