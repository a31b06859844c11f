// The simulator's random numbers: reproducible from a seed, inside their
// ranges, and with the means the audience model relies on.

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "hawker/studio/analytics/seeded_random.hpp"

using namespace hawker::studio;

TEST(SeededRandom, TheSameSeedGivesTheSameSequenceAndAnotherSeedAnother) {
    SeededRandom a(42), b(42), c(43);
    std::vector<uint64_t> first, second, other;
    for (int i = 0; i < 100; ++i) {
        first.push_back(a.next());
        second.push_back(b.next());
        other.push_back(c.next());
    }
    EXPECT_EQ(first, second);
    EXPECT_NE(first, other);
}

TEST(SeededRandom, ASeedOfZeroStillGivesNumbers) {
    SeededRandom zero(0);
    uint64_t ored = 0;
    for (int i = 0; i < 8; ++i)
        ored |= zero.next();
    EXPECT_NE(ored, 0u);
}

TEST(SeededRandom, DrawsStayInTheirRanges) {
    SeededRandom random(7);
    for (int i = 0; i < 10000; ++i) {
        const double u = random.uniform();
        EXPECT_GE(u, 0.0);
        EXPECT_LT(u, 1.0);
        const int64_t n = random.uniformInt(-3, 3);
        EXPECT_GE(n, -3);
        EXPECT_LE(n, 3);
        EXPECT_GE(random.poisson(50), 0);
    }
    EXPECT_EQ(random.uniformInt(5, 5), 5);
    EXPECT_EQ(random.uniformInt(5, 2), 5) << "an empty range gives its low end";
    EXPECT_EQ(random.poisson(0), 0);
    EXPECT_EQ(random.poisson(-1), 0);
}

TEST(SeededRandom, MeansAreWhatTheModelAssumes) {
    SeededRandom random(11);
    const int n = 20000;
    double exponential = 0, normal = 0, normalSquares = 0, smallPoisson = 0, largePoisson = 0;
    for (int i = 0; i < n; ++i) {
        exponential += random.exponential();
        const double z = random.normal();
        normal += z;
        normalSquares += z * z;
        smallPoisson += static_cast<double>(random.poisson(4));
        largePoisson += static_cast<double>(random.poisson(100));
    }
    EXPECT_NEAR(exponential / n, 1.0, 0.05);
    EXPECT_NEAR(normal / n, 0.0, 0.05);
    EXPECT_NEAR(normalSquares / n, 1.0, 0.05);
    EXPECT_NEAR(smallPoisson / n, 4.0, 0.1);
    EXPECT_NEAR(largePoisson / n, 100.0, 0.5);
}
