// Glyph coverage is cached per string, and live text makes a new string every
// second: the cache is bounded, so a long show does not grow with it.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include <opencv2/core.hpp>

#include "hawker/overlay/text_renderer.hpp"

using namespace hawker::overlay;

TEST(TextRenderer, CoverageCacheStaysBoundedWhenTextChangesEverySecond) {
    // A countdown draws a new string each second for hours: its cache must
    // keep the same memory after the first minutes as after many hours.
    TextRenderer text(TextRenderer::kDefaultBoldFont, TextRenderer::kSimplifiedChineseFace);
    cv::Mat canvas(200, 600, CV_8UC4, cv::Scalar::all(0));
    size_t most = 0, previous = 0;
    bool dropped = false; // the strings together are far over the bound: it must have been applied
    for (int second = 0; second < 600; ++second) {
        char clock[16];
        std::snprintf(clock, sizeof(clock), "%02d:%02d:%02d", second / 3600, second / 60 % 60, second % 60);
        text.draw(canvas, clock, {10, 10}, 120, cv::Scalar(255, 255, 255, 255));
        const size_t now = text.cachedCoverageBytes();
        dropped = dropped || now < previous;
        most = std::max(most, now);
        previous = now;
    }
    EXPECT_TRUE(dropped);
    EXPECT_GT(most, TextRenderer::kMaxCachedCoverageBytes / 2);
    EXPECT_LE(most, TextRenderer::kMaxCachedCoverageBytes);
}
