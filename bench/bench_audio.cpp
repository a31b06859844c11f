// Micro-benchmark of the sound desk, one program tick at a time (1600 samples:
// 48 kHz at 30 fps): the metering alone (EBU R128 momentary, short-term,
// integrated and true peak) for 4 inputs and, apart, for the program; and a
// whole mix of 4 strips (delay, gate, fader, meter) through the program's limiter.
// Prints key=value lines for bench/audio.sh; times are medians over N ticks.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <numbers>
#include <vector>

#include "bench_timing.hpp"
#include "hawker/capture/audio_mixer.hpp"
#include "hawker/capture/loudness_meter.hpp"

using namespace hawker::capture;
using hawker::bench::measure;
using hawker::bench::Timing;

namespace {

constexpr int kRate = 48000;
constexpr int kTick = kRate / 30;
constexpr int kInputs = 4;

/// A second of each input's sound, made before the clock starts (so the
/// timings are the desk's, not std::sin's): a tone of its own pitch at a
/// speech-like level. Tick n reads second-long buffers at tick n % 30.
std::vector<std::vector<float>> makeTones() {
    std::vector<std::vector<float>> tones;
    for (int input = 0; input < kInputs; ++input) {
        const double frequency = 220.0 * (input + 1);
        std::vector<float> tone(static_cast<size_t>(kRate));
        for (int s = 0; s < kRate; ++s)
            tone[static_cast<size_t>(s)] =
                static_cast<float>(0.2 * std::sin(2 * std::numbers::pi * frequency * s / kRate));
        tones.push_back(std::move(tone));
    }
    return tones;
}

const float* slice(const std::vector<std::vector<float>>& tones, int input, int n) {
    return tones[static_cast<size_t>(input)].data() + static_cast<size_t>(n % 30) * kTick;
}

} // namespace

int main(int argc, char** argv) {
    const int ticks = argc > 1 ? std::max(100, std::atoi(argv[1])) : 1800; // a minute of program
    const std::vector<std::vector<float>> tones = makeTones();

    // The metering alone: the 4 inputs' meters (the budget's figure), and the program's.
    {
        std::vector<std::unique_ptr<LoudnessMeter>> meters;
        for (int i = 0; i <= kInputs; ++i)
            meters.push_back(std::make_unique<LoudnessMeter>(kRate));
        const Timing inputs = measure(ticks, [&](int n) {
            for (int i = 0; i < kInputs; ++i)
                meters[static_cast<size_t>(i)]->add(slice(tones, i, n), slice(tones, i, n), kTick);
        });
        hawker::bench::print("meter_4_inputs_ms", inputs, 4);
        const Timing program =
            measure(ticks, [&](int n) { meters.back()->add(slice(tones, 0, n), slice(tones, 1, n), kTick); });
        hawker::bench::print("meter_program_ms", program, 4);
    }

    // A whole mix: 4 strips with a delay and a gate each, metered, through the limiter.
    {
        AudioMixer mixer(kRate);
        std::vector<std::shared_ptr<AudioRing>> rings;
        for (int i = 0; i < kInputs; ++i) {
            rings.push_back(std::make_shared<AudioRing>(kRate, static_cast<size_t>(kRate), false));
            ChannelSettings strip;
            strip.delayMs = 40 * (i + 1);
            strip.gate = true;
            strip.gateThresholdDb = -45;
            strip.gainDb = 6; // hot enough for the limiter to work
            mixer.addChannel("in" + std::to_string(i), i, rings.back(), strip);
        }
        std::vector<float> left(kTick), right(kTick);
        std::atomic<bool> abort{false};
        const Timing t = measure(ticks, [&](int n) {
            for (int i = 0; i < kInputs; ++i)
                rings[static_cast<size_t>(i)]->write(slice(tones, i, n), slice(tones, i, n), kTick,
                                                     int64_t{n} * kTick, abort);
            mixer.mix(left.data(), right.data(), kTick, {}, false, std::chrono::milliseconds(0));
        });
        hawker::bench::print("mix_4_inputs_ms", t, 4);
        std::printf("limiter_max_reduction_db=%.2f\n", mixer.program().limiterMaxReductionDb);
    }
    std::printf("ticks=%d\nsamples_per_tick=%d\n", ticks, kTick);
    return 0;
}
