// The console's frame pacing, on a clock the test moves.
#include <gtest/gtest.h>

#include "frame_pacer.hpp"

using hawker::studio::console::FramePacer;
using namespace std::chrono_literals;

namespace {
const FramePacer::Clock::time_point kStart = FramePacer::Clock::time_point{} + 1000s;
}

TEST(FramePacer, IdleTenFramesASecondAndThirtyAfterInput) {
    FramePacer pacer;
    pacer.frameStarted(kStart);
    EXPECT_EQ(pacer.due(), kStart + FramePacer::kIdlePeriod);
    pacer.inputAt(kStart + 10ms);
    EXPECT_EQ(pacer.due(), kStart + FramePacer::kActivePeriod);
    // A second after the last input the desk is idle again.
    pacer.frameStarted(kStart + 1100ms);
    EXPECT_EQ(pacer.due(), kStart + 1100ms + FramePacer::kIdlePeriod);
}

TEST(FramePacer, ShortOfCpuTheDeskDrawsHalfAsOftenIdleAndTwoThirdsInUse) {
    FramePacer pacer;
    pacer.setThrifty(true);
    EXPECT_TRUE(pacer.thrifty());
    pacer.frameStarted(kStart);
    EXPECT_EQ(pacer.due(), kStart + 200ms) << "5 frames a second while idle";
    pacer.inputAt(kStart + 10ms);
    EXPECT_EQ(pacer.due(), kStart + 50ms) << "20 frames a second in use";
    // Input during the wait is seen at once: the frame is due, not a whole period later.
    pacer.frameStarted(kStart + 1500ms);
    EXPECT_EQ(pacer.due(), kStart + 1700ms);
    pacer.inputAt(kStart + 1520ms);
    EXPECT_EQ(pacer.due(), kStart + 1550ms);
    // Once the program has CPU to spare, the usual rates.
    pacer.setThrifty(false);
    EXPECT_EQ(pacer.due(), kStart + 1500ms + FramePacer::kActivePeriod);
}

TEST(FramePacer, AHeldFullRateStaysFullWhenShortOfCpu) {
    FramePacer pacer;
    pacer.setThrifty(true);
    pacer.holdFullRate(true); // a fader being dragged, text being typed
    EXPECT_FALSE(pacer.thrifty());
    pacer.frameStarted(kStart);
    EXPECT_EQ(pacer.due(), kStart + FramePacer::kActivePeriod);
}
