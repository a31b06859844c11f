#include <gtest/gtest.h>

#include "hawker/overlay/layout.hpp"

using hawker::overlay::Fit;
using hawker::overlay::place;

namespace {
const cv::Size kCanvas(1080, 1920);

void expectEven(const cv::Rect& r) {
    EXPECT_EQ(r.x % 2, 0);
    EXPECT_EQ(r.y % 2, 0);
    EXPECT_EQ(r.width % 2, 0);
    EXPECT_EQ(r.height % 2, 0);
}
} // namespace

TEST(Layout, CoverCropsTheSidesOfALandscapeCameraInAPortraitRect) {
    auto p = place({1920, 1080}, {0, 0, 1080, 1920}, Fit::Cover, kCanvas);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->dst, cv::Rect(0, 0, 1080, 1920));
    // 1080/1920 of the height maps to the full width: crop width 1080*1080/1920 = 607.5.
    EXPECT_NEAR(p->crop.width, 608, 2);
    EXPECT_EQ(p->crop.height, 1080);
    EXPECT_NEAR(p->crop.x, (1920 - 608) / 2, 2);
    expectEven(p->crop);
    expectEven(p->dst);
}

TEST(Layout, ContainLetterboxesAndKeepsTheWholePicture) {
    auto p = place({1920, 1080}, {0, 0, 1080, 1920}, Fit::Contain, kCanvas);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->crop, cv::Rect(0, 0, 1920, 1080));
    EXPECT_EQ(p->dst.width, 1080);
    EXPECT_NEAR(p->dst.height, 608, 2);
    EXPECT_NEAR(p->dst.y, (1920 - 608) / 2, 2);
    expectEven(p->dst);
}

TEST(Layout, StretchUsesTheWholeSourceAndTheWholeRect) {
    auto p = place({640, 480}, {100, 200, 300, 400}, Fit::Stretch, kCanvas);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->crop, cv::Rect(0, 0, 640, 480));
    EXPECT_EQ(p->dst, cv::Rect(100, 200, 300, 400));
}

TEST(Layout, ARectHangingOffTheCanvasIsClippedWithItsCropInProportion) {
    // Half of the layer is right of the canvas: half of the source is cut.
    auto p = place({800, 800}, {880, 0, 400, 400}, Fit::Stretch, kCanvas);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->dst, cv::Rect(880, 0, 200, 400));
    EXPECT_EQ(p->crop, cv::Rect(0, 0, 400, 800));
}

TEST(Layout, OddCoordinatesAreMadeEvenForChroma) {
    auto p = place({641, 361}, {11, 13, 201, 303}, Fit::Cover, kCanvas);
    ASSERT_TRUE(p);
    expectEven(p->dst);
    expectEven(p->crop);
    EXPECT_LE(p->crop.x + p->crop.width, 641);
    EXPECT_LE(p->crop.y + p->crop.height, 361);
}

TEST(Layout, NothingVisibleGivesNoPlacement) {
    EXPECT_FALSE(place({640, 480}, {2000, 0, 100, 100}, Fit::Cover, kCanvas));
    EXPECT_FALSE(place({640, 480}, {-500, 0, 100, 100}, Fit::Cover, kCanvas));
    EXPECT_FALSE(place({0, 0}, {0, 0, 100, 100}, Fit::Cover, kCanvas));
    EXPECT_FALSE(place({640, 480}, {0, 0, 1, 1}, Fit::Cover, kCanvas));
}

TEST(Layout, FitNamesRoundTrip) {
    for (Fit fit : {Fit::Cover, Fit::Contain, Fit::Stretch})
        EXPECT_EQ(hawker::overlay::parseFit(hawker::overlay::toString(fit)), fit);
    EXPECT_FALSE(hawker::overlay::parseFit("fill"));
}
