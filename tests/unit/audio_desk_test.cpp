// The sound desk's stages: the lip-sync delay, the noise gate, the program's
// true-peak limiter (checked with libebur128's own true-peak meter), and the
// mixer's solo bus and strips added and removed while it runs.

#include <ebur128.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "hawker/capture/audio_delay_line.hpp"
#include "hawker/capture/audio_mixer.hpp"
#include "hawker/capture/loudness_meter.hpp"
#include "hawker/capture/noise_gate.hpp"
#include "hawker/capture/true_peak.hpp"
#include "hawker/capture/true_peak_limiter.hpp"

using namespace hawker::capture;
using namespace std::chrono_literals;

namespace {

constexpr int kRate = 48000;

std::vector<float> sine(double frequency, double amplitude, int count, double phase = 0) {
    std::vector<float> out(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        out[static_cast<size_t>(i)] =
            static_cast<float>(amplitude * std::sin(2 * std::numbers::pi * frequency * i / kRate + phase));
    return out;
}

float peakOf(const std::vector<float>& samples, size_t from = 0, size_t to = SIZE_MAX) {
    float peak = 0;
    for (size_t i = from; i < std::min(to, samples.size()); ++i)
        peak = std::max(peak, std::fabs(samples[i]));
    return peak;
}

} // namespace

TEST(AudioDelayLine, AnImpulseComesOutExactlyTheDelayLater) {
    AudioDelayLine delay(kRate, 500);
    delay.setDelayMs(200);
    std::vector<float> l(kRate / 2, 0.0f), r(l.size(), 0.0f);
    l[100] = 1.0f;
    r[100] = -1.0f;
    // In two blocks of unequal size: the delay is carried across calls. Set
    // before the first sound, it applies from the first sample (no fade from 0 ms).
    delay.process(l.data(), r.data(), 1000);
    delay.process(l.data() + 1000, r.data() + 1000, static_cast<int>(l.size()) - 1000);
    const size_t expected = 100 + kRate / 5;
    // The cross-fade from 0 ms lasts 10 ms, long over before the impulse leaves.
    EXPECT_FLOAT_EQ(l[expected], 1.0f);
    EXPECT_FLOAT_EQ(r[expected], -1.0f);
    EXPECT_FLOAT_EQ(peakOf(l, 0, expected), 0.0f);
    EXPECT_FLOAT_EQ(peakOf(l, expected + 1), 0.0f);
}

TEST(AudioDelayLine, IsClampedToItsLongestAndChangesWithoutAJump) {
    AudioDelayLine delay(kRate, 500);
    delay.setDelayMs(900);
    EXPECT_EQ(delay.delayMs(), 500);
    delay.setDelayMs(-5);
    EXPECT_EQ(delay.delayMs(), 0);
    // A steady tone, then the delay moves by 50 ms: no sample may step by
    // more than the tone itself ever does between two samples.
    std::vector<float> l = sine(100, 0.5, kRate), r = l;
    delay.process(l.data(), r.data(), kRate / 2);
    delay.setDelayMs(50);
    delay.process(l.data() + kRate / 2, r.data() + kRate / 2, kRate / 2);
    const float steepest = static_cast<float>(0.5 * 2 * std::numbers::pi * 100 / kRate);
    float worst = 0;
    for (size_t i = 1; i < l.size(); ++i)
        worst = std::max(worst, std::fabs(l[i] - l[i - 1]));
    EXPECT_LT(worst, 4 * steepest) << "the change is cross-faded, never a click";
}

TEST(NoiseGate, ShutsOnRoomNoiseAndOpensAtOnceForSpeech) {
    NoiseGate gate(kRate);
    gate.configure(true, -40.0f);
    // Half a second of hum at -60 dBFS: shut after the hold and release.
    std::vector<float> hum = sine(50, 0.001, kRate / 2), humR = hum;
    gate.process(hum.data(), humR.data(), static_cast<int>(hum.size()));
    EXPECT_FALSE(gate.open());
    EXPECT_LT(peakOf(hum, hum.size() - 1000), 0.001f * 0.002f) << "60 dB down";
    // A voice at -12 dBFS: through within 1 ms (48 samples).
    std::vector<float> voice = sine(300, 0.25, kRate / 10), voiceR = voice;
    gate.process(voice.data(), voiceR.data(), static_cast<int>(voice.size()));
    EXPECT_TRUE(gate.open());
    const std::vector<float> clean = sine(300, 0.25, kRate / 10);
    for (size_t i = 60; i < voice.size(); ++i)
        ASSERT_FLOAT_EQ(voice[i], clean[i]) << "sample " << i << " is not passed unchanged";
}

TEST(NoiseGate, SwitchedOffPassesEverything) {
    NoiseGate gate(kRate);
    gate.configure(false, -20.0f);
    std::vector<float> hum = sine(50, 0.001, kRate / 2), humR = hum;
    const std::vector<float> clean = hum;
    gate.process(hum.data(), humR.data(), static_cast<int>(hum.size()));
    EXPECT_TRUE(gate.open());
    EXPECT_EQ(hum, clean);
}

TEST(TruePeakLimiter, KeepsAHotSignalUnderMinusOneDbtpOnLibebur128sMeter) {
    // +6 dBFS of a 997 Hz tone plus a tone near the top of the band, whose
    // peaks fall between the samples: the case a sample-peak limiter misses.
    TruePeakLimiter limiter(kRate, kLimiterCeilingDbtp);
    std::vector<float> l = sine(997, 1.4, kRate * 3), high = sine(11025, 0.6, kRate * 3, 0.3);
    for (size_t i = 0; i < l.size(); ++i)
        l[i] += high[i];
    std::vector<float> r = l;
    LoudnessMeter meter(kRate);
    const int block = kRate / 30;
    for (size_t at = 0; at + block <= l.size(); at += block) {
        limiter.process(l.data() + at, r.data() + at, block);
        meter.add(l.data() + at, r.data() + at, block);
    }
    const LoudnessReading reading = meter.reading();
    ASSERT_TRUE(reading.maxTruePeakDbfs);
    EXPECT_LE(*reading.maxTruePeakDbfs, -1.0) << "true peak after the limiter";
    EXPECT_GT(*reading.maxTruePeakDbfs, -3.0) << "limited, not crushed";
    EXPECT_LT(limiter.maxReductionDb(), -6.0f);
}

TEST(TruePeakLimiter, LeavesAQuietSignalExactlyAsItWasOnlyLater) {
    TruePeakLimiter limiter(kRate, kLimiterCeilingDbtp);
    const std::vector<float> clean = sine(440, 0.5, kRate); // -6 dBFS: under the ceiling
    std::vector<float> l = clean, r = clean;
    limiter.process(l.data(), r.data(), static_cast<int>(l.size()));
    const auto latency = static_cast<size_t>(limiter.latencySamples());
    EXPECT_EQ(latency, static_cast<size_t>(kRate / 500)) << "2 ms";
    for (size_t i = latency; i < l.size(); ++i)
        ASSERT_FLOAT_EQ(l[i], clean[i - latency]) << "sample " << i;
    EXPECT_FLOAT_EQ(limiter.reductionDb(), 0.0f);
    EXPECT_FLOAT_EQ(limiter.maxReductionDb(), 0.0f);
}

TEST(AudioMixer, SoloFeedsTheMonitorEvenMutedAndLeavesTheProgramAlone) {
    auto mic = std::make_shared<AudioRing>(kRate, kRate, false);
    auto music = std::make_shared<AudioRing>(kRate, kRate, false);
    std::atomic<bool> abort{false};
    const std::vector<float> voice = sine(300, 0.1, kRate / 2), song = sine(1000, 0.1, kRate / 2);
    mic->write(voice.data(), voice.data(), kRate / 2, 0, abort);
    music->write(song.data(), song.data(), kRate / 2, 0, abort);
    AudioMixer mixer(kRate);
    ChannelSettings mutedSolo;
    mutedSolo.muted = true;
    mutedSolo.solo = true;
    mixer.addChannel("mic", 0, mic, mutedSolo);
    mixer.addChannel("music", 1, music, ChannelSettings{});
    std::vector<float> l(kRate / 2), r(l.size());
    mixer.mix(l.data(), r.data(), kRate / 2, {}, false, 0ms);
    // The program is the music alone, two ms late.
    const auto latency = static_cast<size_t>(mixer.latencySamples());
    for (size_t i = latency; i < l.size(); i += 997)
        ASSERT_NEAR(l[i], song[i - latency], 1e-6) << "sample " << i;
    const ProgramMixStats program = mixer.program();
    EXPECT_EQ(program.soloed, std::vector<std::string>{"mic"});
    ASSERT_TRUE(program.monitor && program.monitor->momentaryLufs);
    // The monitor hears the muted microphone: a 300 Hz tone peaking at -20 dBFS
    // in both channels reads about -20.7 LUFS (as 1 kHz at -23 dBFS reads -23).
    EXPECT_NEAR(*program.monitor->momentaryLufs, -20.7, 0.5);
    ASSERT_EQ(mixer.stats().size(), 2u);
    EXPECT_FALSE(mixer.stats()[0].loudness.momentaryLufs) << "muted: it adds nothing to the program";
}

TEST(AudioMixer, StripsComeAndGoAndADelayFollowsItsSetting) {
    AudioMixer mixer(kRate);
    mixer.setLimiter(false);
    auto ring = std::make_shared<AudioRing>(kRate, kRate, false);
    std::atomic<bool> abort{false};
    std::vector<float> click(kRate / 2, 0.0f);
    click[0] = 0.5f;
    ring->write(click.data(), click.data(), static_cast<int>(click.size()), 0, abort);
    ChannelSettings late;
    late.delayMs = 100;
    mixer.addChannel("cam5", 7, ring, late);
    ASSERT_EQ(mixer.channelCount(), 1u);
    std::vector<float> l(kRate / 4), r(l.size());
    int asked = -1;
    mixer.mix(
        l.data(), r.data(), static_cast<int>(l.size()),
        [&](int key) -> std::optional<int64_t> {
            asked = key;
            return std::nullopt;
        },
        false, 0ms);
    EXPECT_EQ(asked, 7) << "the strip is aligned by its caller's key";
    const size_t expected = static_cast<size_t>(kRate / 10 + mixer.latencySamples());
    EXPECT_FLOAT_EQ(l[expected], 0.5f);
    EXPECT_FLOAT_EQ(peakOf(l, 0, expected), 0.0f);
    EXPECT_EQ(mixer.stats()[0].settings.delayMs, 100);
    mixer.removeChannel("cam5");
    EXPECT_EQ(mixer.channelCount(), 0u);
    EXPECT_TRUE(mixer.stats().empty());
}

TEST(AudioMixer, AnAudioOnlyLiveInputLateByAFewMillisecondsPlaysOnWithoutAGap) {
    // A microphone's sound comes in its device's rhythm, not the tick's. It arrives just in time
    // for the first tick, then 2 ms late for the third: played as soon as it came, that tick would
    // have 2 ms of silence cut into it and the rest of the sound would follow 2 ms late.
    AudioMixer mixer(kRate);
    mixer.setLimiter(false);
    auto ring = std::make_shared<AudioRing>(kRate, kRate, false);
    std::atomic<bool> abort{false};
    constexpr int kTick = kRate / 30;
    const std::vector<float> tone = sine(440, 0.25, kTick * 6);
    mixer.addChannel("mic", 0, ring, ChannelSettings{});
    std::vector<float> out, l(kTick), r(kTick);
    int written = 0;
    const auto arrive = [&](int count) {
        ring->write(tone.data() + written, tone.data() + written, count, written, abort);
        written += count;
    };
    const auto tick = [&] {
        mixer.mix(l.data(), r.data(), kTick, {}, true, 0ms);
        out.insert(out.end(), l.begin(), l.end());
    };
    arrive(kTick);
    tick(); // one tick in hand is not enough margin: it waits, silent
    arrive(kTick);
    tick();
    arrive(kTick - kRate / 500); // 2 ms short
    tick();
    arrive(kRate / 500 + kTick);
    tick();
    const auto latency = static_cast<size_t>(mixer.latencySamples());
    // The first tick silent; from the second on, the tone from its first sample, without a break.
    EXPECT_FLOAT_EQ(peakOf(out, 0, kTick + latency), 0.0f);
    for (size_t i = kTick + latency; i < out.size(); ++i)
        ASSERT_NEAR(out[i], tone[i - kTick - latency], 1e-6) << "sample " << i;
    EXPECT_EQ(mixer.stats()[0].silenceSamples, kTick) << "only the first tick waited";
}

TEST(TruePeakDetector, FindsThePeaksBetweenSamplesAsLibebur128Does) {
    // A tone at a quarter of the rate, sampled 45 degrees off its crests: every
    // sample is 3 dB under the waveform's peak. Plus a low tone, so the peaks move.
    const int count = kRate * 2;
    std::vector<float> signal(static_cast<size_t>(count));
    std::vector<float> interleaved(2 * signal.size());
    for (int i = 0; i < count; ++i) {
        const double t = static_cast<double>(i) / kRate;
        signal[static_cast<size_t>(i)] =
            static_cast<float>(0.5 * std::sin(2 * std::numbers::pi * 12000 * t + std::numbers::pi / 4) +
                               0.2 * std::sin(2 * std::numbers::pi * 997 * t));
        interleaved[2 * static_cast<size_t>(i)] = interleaved[2 * static_cast<size_t>(i) + 1] =
            signal[static_cast<size_t>(i)];
    }
    ebur128_state* state = ebur128_init(2, kRate, EBUR128_MODE_TRUE_PEAK);
    ASSERT_NE(state, nullptr);
    ebur128_add_frames_float(state, interleaved.data(), signal.size());
    double reference = 0;
    ebur128_true_peak(state, 0, &reference);
    ebur128_destroy(&state);

    TruePeakDetector detector;
    std::vector<float> peaks(1600);
    float highest = 0;
    for (int at = 0; at + 1600 <= count; at += 1600)
        highest =
            std::max(highest, detector.peaks(signal.data() + at, signal.data() + at, 1600, peaks.data()));
    const double ours = 20 * std::log10(highest), theirs = 20 * std::log10(reference);
    EXPECT_NEAR(ours, theirs, 0.1) << "ours " << ours << " dBTP, libebur128 " << theirs;
    EXPECT_GT(ours, 20 * std::log10(peakOf(signal)) + 2.0) << "well above the sample peak";
}

TEST(TruePeakDetector, AnswersEightSamplesLate) {
    TruePeakDetector detector;
    std::vector<float> impulse(64, 0.0f), peaks(64);
    impulse[10] = 0.5f;
    detector.peaks(impulse.data(), impulse.data(), 64, peaks.data());
    EXPECT_FLOAT_EQ(peaks[10 + TruePeakDetector::kDelay], 0.5f);
    EXPECT_LT(peaks[10 + TruePeakDetector::kDelay - 3], 0.5f);
}
