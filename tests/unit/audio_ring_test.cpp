#include <gtest/gtest.h>

#include <numeric>

#include "hawker/capture/audio_mixer.hpp"
#include "hawker/capture/audio_ring.hpp"

using namespace hawker::capture;
using namespace std::chrono_literals;

namespace {
std::atomic<bool> kNoAbort{false};

/// Writes `count` samples whose value is their own source sample number.
void writeRamp(AudioRing& ring, int64_t start, int count) {
    std::vector<float> data(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        data[static_cast<size_t>(i)] = static_cast<float>(start + i);
    ring.write(data.data(), data.data(), count, start, kNoAbort);
}
} // namespace

TEST(AudioRing, ReadsWhatWasWrittenInOrder) {
    AudioRing ring(48000, 4800, false);
    writeRamp(ring, 0, 1000);
    std::vector<float> l(600), r(600);
    const auto got = ring.read(l.data(), r.data(), 600, std::nullopt, 0, 0ms);
    EXPECT_EQ(got.fromSource, 600);
    EXPECT_EQ(l[0], 0);
    EXPECT_EQ(l[599], 599);
    EXPECT_EQ(ring.buffered(), 400u);
}

TEST(AudioRing, UnderflowIsFilledWithSilenceAndCounted) {
    AudioRing ring(48000, 4800, false);
    writeRamp(ring, 0, 100);
    std::vector<float> l(300, 9), r(300, 9);
    const auto got = ring.read(l.data(), r.data(), 300, std::nullopt, 0, 0ms);
    EXPECT_EQ(got.fromSource, 100);
    EXPECT_EQ(got.silence, 200);
    EXPECT_EQ(l[299], 0);
}

TEST(AudioRing, AlignmentSkipsAudioThatIsBehindTheVideo) {
    AudioRing ring(48000, 48000, false);
    writeRamp(ring, 1000, 5000);
    std::vector<float> l(100), r(100);
    // The picture on air is at sample 3000: audio before it is dropped.
    const auto got = ring.read(l.data(), r.data(), 100, int64_t{3000}, 10, 0ms);
    EXPECT_EQ(got.dropped, 2000);
    EXPECT_EQ(l[0], 3000);
}

TEST(AudioRing, AlignmentPadsWhenAudioIsFarAheadAndToleratesSmallOffsets) {
    AudioRing ring(48000, 48000, false);
    writeRamp(ring, 3000, 5000);
    std::vector<float> l(2100), r(2100);
    // 2000 samples (42 ms) ahead of the picture: more than a live ring takes up by playing slower.
    const auto ahead = ring.read(l.data(), r.data(), 2100, int64_t{1000}, 10, 0ms);
    EXPECT_EQ(ahead.silence, 2000);
    EXPECT_EQ(l[1999], 0);
    EXPECT_EQ(l[2000], 3000);
    // Within tolerance: no correction, no click.
    const auto close = ring.read(l.data(), r.data(), 100, int64_t{3095}, 10, 0ms);
    EXPECT_EQ(close.dropped, 0);
    EXPECT_EQ(close.silence, 0);
    EXPECT_EQ(close.stretched, 0);
    EXPECT_EQ(l[0], 3100);
}

/// Reads a 48 kHz live ring tick by tick (1600 samples, 30 fps) with the picture's alignment
/// `offset` samples from where the sound is, until it is within the tolerance (20 ms); checks that
/// no read skipped or padded and that the sound runs on without a step. Returns the reads it took.
int ticksToTakeUp(int64_t offset) {
    constexpr int kTick = 1600, kTolerance = 960;
    AudioRing ring(48000, 96000, false);
    writeRamp(ring, 0, 90000);
    std::vector<float> l(kTick), r(kTick);
    float last = -1;
    for (int tick = 0; tick < 100; ++tick) {
        const int64_t align = tick * kTick - offset;
        const auto got = ring.read(l.data(), r.data(), kTick, align, kTolerance, 0ms);
        EXPECT_EQ(got.dropped, 0) << "tick " << tick;
        EXPECT_EQ(got.silence, 0) << "tick " << tick;
        // A ramp stretched by 0.5 % moves 0.995 to 1.005 a sample (a float holds 32768 to 1/256):
        // no gap, no jump.
        for (int i = 0; i < kTick; ++i) {
            EXPECT_LE(l[static_cast<size_t>(i)] - last, 1.015f) << "tick " << tick << " sample " << i;
            EXPECT_GT(l[static_cast<size_t>(i)] - last, 0.985f) << "tick " << tick << " sample " << i;
            last = l[static_cast<size_t>(i)];
        }
        if (got.stretched == 0) return tick;
        EXPECT_EQ(got.stretched, offset < 0 ? 8 : -8) << "tick " << tick;
    }
    return -1;
}

TEST(AudioRing, ALiveRingTakesUpASmallOffsetBySpeedNotByAGap) {
    // The pictures' hold stepped, or a camera's clock drifted: the sound 25 ms behind its
    // alignment plays 0.5 % faster, 8 samples a tick, until within 20 ms (240 samples: 30 ticks).
    EXPECT_EQ(ticksToTakeUp(-1200), 30);
    // 25 ms ahead: 0.5 % slower.
    EXPECT_EQ(ticksToTakeUp(1200), 30);
}

TEST(AudioRing, LiveRingDropsOldestWhenFull) {
    AudioRing ring(48000, 1000, false);
    writeRamp(ring, 0, 1500);
    EXPECT_LE(ring.buffered(), 1000u);
    std::vector<float> l(10), r(10);
    ring.read(l.data(), r.data(), 10, std::nullopt, 0, 0ms);
    EXPECT_GT(l[0], 0); // the oldest samples went first
}

TEST(AudioRing, AJumpInTheSourceClockRebases) {
    AudioRing ring(48000, 48000, false);
    writeRamp(ring, 0, 100);
    writeRamp(ring, 96000, 100); // two seconds later: a reconnect
    std::vector<float> l(100), r(100);
    ring.read(l.data(), r.data(), 100, std::nullopt, 0, 0ms);
    EXPECT_EQ(l[0], 96000);
}

TEST(AudioMixer, GainMuteAndClippingWithTheLimiterOff) {
    auto a = std::make_shared<AudioRing>(48000, 4800, false);
    auto b = std::make_shared<AudioRing>(48000, 4800, false);
    std::vector<float> half(1000, 0.5f);
    a->write(half.data(), half.data(), 1000, 0, kNoAbort);
    b->write(half.data(), half.data(), 1000, 0, kNoAbort);
    AudioMixer mixer(48000);
    mixer.setLimiter(false);
    ChannelSettings halfGain;
    halfGain.gainDb = -6.0206f; // half amplitude
    ChannelSettings muted;
    muted.muted = true;
    mixer.addChannel("a", 0, a, halfGain);
    mixer.addChannel("b", 1, b, muted);
    // The program comes out the limiter's look-ahead late, switched off or not.
    const auto latency = static_cast<size_t>(mixer.latencySamples());
    ASSERT_GT(latency, 0u);
    std::vector<float> l(300), r(300);
    mixer.mix(l.data(), r.data(), 300, {}, false, 0ms);
    EXPECT_FLOAT_EQ(l[latency - 1], 0.0f);
    EXPECT_NEAR(l[latency + 10], 0.25f, 1e-3);
    ChannelSettings loud;
    loud.gainDb = 12.0f;
    mixer.configure("b", loud);
    mixer.mix(l.data(), r.data(), 300, {}, false, 0ms);
    EXPECT_FLOAT_EQ(l[latency + 10], 1.0f); // clipped, not wrapped
    const auto stats = mixer.stats();
    ASSERT_EQ(stats.size(), 2u);
    EXPECT_GT(stats[1].peak, 1.0f);
    EXPECT_EQ(stats[1].overTicks, 1) << "b went over full scale after its fader once";
    EXPECT_EQ(mixer.program().overTicks, 1) << "with the limiter off the mix clipped";
    EXPECT_FALSE(mixer.program().limiter);
}
