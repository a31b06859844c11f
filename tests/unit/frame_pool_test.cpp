#include <gtest/gtest.h>

#include <set>

#include "hawker/capture/frame_pool.hpp"
#include "hawker/capture/rendition_scaler.hpp"
#include "hawker/capture/video_frame.hpp"

using namespace hawker::capture;

namespace {
/// A 64x48 I420 picture with a horizontal luma ramp and flat chroma.
struct TestPicture {
    cv::Mat buffer = cv::Mat(48 * 3 / 2, 64, CV_8UC1); // not braces: that would be a 3-element Mat
    PlaneSet planes = i420Planes(buffer, 64, 48);
    TestPicture() {
        for (int row = 0; row < 48; ++row)
            for (int col = 0; col < 64; ++col)
                planes[0].at<uint8_t>(row, col) = static_cast<uint8_t>(col * 4);
        planes[1].setTo(90);
        planes[2].setTo(200);
    }
};
} // namespace

TEST(FramePool, AReleasedBufferIsHandedOutAgain) {
    auto pool = FramePool::create(64, 48);
    const uint8_t* first = nullptr;
    {
        std::shared_ptr<cv::Mat> buffer = pool->acquire();
        ASSERT_EQ(buffer->rows, 72);
        ASSERT_EQ(buffer->cols, 64);
        ASSERT_TRUE(buffer->isContinuous());
        first = buffer->data;
    }
    EXPECT_EQ(pool->acquire()->data, first);
}

TEST(FramePool, BuffersInUseAreNeverShared) {
    auto pool = FramePool::create(64, 48);
    std::vector<std::shared_ptr<cv::Mat>> held;
    std::set<const uint8_t*> distinct;
    for (int i = 0; i < 5; ++i) {
        held.push_back(pool->acquire());
        distinct.insert(held.back()->data);
    }
    EXPECT_EQ(distinct.size(), 5u);
}

TEST(FramePool, KeepsNoMoreIdleBuffersThanAsked) {
    auto pool = FramePool::create(64, 48, 2);
    std::vector<std::shared_ptr<cv::Mat>> held;
    std::vector<const uint8_t*> addresses;
    for (int i = 0; i < 4; ++i) {
        held.push_back(pool->acquire());
        addresses.push_back(held.back()->data);
    }
    held.clear(); // four come back; the pool keeps two and frees the others
    std::set<const uint8_t*> reused;
    std::vector<std::shared_ptr<cv::Mat>> again;
    for (int i = 0; i < 2; ++i) {
        again.push_back(pool->acquire());
        reused.insert(again.back()->data);
    }
    EXPECT_EQ(reused.size(), 2u);
    for (const uint8_t* address : reused)
        EXPECT_NE(std::find(addresses.begin(), addresses.end(), address), addresses.end());
}

TEST(FramePool, ABufferOutlivesItsPoolWithoutKeepingItAlive) {
    std::shared_ptr<cv::Mat> buffer;
    std::weak_ptr<FramePool> watch;
    {
        auto pool = FramePool::create(64, 48);
        watch = pool;
        buffer = pool->acquire();
    }
    // A frame still on its way to the encoder must not hold a closed source's pool...
    EXPECT_TRUE(watch.expired());
    // ...and is still a whole buffer of its own, freed by itself when let go.
    ASSERT_EQ(buffer->rows, 72);
    buffer->setTo(7);
    EXPECT_EQ(cv::countNonZero(*buffer - 7), 0);
    buffer.reset();
}

TEST(FramePool, PlanesViewOneContiguousBuffer) {
    cv::Mat buffer(48 * 3 / 2, 64, CV_8UC1);
    const PlaneSet planes = i420Planes(buffer, 64, 48);
    EXPECT_EQ(planes[0].size(), cv::Size(64, 48));
    EXPECT_EQ(planes[1].size(), cv::Size(32, 24));
    EXPECT_EQ(planes[2].size(), cv::Size(32, 24));
    EXPECT_EQ(planes[0].data, buffer.data);
    EXPECT_EQ(planes[1].data, buffer.data + 64 * 48);
    EXPECT_EQ(planes[2].data, buffer.data + 64 * 48 + 32 * 24);
}

TEST(RenditionScaler, EachFrameReusesTheBufferOfAPictureLetGo) {
    TestPicture source;
    RenditionScaler scaler;
    const Rendition half{cv::Rect(0, 0, 64, 48), cv::Size(32, 24)};
    const uint8_t* first = nullptr;
    {
        auto picture = scaler.scale(source.planes, half);
        ASSERT_TRUE(picture.has_value());
        first = picture->planes[0].data;
    }
    auto second = scaler.scale(source.planes, half);
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->planes[0].data, first);
}

TEST(RenditionScaler, APictureStillHeldKeepsItsPixels) {
    TestPicture source;
    RenditionScaler scaler;
    const Rendition half{cv::Rect(0, 0, 64, 48), cv::Size(32, 24)};
    auto held = scaler.scale(source.planes, half);
    ASSERT_TRUE(held.has_value());
    const cv::Mat before = held->planes[0].clone();
    source.planes[0].setTo(0); // a later frame, scaled while the first is still on screen
    auto next = scaler.scale(source.planes, half);
    ASSERT_TRUE(next.has_value());
    EXPECT_NE(next->planes[0].data, held->planes[0].data);
    EXPECT_EQ(cv::norm(before, held->planes[0], cv::NORM_INF), 0.0);
    EXPECT_EQ(cv::countNonZero(next->planes[0]), 0);
    // The ramp survives the scale (columns 4 apart in the source, 8 apart here).
    EXPECT_LT(held->planes[0].at<uint8_t>(10, 2), held->planes[0].at<uint8_t>(10, 29));
    EXPECT_NEAR(held->planes[1].at<uint8_t>(5, 5), 90, 1);
    EXPECT_NEAR(held->planes[2].at<uint8_t>(5, 5), 200, 1);
}

TEST(RenditionScaler, ARenditionThatDoesNotFitIsRefused) {
    TestPicture source;
    RenditionScaler scaler;
    EXPECT_FALSE(scaler.scale(source.planes, {cv::Rect(40, 0, 64, 48), cv::Size(32, 24)}).has_value());
    EXPECT_FALSE(scaler.scale(source.planes, {cv::Rect(0, 0, 64, 48), cv::Size(0, 24)}).has_value());
}

TEST(VideoFrame, TheWholePictureAtItsOwnSizeIsItsOwnPlanesUnscaled) {
    TestPicture source;
    VideoFrame frame;
    frame.planes = source.planes;
    const Rendition whole{cv::Rect(0, 0, 64, 48), cv::Size(64, 48)};
    ASSERT_TRUE(frame.isWholePicture(whole));
    const PlaneSet* found = frame.findRendition(whole);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ((*found)[0].data, source.planes[0].data); // no copy: the frame's own pixels
    EXPECT_EQ((*found)[2].data, source.planes[2].data);
    // A part of the picture, or the whole at another size, still needs a scaled rendition.
    EXPECT_FALSE(frame.isWholePicture({cv::Rect(0, 0, 32, 48), cv::Size(32, 48)}));
    EXPECT_FALSE(frame.isWholePicture({cv::Rect(0, 0, 64, 48), cv::Size(32, 24)}));
    EXPECT_EQ(frame.findRendition({cv::Rect(0, 0, 64, 48), cv::Size(32, 24)}), nullptr);
}
