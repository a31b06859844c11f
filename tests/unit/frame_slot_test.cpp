#include <gtest/gtest.h>

#include <thread>

#include "hawker/capture/frame_slot.hpp"

using namespace hawker::capture;
using namespace std::chrono_literals;

namespace {
std::atomic<bool> kNoAbort{false};
VideoFramePtr frameAt(int64_t ptsUs) {
    auto frame = std::make_shared<VideoFrame>();
    frame->ptsUs = ptsUs;
    return frame;
}
} // namespace

TEST(FrameSlot, LatestModeKeepsOnlyTheNewestFrame) {
    FrameSlot slot(FrameSlot::Mode::Latest);
    EXPECT_EQ(slot.latest(), nullptr);
    slot.publish(frameAt(1), kNoAbort);
    slot.publish(frameAt(2), kNoAbort);
    EXPECT_EQ(slot.latest()->ptsUs, 2);
}

TEST(FrameSlot, QueueModeStepsByTimestampForAProgramAtAnotherRate) {
    // A 25 fps source read by a 30 fps program: frames repeat deterministically.
    FrameSlot slot(FrameSlot::Mode::Queue, 64);
    for (int i = 0; i < 20; ++i)
        slot.publish(frameAt(i * 40000), kNoAbort);
    slot.markEnded();
    std::vector<int64_t> shown;
    for (int tick = 0; tick < 6; ++tick)
        shown.push_back(slot.advanceTo(tick * 1000000 / 30, 1s)->ptsUs);
    EXPECT_EQ(shown, (std::vector<int64_t>{0, 0, 40000, 80000, 120000, 160000}));
}

TEST(FrameSlot, QueueModeWaitsForTheDecoderAndBlocksItWhenFull) {
    FrameSlot slot(FrameSlot::Mode::Queue, 2);
    std::atomic<int> published{0};
    std::thread producer([&] {
        for (int i = 0; i < 10; ++i) {
            slot.publish(frameAt(i * 33333), kNoAbort);
            ++published;
        }
        slot.markEnded();
    });
    for (int tick = 0; tick < 10; ++tick) {
        auto frame = slot.advanceTo(tick * 33333, 5s);
        ASSERT_TRUE(frame);
        EXPECT_EQ(frame->ptsUs, tick * 33333);
        EXPECT_LE(published.load(), tick + 4); // bounded: the decoder cannot run ahead
    }
    producer.join();
}

TEST(FrameSlot, AbortReleasesABlockedProducer) {
    FrameSlot slot(FrameSlot::Mode::Queue, 1);
    std::atomic<bool> abort{false};
    slot.publish(frameAt(0), abort);
    std::thread producer([&] { EXPECT_FALSE(slot.publish(frameAt(1), abort)); });
    std::this_thread::sleep_for(50ms);
    abort = true;
    producer.join();
}
