#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <random>

#include "hawker/capture/frame_slot.hpp"
#include "hawker/capture/frame_sync.hpp"

using namespace hawker::capture;

namespace {
constexpr int64_t kFrameUs = 33'333;
std::atomic<bool> kNoAbort{false};

VideoFramePtr frame(int64_t ptsUs, int64_t arrivalUs) {
    auto made = std::make_shared<VideoFrame>();
    made->ptsUs = ptsUs;
    made->arrivalUs = arrivalUs;
    return made;
}

/// A 30 fps camera whose pictures take 20 ms plus `late(i)` to arrive, read by
/// a 30 fps program whose ticks fall `phaseUs` after each picture's on-time
/// arrival, for `seconds`. Counts the ticks after the first second whose
/// picture is the one before's again (repeats), taking each tick's picture
/// from the frame synchroniser (`synced`) or as the newest frame.
template <typename Late>
int repeatsOver(int seconds, int64_t phaseUs, Late late, bool synced) {
    FrameSlot slot(FrameSlot::Mode::Latest);
    const int64_t startUs = 1'000'000'000;
    const int frames = seconds * 30;
    int next = 0, repeats = 0;
    int64_t lastPts = -1;
    for (int tick = 0; tick < frames; ++tick) {
        const int64_t tickUs = startUs + tick * kFrameUs + 20'000 + phaseUs;
        // Every picture that has arrived by this tick, in arrival order (lateness is
        // bounded below a frame's spacing here, so arrival order is pts order).
        while (next < frames && startUs + next * kFrameUs + 20'000 + late(next) <= tickUs) {
            slot.publish(frame(next * kFrameUs, startUs + next * kFrameUs + 20'000 + late(next)), kNoAbort);
            ++next;
        }
        const VideoFramePtr shown = synced ? slot.frameAt(tickUs) : slot.latest();
        if (!shown) continue;
        if (tick >= 30 && shown->ptsUs == lastPts) ++repeats;
        lastPts = shown->ptsUs;
    }
    return repeats;
}
} // namespace

TEST(FrameSync, OnTimePicturesAreDueOnArrival) {
    FrameSync sync;
    for (int i = 0; i < 90; ++i)
        sync.arrived(i * kFrameUs, 5'000'000 + i * kFrameUs + 20'000);
    EXPECT_EQ(sync.delayUs(), 0);
    EXPECT_EQ(sync.dueUs(89 * kFrameUs), 5'000'000 + 89 * kFrameUs + 20'000);
}

TEST(FrameSync, LatePicturesSetADelayInStepsUpToTheBound) {
    FrameSync sync;
    sync.arrived(0, 1'000'000);
    sync.arrived(kFrameUs, 1'000'000 + kFrameUs + 12'000);          // 12 ms late
    EXPECT_EQ(sync.delayUs(), 15'000);                              // the next 5 ms step
    sync.arrived(2 * kFrameUs, 1'000'000 + 2 * kFrameUs + 200'000); // 200 ms late: not a new path
    EXPECT_EQ(sync.delayUs(), FrameSync::kMaxDelayUs);
    // The path's own delay may have crept up by 1 ms per second of arrivals (0.3 ms here).
    EXPECT_NEAR(sync.dueUs(3 * kFrameUs), 3 * kFrameUs + 1'000'000 + FrameSync::kMaxDelayUs, 500);
}

TEST(FrameSync, TheDelayComesDownOnceTheLatenessHasLeftTheWindow) {
    FrameSync sync;
    int64_t at = 1'000'000;
    sync.arrived(0, at);
    sync.arrived(kFrameUs, at + kFrameUs + 30'000);
    EXPECT_EQ(sync.delayUs(), 30'000);
    for (int i = 2; i < 30 * (FrameSync::kWindowSeconds - 1); ++i)
        sync.arrived(i * kFrameUs, at + i * kFrameUs);
    EXPECT_EQ(sync.delayUs(), 30'000); // still within the window
    for (int i = 30 * (FrameSync::kWindowSeconds - 1); i < 30 * (FrameSync::kWindowSeconds + 2); ++i)
        sync.arrived(i * kFrameUs, at + i * kFrameUs);
    EXPECT_EQ(sync.delayUs(), 0);
}

TEST(FrameSync, AJumpInThePathStartsTimingAgain) {
    FrameSync sync;
    sync.arrived(0, 1'000'000);
    sync.arrived(kFrameUs, 1'000'000 + kFrameUs + 40'000);
    ASSERT_EQ(sync.delayUs(), 40'000);
    // A reconnect: the next picture's timestamp follows on, but it came 3 s later.
    sync.arrived(2 * kFrameUs, 4'000'000 + 2 * kFrameUs);
    EXPECT_EQ(sync.delayUs(), 0);
    EXPECT_EQ(sync.dueUs(2 * kFrameUs), 4'000'000 + 2 * kFrameUs);
}

TEST(FrameSync, JitteryPicturesGoOnAirOneATickInTurn) {
    // Pictures up to 25 ms late, at random; the program's ticks fall 5 ms after
    // an on-time picture would arrive, so the newest-frame choice misses often.
    std::mt19937 random(7);
    std::uniform_int_distribution<int64_t> jitter(0, 25'000);
    std::vector<int64_t> late(600);
    for (auto& value : late)
        value = jitter(random);
    const auto lateOf = [&](int i) { return late[static_cast<size_t>(i)]; };
    const int newest = repeatsOver(20, 5'000, lateOf, false);
    const int synced = repeatsOver(20, 5'000, lateOf, true);
    EXPECT_GT(newest, 50) << "the scenario must make the newest-frame choice repeat pictures";
    EXPECT_EQ(synced, 0);
}

TEST(FrameSync, OnTimePicturesAreShownAsTheyCome) {
    // No lateness: the synchroniser adds no delay and no repeat, like the newest-frame choice.
    const auto onTime = [](int) { return int64_t{0}; };
    EXPECT_EQ(repeatsOver(10, 5'000, onTime, true), 0);
    EXPECT_EQ(repeatsOver(10, 5'000, onTime, false), 0);
}

TEST(FrameSync, TheSlotNeverGoesBackToAnOlderFrame) {
    FrameSlot slot(FrameSlot::Mode::Latest);
    slot.publish(frame(0, 1'000'000), kNoAbort);
    EXPECT_EQ(slot.frameAt(1'000'000)->ptsUs, 0);
    slot.publish(frame(kFrameUs, 1'000'000 + kFrameUs + 30'000), kNoAbort); // late: delay 30 ms
    // The base is 1 s (and a few µs of creep); frame 1 is due 33.3 ms + 30 ms after it.
    EXPECT_EQ(slot.frameAt(1'000'000 + kFrameUs + 10'000)->ptsUs, 0);
    EXPECT_EQ(slot.frameAt(1'000'000 + kFrameUs + 31'000)->ptsUs, kFrameUs);
    EXPECT_EQ(slot.frameAt(1'000'000)->ptsUs, kFrameUs); // an earlier time never goes back
    EXPECT_EQ(slot.latest()->ptsUs, kFrameUs);
}

TEST(FrameSync, SoundThatComesAfterItsPicturesHoldsThemBack) {
    // A network camera's MPEG-TS: pictures on time (20 ms path), its sound in packets of 8 AAC
    // frames (170.7 ms), each sent when its last frame is made: the first sample of a packet
    // comes 170.7 ms + 20 ms after it was taken, 170.7 ms later than a picture of that time.
    FrameSync sync;
    constexpr int64_t kPacketUs = 170'667;
    const int64_t startUs = 5'000'000;
    sync.soundArrived(0, startUs + kPacketUs + 20'000); // before the first picture: not timed
    EXPECT_EQ(sync.soundLatenessUs(), 0);
    int64_t nextSound = 0;
    for (int i = 0; i < 90; ++i) {
        sync.arrived(i * kFrameUs, startUs + i * kFrameUs + 20'000);
        while (nextSound + kPacketUs <= i * kFrameUs) {
            sync.soundArrived(nextSound, startUs + nextSound + kPacketUs + 20'000);
            nextSound += kPacketUs;
        }
    }
    EXPECT_NEAR(sync.soundLatenessUs(), kPacketUs, 1'000);
    // Held back so that a tick (24 fps at the slowest) finds all the sound it plays, kSoundMarginUs
    // behind its picture: 170.7 - 50 + 41.7 = 162.3 ms, to the next 5 ms step.
    EXPECT_EQ(sync.delayUs(), 165'000);
    EXPECT_EQ(sync.dueUs(89 * kFrameUs), startUs + 89 * kFrameUs + 20'000 + 165'000);
    // Sound later than the jump bound is a reconnect's, not lateness: it changes nothing.
    sync.soundArrived(90 * kFrameUs, startUs + 90 * kFrameUs + 3'000'000);
    EXPECT_EQ(sync.delayUs(), 165'000);
}

TEST(FrameSync, SoundOnTimeOrALittleLateAddsNoDelay) {
    // One AAC frame (21.3 ms) per packet, sent as it is made: within kSoundMarginUs less a tick.
    FrameSync sync;
    for (int i = 0; i < 90; ++i) {
        sync.arrived(i * kFrameUs, 1'000'000 + i * kFrameUs);
        sync.soundArrived(i * kFrameUs, 1'000'000 + i * kFrameUs + 8'000);
    }
    EXPECT_EQ(sync.delayUs(), 0);
}

TEST(FrameSync, TheSlotKeepsThePicturesHeldBackForTheirSound) {
    FrameSlot slot(FrameSlot::Mode::Latest);
    const int64_t startUs = 2'000'000;
    slot.publish(frame(0, startUs), kNoAbort);
    slot.soundArrived(0, startUs + 200'000); // the sound 200 ms behind: held 195 ms
    ASSERT_EQ(slot.hold().delayUs, 195'000);
    for (int i = 1; i < 12; ++i)
        slot.publish(frame(i * kFrameUs, startUs + i * kFrameUs), kNoAbort);
    // 11 pictures later, the one taken 195 ms before the newest is still there to be shown.
    const int64_t at = startUs + 5 * kFrameUs + 195'000;
    const VideoFramePtr shown = slot.frameAt(at);
    ASSERT_TRUE(shown);
    EXPECT_EQ(shown->ptsUs, 5 * kFrameUs);
}

TEST(FrameSync, CamerasShownTogetherWaitAlike) {
    // A camera without sound, its pictures on time: due on arrival, until the program shares the hold of
    // a camera held back 195 ms for its sound.
    FrameSync sync;
    const int64_t startUs = 3'000'000;
    for (int i = 0; i < 30; ++i)
        sync.arrived(i * kFrameUs, startUs + i * kFrameUs);
    ASSERT_EQ(sync.delayUs(), 0);
    EXPECT_EQ(sync.dueUs(10 * kFrameUs), startUs + 10 * kFrameUs);
    sync.setSharedDelayUs(195'000);
    EXPECT_EQ(sync.delayUs(), 195'000);
    EXPECT_EQ(sync.ownDelayUs(), 0); // what the program takes the longest of: never its own echo
    EXPECT_EQ(sync.dueUs(10 * kFrameUs), startUs + 10 * kFrameUs + 195'000);
    // Its own hold counts when it is the longer one, and the shared hold is bounded like a sound's.
    sync.soundArrived(29 * kFrameUs, startUs + 29 * kFrameUs + 300'000);
    EXPECT_EQ(sync.delayUs(), sync.ownDelayUs());
    EXPECT_GT(sync.ownDelayUs(), 195'000);
    sync.setSharedDelayUs(5'000'000);
    EXPECT_EQ(sync.delayUs(), FrameSync::kMaxSoundDelayUs);
    sync.setSharedDelayUs(0);
    EXPECT_LT(sync.delayUs(), FrameSync::kMaxSoundDelayUs);
    EXPECT_EQ(sync.delayUs(), sync.ownDelayUs());
}

TEST(FrameSync, TheSlotKeepsThePicturesHeldBackForAnotherCamera) {
    FrameSlot slot(FrameSlot::Mode::Latest);
    const int64_t startUs = 2'000'000;
    slot.publish(frame(0, startUs), kNoAbort);
    slot.setSharedDelay(195'000);
    EXPECT_EQ(slot.hold().delayUs, 195'000);
    EXPECT_EQ(slot.hold().ownDelayUs, 0);
    for (int i = 1; i < 12; ++i)
        slot.publish(frame(i * kFrameUs, startUs + i * kFrameUs), kNoAbort);
    const VideoFramePtr shown = slot.frameAt(startUs + 5 * kFrameUs + 195'000);
    ASSERT_TRUE(shown);
    EXPECT_EQ(shown->ptsUs, 5 * kFrameUs);
}
