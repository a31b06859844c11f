#include <gtest/gtest.h>

#include "hawker/studio/engine/program_load.hpp"

using hawker::studio::CpuState;
using hawker::studio::ProgramLoad;
using Change = ProgramLoad::Change;

TEST(ProgramLoad, DropsDuringTheWarmUpDoNotCount) {
    ProgramLoad load;
    EXPECT_EQ(load.update(0, 0, std::nullopt), Change::None);
    EXPECT_EQ(load.update(1000, 12, 0.99), Change::None);
    EXPECT_EQ(load.update(4000, 20, 0.99), Change::None);
    EXPECT_FALSE(load.shortOfCpu());
    // The first second after the warm-up compares with the last count seen: no new drop.
    EXPECT_EQ(load.update(5000, 20, 0.99), Change::None);
    EXPECT_FALSE(load.shortOfCpu());
}

TEST(ProgramLoad, ADropAfterTheWarmUpMakesItShortOfCpu) {
    ProgramLoad load;
    load.update(5000, 0, 0.5);
    EXPECT_EQ(load.update(6000, 3, 0.9), Change::ShortOfCpu);
    EXPECT_TRUE(load.shortOfCpu());
    EXPECT_EQ(load.droppedLately(), 3u);
    // More drops change nothing further.
    EXPECT_EQ(load.update(7000, 5, 0.9), Change::None);
    EXPECT_TRUE(load.shortOfCpu());
}

TEST(ProgramLoad, EasesOnlyAfterACalmSpellWithCpuToSpare) {
    ProgramLoad load;
    load.update(5000, 0, 0.5);
    ASSERT_EQ(load.update(6000, 1, 0.9), Change::ShortOfCpu);
    // No drops since 6 s, but not yet 30 s of them.
    EXPECT_EQ(load.update(35000, 1, 0.2), Change::None);
    // 30 s without a drop, but the cores are busy: the fuller decode would not fit.
    EXPECT_EQ(load.update(36000, 1, 0.9), Change::None);
    EXPECT_EQ(load.update(37000, 1, std::nullopt), Change::None);
    EXPECT_TRUE(load.shortOfCpu());
    // Room at last.
    EXPECT_EQ(load.update(38000, 1, 0.5), Change::Eased);
    EXPECT_FALSE(load.shortOfCpu());
}

TEST(ProgramLoad, ANewDropRestartsTheCalmSpell) {
    ProgramLoad load;
    load.update(5000, 0, 0.5);
    ASSERT_EQ(load.update(6000, 1, 0.9), Change::ShortOfCpu);
    EXPECT_EQ(load.update(30000, 2, 0.9), Change::None); // dropped again at 30 s
    EXPECT_EQ(load.update(50000, 2, 0.5), Change::None); // 20 s calm only
    EXPECT_EQ(load.update(60000, 2, 0.5), Change::Eased);
    // And a drop after easing makes it short again.
    EXPECT_EQ(load.update(61000, 4, 0.9), Change::ShortOfCpu);
}

TEST(ProgramLoad, ALiveShowStartsProgramFirstAndEasesAfterACleanWarmUpWithRoom) {
    ProgramLoad load(ProgramLoad::Start::ProgramFirst);
    EXPECT_TRUE(load.shortOfCpu());
    EXPECT_EQ(load.state(), CpuState::StartingProgramFirst) << "short by rule, not by a drop";
    EXPECT_EQ(load.update(0, 0, std::nullopt), Change::None);
    EXPECT_EQ(load.update(4000, 0, 0.3), Change::None);
    EXPECT_TRUE(load.shortOfCpu());
    EXPECT_EQ(load.state(), CpuState::StartingProgramFirst);
    EXPECT_EQ(load.update(5000, 0, 0.5), Change::Eased);
    EXPECT_EQ(load.state(), CpuState::Room);
    // From there on, the usual rule.
    EXPECT_EQ(load.update(6000, 2, 0.9), Change::ShortOfCpu);
}

TEST(ProgramLoad, AWarmUpThatDroppedOrFilledTheCoresKeepsItProgramFirst) {
    {
        ProgramLoad load(ProgramLoad::Start::ProgramFirst);
        load.update(1000, 3, 0.5); // a drop in the warm-up, even program-first
        EXPECT_EQ(load.update(5000, 3, 0.5), Change::KeptShort);
        EXPECT_TRUE(load.shortOfCpu());
        EXPECT_NE(load.state(), CpuState::StartingProgramFirst)
            << "short now because the warm-up dropped: a warning";
        // The calm spell starts at the warm-up's end: not eased before 35 s.
        EXPECT_EQ(load.update(34000, 3, 0.5), Change::None);
        EXPECT_EQ(load.update(35000, 3, 0.5), Change::Eased);
    }
    {
        ProgramLoad load(ProgramLoad::Start::ProgramFirst);
        EXPECT_EQ(load.update(5000, 0, 0.9), Change::KeptShort); // no drop, but no room for more decoding
        EXPECT_TRUE(load.shortOfCpu());
        EXPECT_EQ(load.update(40000, 0, 0.9), Change::None);
        EXPECT_EQ(load.update(41000, 0, 0.6), Change::Eased);
    }
    {
        ProgramLoad load(ProgramLoad::Start::ProgramFirst);
        EXPECT_EQ(load.update(5000, 0, std::nullopt), Change::KeptShort); // the share unknown: no room shown
        EXPECT_TRUE(load.shortOfCpu());
    }
}
