#include "hawker/capture/audio_mixer.hpp"

#include <algorithm>
#include <cmath>

#include "hawker/capture/audio_delay_line.hpp"
#include "hawker/capture/noise_gate.hpp"
#include "hawker/capture/true_peak_limiter.hpp"

namespace hawker::capture {

struct AudioMixer::Channel {
    Channel(int rate, int k) : key(k), delay(rate, kMaxDelayMs), gate(rate), meter(rate) {}

    std::string id;
    int key = 0;
    std::shared_ptr<AudioRing> ring;
    mutable std::mutex settingsMutex; ///< guards settings (written by any thread, read each tick)
    ChannelSettings settings;
    // The mixing thread's own:
    AudioDelayLine delay;
    NoiseGate gate;
    /// An audio-only live input plays once its ring holds a tick and a jitter margin; it waits
    /// again after running dry, so sound that comes a little late does not cut a gap into it.
    bool primed = false;
    // Published for stats():
    std::atomic<bool> gateOpen{true};
    std::atomic<float> peak{0};
    std::atomic<int64_t> silence{0}, dropped{0}, overs{0};
    LoudnessMeter meter;

    ChannelSettings current() const {
        std::lock_guard lock(settingsMutex);
        return settings;
    }
};

struct AudioMixer::Bus {
    explicit Bus(int rate) : limiter(rate, kLimiterCeilingDbtp) {}
    TruePeakLimiter limiter;
    std::vector<float> stripL, stripR, monitorL, monitorR;
    std::vector<ChannelSettings> settings; ///< this tick's, one per strip
};

AudioMixer::AudioMixer(int sampleRate)
    : m_rate(sampleRate), m_channels(std::make_shared<const std::vector<std::shared_ptr<Channel>>>()),
      m_bus(std::make_unique<Bus>(sampleRate)), m_programMeter(sampleRate), m_monitorMeter(sampleRate) {}

AudioMixer::~AudioMixer() = default;

std::shared_ptr<const std::vector<std::shared_ptr<AudioMixer::Channel>>> AudioMixer::channels() const {
    std::lock_guard lock(m_listMutex);
    return m_channels;
}

void AudioMixer::addChannel(const std::string& id, int key, std::shared_ptr<AudioRing> ring,
                            const ChannelSettings& settings) {
    auto channel = std::make_shared<Channel>(m_rate, key);
    channel->id = id;
    channel->ring = std::move(ring);
    channel->settings = settings;
    channel->settings.delayMs = std::clamp(settings.delayMs, 0, kMaxDelayMs);
    std::lock_guard lock(m_listMutex);
    auto next = std::make_shared<std::vector<std::shared_ptr<Channel>>>(*m_channels);
    next->push_back(std::move(channel));
    m_channels = std::move(next);
}

void AudioMixer::removeChannel(const std::string& id) {
    std::lock_guard lock(m_listMutex);
    auto next = std::make_shared<std::vector<std::shared_ptr<Channel>>>(*m_channels);
    std::erase_if(*next, [&](const auto& channel) { return channel->id == id; });
    m_channels = std::move(next);
}

void AudioMixer::configure(const std::string& id, const ChannelSettings& settings) {
    for (const auto& channel : *channels()) {
        if (channel->id != id) continue;
        std::lock_guard lock(channel->settingsMutex);
        channel->settings = settings;
        channel->settings.delayMs = std::clamp(settings.delayMs, 0, kMaxDelayMs);
    }
}

size_t AudioMixer::channelCount() const {
    return channels()->size();
}

int AudioMixer::latencySamples() const {
    return m_bus->limiter.latencySamples();
}

void AudioMixer::mix(float* left, float* right, int count, const AlignFn& alignOf, bool live,
                     std::chrono::milliseconds wait) {
    std::fill_n(left, count, 0.0f);
    std::fill_n(right, count, 0.0f);
    const auto list = channels();
    Bus& bus = *m_bus;
    const auto samples = static_cast<size_t>(count);
    bus.stripL.resize(samples);
    bus.stripR.resize(samples);
    // Each strip's settings once per tick: a change made meanwhile waits for the next.
    bus.settings.clear();
    for (const auto& channel : *list)
        bus.settings.push_back(channel->current());
    const bool anySolo = std::any_of(bus.settings.begin(), bus.settings.end(),
                                     [](const ChannelSettings& s) { return s.solo; });
    if (anySolo) {
        bus.monitorL.assign(samples, 0.0f);
        bus.monitorR.assign(samples, 0.0f);
    }
    // Within a frame of the video is "in sync"; resyncing on every small
    // wobble would click.
    const int tolerance = m_rate / 50;
    // An audio-only live input's sound arrives in its device's or its stream's own rhythm, not the
    // tick's: 10 ms of margin absorbs that (and its trim keeps the latency under three ticks).
    const int jitterMargin = m_rate / 100;
    for (size_t c = 0; c < list->size(); ++c) {
        Channel& channel = *(*list)[c];
        const ChannelSettings& settings = bus.settings[c];
        const std::optional<int64_t> align = alignOf ? alignOf(channel.key) : std::nullopt;
        if (live && !align) {
            // An audio-only live input has no video to follow: keep its latency
            // near two ticks so that clock drift cannot build up delay.
            channel.dropped += channel.ring->trimTo(samples * 3);
        }
        float* l = bus.stripL.data();
        float* r = bus.stripR.data();
        AudioReadResult got;
        const bool jitterBuffered = live && !align;
        if (jitterBuffered && !channel.primed &&
            channel.ring->buffered() < samples + static_cast<size_t>(jitterMargin)) {
            std::fill_n(l, count, 0.0f);
            std::fill_n(r, count, 0.0f);
            got.silence = count;
        } else {
            channel.primed = true;
            got = channel.ring->read(l, r, count, align, tolerance, wait);
            if (jitterBuffered && got.silence > 0) channel.primed = false;
        }
        channel.silence += got.silence;
        channel.dropped += got.dropped;
        // The strip: delay (lines the sound up with a late picture), gate, fader.
        channel.delay.setDelayMs(settings.delayMs);
        channel.delay.process(l, r, count);
        channel.gate.configure(settings.gate, settings.gateThresholdDb);
        channel.gate.process(l, r, count);
        channel.gateOpen = channel.gate.open();
        const float fader = std::pow(10.0f, settings.gainDb / 20.0f);
        float peak = 0;
        for (size_t s = 0; s < samples; ++s) {
            l[s] *= fader;
            r[s] *= fader;
            peak = std::max({peak, std::fabs(l[s]), std::fabs(r[s])});
        }
        if (settings.solo) {
            for (size_t s = 0; s < samples; ++s) {
                bus.monitorL[s] += l[s];
                bus.monitorR[s] += r[s];
            }
        }
        if (settings.muted) {
            std::fill_n(l, count, 0.0f);
            std::fill_n(r, count, 0.0f);
            peak = 0;
        } else {
            for (size_t s = 0; s < samples; ++s) {
                left[s] += l[s];
                right[s] += r[s];
            }
        }
        channel.peak = peak;
        if (peak >= 1.0f) ++channel.overs;
        channel.meter.add(l, r, count);
    }

    bus.limiter.setEnabled(m_limiterWanted.load());
    bus.limiter.process(left, right, count);
    m_limiterReduction = bus.limiter.reductionDb();
    m_limiterMaxReduction = bus.limiter.maxReductionDb();
    bool over = false;
    for (size_t s = 0; s < samples; ++s) {
        over = over || std::fabs(left[s]) > 1.0f || std::fabs(right[s]) > 1.0f;
        left[s] = std::clamp(left[s], -1.0f, 1.0f);
        right[s] = std::clamp(right[s], -1.0f, 1.0f);
    }
    if (over) ++m_programOvers;
    m_programMeter.add(left, right, count);
    if (anySolo) m_monitorMeter.add(bus.monitorL.data(), bus.monitorR.data(), count);
    m_monitorMetered = anySolo;
}

const float* AudioMixer::soloLeft() const {
    return m_monitorMetered.load() ? m_bus->monitorL.data() : nullptr;
}

const float* AudioMixer::soloRight() const {
    return m_monitorMetered.load() ? m_bus->monitorR.data() : nullptr;
}

std::vector<MixerChannelStats> AudioMixer::stats() const {
    std::vector<MixerChannelStats> out;
    for (const auto& channel : *channels()) {
        MixerChannelStats s;
        s.id = channel->id;
        s.settings = channel->current();
        s.gateOpen = channel->gateOpen.load();
        s.peak = channel->peak.load();
        s.silenceSamples = channel->silence.load();
        s.droppedSamples = channel->dropped.load();
        s.overTicks = channel->overs.load();
        s.loudness = channel->meter.reading();
        out.push_back(std::move(s));
    }
    return out;
}

ProgramMixStats AudioMixer::program() const {
    ProgramMixStats s;
    s.loudness = m_programMeter.reading();
    s.limiter = m_limiterWanted.load(); // applied from the next tick on
    s.limiterReductionDb = m_limiterReduction.load();
    s.limiterMaxReductionDb = m_limiterMaxReduction.load();
    s.overTicks = m_programOvers.load();
    for (const auto& channel : *channels())
        if (channel->current().solo) s.soloed.push_back(channel->id);
    if (!s.soloed.empty() && m_monitorMetered.load()) s.monitor = m_monitorMeter.reading();
    return s;
}

} // namespace hawker::capture
