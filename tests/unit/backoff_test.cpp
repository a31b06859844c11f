#include <gtest/gtest.h>

#include "hawker/capture/backoff.hpp"

using namespace std::chrono_literals;
using hawker::capture::Backoff;
using hawker::capture::BackoffPolicy;

TEST(Backoff, GrowsByTheFactorWithinTheJitterBand) {
    Backoff backoff(BackoffPolicy{2000ms, 1.5, 60000ms, 0.2, 0}, 42);
    double expected = 2000;
    for (int i = 0; i < 6; ++i) {
        const auto delay = backoff.next().count();
        EXPECT_GE(delay, expected * 0.8 - 1) << "attempt " << i;
        EXPECT_LE(delay, expected * 1.2 + 1) << "attempt " << i;
        expected *= 1.5;
    }
    EXPECT_EQ(backoff.attempts(), 6);
}

TEST(Backoff, DelayIsCapped) {
    Backoff backoff(BackoffPolicy{1000ms, 2.0, 5000ms, 0.0, 0}, 1);
    std::vector<long> delays;
    for (int i = 0; i < 8; ++i)
        delays.push_back(backoff.next().count());
    EXPECT_EQ(delays[0], 1000);
    EXPECT_EQ(delays[1], 2000);
    EXPECT_EQ(delays[2], 4000);
    for (size_t i = 3; i < delays.size(); ++i)
        EXPECT_EQ(delays[i], 5000);
}

TEST(Backoff, JitterSpreadsOutputsThatFailedTogether) {
    Backoff a(BackoffPolicy{}, 1), b(BackoffPolicy{}, 2);
    bool differ = false;
    for (int i = 0; i < 4; ++i)
        differ = differ || a.next() != b.next();
    EXPECT_TRUE(differ);
}

TEST(Backoff, StopsAfterMaxRetriesAndResetsAfterSuccess) {
    Backoff backoff(BackoffPolicy{100ms, 2.0, 1000ms, 0.0, 3}, 7);
    EXPECT_GT(backoff.next().count(), 0);
    EXPECT_GT(backoff.next().count(), 0);
    EXPECT_GT(backoff.next().count(), 0);
    EXPECT_TRUE(backoff.exhausted());
    EXPECT_LT(backoff.next().count(), 0);
    backoff.reset();
    EXPECT_FALSE(backoff.exhausted());
    EXPECT_EQ(backoff.next().count(), 100);
}
