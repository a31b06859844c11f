// The loudness meter against the EBU's own reference signal: a 1 kHz sine at
// -23 dBFS in both channels reads -23.0 LUFS momentary, short-term and
// integrated (EBU Tech 3341, case 1), and its true peak is -23 dBTP.

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <memory>
#include <numbers>
#include <vector>

#include "hawker/capture/audio_mixer.hpp"
#include "hawker/capture/loudness_meter.hpp"

using namespace hawker::capture;

namespace {

constexpr int kRate = 48000;

/// `seconds` of a 1 kHz sine at `dbfs` (peak), fed in 1/30 s blocks as the mixer does.
void feedSine(LoudnessMeter& meter, double dbfs, double seconds) {
    const double amplitude = std::pow(10.0, dbfs / 20.0);
    const int block = kRate / 30;
    std::vector<float> left(static_cast<size_t>(block)), right(static_cast<size_t>(block));
    int64_t n = 0;
    for (int fed = 0; fed < static_cast<int>(seconds * kRate); fed += block) {
        for (size_t i = 0; i < left.size(); ++i, ++n)
            left[i] = right[i] = static_cast<float>(
                amplitude * std::sin(2 * std::numbers::pi * 1000.0 * static_cast<double>(n) / kRate));
        meter.add(left.data(), right.data(), block);
    }
}

} // namespace

TEST(LoudnessMeter, TheEbuReferenceSineReadsMinus23Lufs) {
    LoudnessMeter meter(kRate);
    feedSine(meter, -23.0, 20.0);
    const LoudnessReading r = meter.reading();
    ASSERT_TRUE(r.momentaryLufs && r.shortTermLufs && r.integratedLufs);
    EXPECT_NEAR(*r.momentaryLufs, -23.0, 0.1);
    EXPECT_NEAR(*r.shortTermLufs, -23.0, 0.1);
    EXPECT_NEAR(*r.integratedLufs, -23.0, 0.1);
    ASSERT_TRUE(r.truePeakDbfs && r.maxTruePeakDbfs);
    EXPECT_NEAR(*r.truePeakDbfs, -23.0, 0.3);
    EXPECT_NEAR(*r.maxTruePeakDbfs, -23.0, 0.3);
}

TEST(LoudnessMeter, SilenceHasNoFigures) {
    LoudnessMeter meter(kRate);
    EXPECT_FALSE(meter.reading().integratedLufs) << "nothing measured yet";
    std::vector<float> zeros(kRate / 30, 0.0f);
    for (int i = 0; i < 120; ++i)
        meter.add(zeros.data(), zeros.data(), static_cast<int>(zeros.size()));
    const LoudnessReading r = meter.reading();
    EXPECT_FALSE(r.momentaryLufs);
    EXPECT_FALSE(r.integratedLufs);
    EXPECT_FALSE(r.truePeakDbfs);
}

TEST(LoudnessMeter, ALouderPassageRaisesTheMaximumPeakButTheLastPeakFollowsTheSignal) {
    LoudnessMeter meter(kRate);
    feedSine(meter, -6.0, 1.0);
    feedSine(meter, -30.0, 5.0);
    const LoudnessReading r = meter.reading();
    ASSERT_TRUE(r.truePeakDbfs && r.maxTruePeakDbfs && r.shortTermLufs);
    EXPECT_NEAR(*r.maxTruePeakDbfs, -6.0, 0.3);
    EXPECT_NEAR(*r.truePeakDbfs, -30.0, 0.3);
    EXPECT_NEAR(*r.shortTermLufs, -30.0, 0.2) << "the 3 s window holds only the quiet passage";
}

TEST(AudioMixer, MetersEachInputAfterItsFaderAndTheProgramMix) {
    AudioMixer mixer(kRate);
    auto ring = std::make_shared<AudioRing>(kRate, static_cast<size_t>(kRate) * 2, false);
    ChannelSettings fader;
    fader.gainDb = -6.0f;
    mixer.addChannel("mic", 0, ring, fader);
    const int block = kRate / 30;
    std::vector<float> tone(static_cast<size_t>(block)), left(tone.size()), right(tone.size());
    const double amplitude = std::pow(10.0, -17.0 / 20.0);
    int64_t n = 0;
    for (int tick = 0; tick < 30 * 6; ++tick) {
        for (size_t i = 0; i < tone.size(); ++i, ++n)
            tone[i] = static_cast<float>(
                amplitude * std::sin(2 * std::numbers::pi * 1000.0 * static_cast<double>(n) / kRate));
        std::atomic<bool> abort{false};
        ring->write(tone.data(), tone.data(), block, n - block, abort);
        mixer.mix(left.data(), right.data(), block, {}, false, std::chrono::milliseconds(100));
    }
    const auto stats = mixer.stats();
    ASSERT_EQ(stats.size(), 1u);
    ASSERT_TRUE(stats[0].loudness.integratedLufs);
    EXPECT_NEAR(*stats[0].loudness.integratedLufs, -23.0, 0.2) << "-17 dBFS through a -6 dB fader";
    const LoudnessReading program = mixer.program().loudness;
    ASSERT_TRUE(program.integratedLufs);
    EXPECT_NEAR(*program.integratedLufs, -23.0, 0.2);
}
