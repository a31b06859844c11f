#pragma once
// Sums every audio input into the program's stereo mix, with gain and mute,
// and meters each input after its fader and the mix itself (EBU R128).

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hawker/capture/audio_ring.hpp"
#include "hawker/capture/loudness_meter.hpp"

namespace hawker::capture {

struct MixerChannelStats {
    std::string id;
    float gainDb = 0;
    bool muted = false;
    float peak = 0;             ///< last tick's peak after gain, 0..1+
    int64_t silenceSamples = 0; ///< underflows and sync gaps
    int64_t droppedSamples = 0; ///< skipped to keep lip sync or latency
    LoudnessReading loudness;   ///< after gain and mute: what the input adds to the mix
};

class AudioMixer {
public:
    explicit AudioMixer(int sampleRate) : m_rate(sampleRate), m_programMeter(sampleRate) {}

    /// Adds an input; the ring belongs to its source and must outlive the mixer's use.
    void addChannel(const std::string& id, std::shared_ptr<AudioRing> ring, float gainDb, bool muted);
    void setGain(const std::string& id, float gainDb);
    void setMuted(const std::string& id, bool muted);

    /// Mixes `count` samples into left/right. `alignSamples[i]`, when set, is
    /// the source time channel i should be read from (its video's timestamp).
    void mix(float* left, float* right, int count, const std::vector<std::optional<int64_t>>& alignSamples,
             bool live, std::chrono::milliseconds wait);

    std::vector<MixerChannelStats> stats() const;
    /// The program mix's loudness, as the encoder receives it.
    LoudnessReading programLoudness() const { return m_programMeter.reading(); }
    size_t channelCount() const { return m_channels.size(); }

private:
    struct Channel {
        std::string id;
        std::shared_ptr<AudioRing> ring;
        std::atomic<float> gainDb{0};
        std::atomic<bool> muted{false};
        std::atomic<float> peak{0};
        std::atomic<int64_t> silence{0}, dropped{0};
        std::unique_ptr<LoudnessMeter> meter;
    };
    int m_rate;
    LoudnessMeter m_programMeter;
    std::vector<std::unique_ptr<Channel>> m_channels;
    std::vector<float> m_scratchL, m_scratchR;
};

} // namespace hawker::capture
