#include <gtest/gtest.h>

#include "hawker/studio/engine/program_clock.hpp"

using hawker::studio::ProgramClock;
using namespace std::chrono_literals;

TEST(ProgramClock, DeadlinesAccumulateFromTheStartWithoutDrift) {
    const auto start = std::chrono::steady_clock::time_point{} + 1h;
    ProgramClock clock(30, false, start);
    // After an hour of 30 fps the deadline is exactly an hour later: summing
    // 33.333 ms steps would be off by a whole frame by then.
    EXPECT_EQ(clock.deadline(30 * 3600) - start, std::chrono::nanoseconds(3600LL * 1000000000));
    EXPECT_EQ(clock.deadline(1) - start, std::chrono::nanoseconds(33333333));
    EXPECT_EQ(clock.deadline(3) - start, std::chrono::nanoseconds(100000000));
}

TEST(ProgramClock, TickTimesInMillisecondsAndMicroseconds) {
    ProgramClock clock(30, true);
    EXPECT_EQ(clock.tickMs(0), 0);
    EXPECT_EQ(clock.tickMs(1), 33);
    EXPECT_EQ(clock.tickMs(30), 1000);
    EXPECT_EQ(clock.tickUs(45), 1500000);
    ProgramClock pal(25, true);
    EXPECT_EQ(pal.tickMs(1), 40);
}

TEST(ProgramClock, LateMeansMoreThanAWholeFrameBehind) {
    const auto start = std::chrono::steady_clock::now();
    ProgramClock clock(30, false, start);
    EXPECT_FALSE(clock.isLate(10, clock.deadline(10)));
    EXPECT_FALSE(clock.isLate(10, clock.deadline(10) + 30ms));
    EXPECT_TRUE(clock.isLate(10, clock.deadline(10) + 40ms));
    ProgramClock offline(30, true, start);
    EXPECT_FALSE(offline.isLate(10, start + 1h)); // a virtual clock is never late
}

TEST(ProgramClock, WaitingForATickReachesItsDeadline) {
    ProgramClock clock(50, false);
    clock.waitForTick(2);
    EXPECT_GE(std::chrono::steady_clock::now(), clock.deadline(2));
    ProgramClock offline(50, true);
    const auto before = std::chrono::steady_clock::now();
    offline.waitForTick(1000000); // never waits
    EXPECT_LT(std::chrono::steady_clock::now() - before, 1s);
}
