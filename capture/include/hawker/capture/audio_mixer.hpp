#pragma once
// The program's sound desk. Every audio input goes through its own strip:
// lip-sync delay, noise gate, fader and mute; the strips are summed into the
// program's stereo mix, which a true-peak limiter keeps under -1 dBTP before
// the encoder. Each strip is metered after its fader (EBU R128), and so is the
// program as the encoder receives it. Solo sends strips to the monitor bus
// (what the operator hears on headphones) without touching the program; a
// soloed strip is heard even while muted, so a microphone can be checked
// before it is opened.
//
// Threads: mix(), add and remove run on the compositor's thread; settings
// and stats may be read or written from any thread.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "hawker/capture/audio_ring.hpp"
#include "hawker/capture/channel_settings.hpp"
#include "hawker/capture/loudness_meter.hpp"

namespace hawker::capture {

/// The program limiter's ceiling.
inline constexpr float kLimiterCeilingDbtp = -1.0f;

struct MixerChannelStats {
    std::string id;
    ChannelSettings settings;
    bool gateOpen = true;       ///< passing sound (always, with the gate off)
    float peak = 0;             ///< last tick's sample peak after the fader, 0..1+
    int64_t silenceSamples = 0; ///< underflows and sync gaps
    int64_t droppedSamples = 0; ///< skipped to keep lip sync or latency
    int64_t overTicks = 0;      ///< ticks whose peak after the fader reached full scale (0 dBFS)
    LoudnessReading loudness;   ///< after the fader: what the input adds to the mix
};

struct ProgramMixStats {
    LoudnessReading loudness; ///< as the encoder receives it
    bool limiter = true;
    float limiterReductionDb = 0;    ///< now (0 or negative)
    float limiterMaxReductionDb = 0; ///< the deepest since the start
    int64_t overTicks = 0; ///< ticks the mix clipped at full scale (only possible with the limiter off)
    std::vector<std::string> soloed;        ///< the strips on the monitor bus; empty: it carries the program
    std::optional<LoudnessReading> monitor; ///< the monitor bus while something is soloed
};

class AudioMixer {
public:
    /// Where a strip's source should be read from for lip sync: the source
    /// time of its picture on air, in samples; empty for an input without one.
    using AlignFn = std::function<std::optional<int64_t>(int key)>;

    explicit AudioMixer(int sampleRate);
    ~AudioMixer();

    /// Adds a strip; the ring belongs to its source and must outlive the
    /// mixer's use. `key` is the caller's handle for it in AlignFn.
    void addChannel(const std::string& id, int key, std::shared_ptr<AudioRing> ring,
                    const ChannelSettings& settings);
    void removeChannel(const std::string& id);
    /// Unknown ids are ignored. Delay is clamped to 0..kMaxDelayMs.
    void configure(const std::string& id, const ChannelSettings& settings);
    void setLimiter(bool enabled) { m_limiterWanted = enabled; }

    /// Mixes `count` samples into left/right.
    void mix(float* left, float* right, int count, const AlignFn& alignOf, bool live,
             std::chrono::milliseconds wait);

    /// The soloed strips' sum from the last mix(), for the monitor's device; null while nothing is
    /// soloed (the monitor then carries the program). The mixing thread's, valid until the next mix().
    const float* soloLeft() const;
    const float* soloRight() const;

    std::vector<MixerChannelStats> stats() const;
    ProgramMixStats program() const;
    size_t channelCount() const;
    /// How late the program's sound comes out of the mix (the limiter's look-ahead).
    int latencySamples() const;

private:
    struct Channel;
    struct Bus;
    std::shared_ptr<const std::vector<std::shared_ptr<Channel>>> channels() const;

    int m_rate;
    mutable std::mutex m_listMutex; ///< guards m_channels (the pointer; the list is never changed in place)
    std::shared_ptr<const std::vector<std::shared_ptr<Channel>>> m_channels;
    std::unique_ptr<Bus> m_bus; ///< the program and monitor buses: the mixing thread's
    std::atomic<bool> m_limiterWanted{true};
    std::atomic<float> m_limiterReduction{0}, m_limiterMaxReduction{0};
    std::atomic<int64_t> m_programOvers{0};
    LoudnessMeter m_programMeter, m_monitorMeter;
    std::atomic<bool> m_monitorMetered{false};
};

} // namespace hawker::capture
