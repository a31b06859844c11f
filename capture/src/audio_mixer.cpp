#include "hawker/capture/audio_mixer.hpp"

#include <algorithm>
#include <cmath>

namespace hawker::capture {

void AudioMixer::addChannel(const std::string& id, std::shared_ptr<AudioRing> ring, float gainDb,
                            bool muted) {
    auto channel = std::make_unique<Channel>();
    channel->id = id;
    channel->ring = std::move(ring);
    channel->gainDb = gainDb;
    channel->muted = muted;
    channel->meter = std::make_unique<LoudnessMeter>(m_rate);
    m_channels.push_back(std::move(channel));
}

void AudioMixer::setGain(const std::string& id, float gainDb) {
    for (auto& channel : m_channels)
        if (channel->id == id) channel->gainDb = gainDb;
}

void AudioMixer::setMuted(const std::string& id, bool muted) {
    for (auto& channel : m_channels)
        if (channel->id == id) channel->muted = muted;
}

void AudioMixer::mix(float* left, float* right, int count,
                     const std::vector<std::optional<int64_t>>& alignSamples, bool live,
                     std::chrono::milliseconds wait) {
    std::fill_n(left, count, 0.0f);
    std::fill_n(right, count, 0.0f);
    m_scratchL.resize(static_cast<size_t>(count));
    m_scratchR.resize(static_cast<size_t>(count));
    // Within a frame of the video is "in sync"; resyncing on every small
    // wobble would click.
    const int tolerance = m_rate / 50;
    for (size_t i = 0; i < m_channels.size(); ++i) {
        Channel& channel = *m_channels[i];
        std::optional<int64_t> align = i < alignSamples.size() ? alignSamples[i] : std::nullopt;
        if (live && !align) {
            // An audio-only live input has no video to follow: keep its latency
            // near two ticks so that clock drift cannot build up delay.
            channel.dropped += channel.ring->trimTo(static_cast<size_t>(count) * 3);
        }
        const AudioReadResult got =
            channel.ring->read(m_scratchL.data(), m_scratchR.data(), count, align, tolerance, wait);
        channel.silence += got.silence;
        channel.dropped += got.dropped;
        const float gain = channel.muted ? 0.0f : std::pow(10.0f, channel.gainDb.load() / 20.0f);
        float peak = 0;
        for (size_t s = 0; s < static_cast<size_t>(count); ++s) {
            const float l = m_scratchL[s] * gain;
            const float r = m_scratchR[s] * gain;
            m_scratchL[s] = l;
            m_scratchR[s] = r;
            left[s] += l;
            right[s] += r;
            peak = std::max({peak, std::fabs(l), std::fabs(r)});
        }
        channel.peak = peak;
        channel.meter->add(m_scratchL.data(), m_scratchR.data(), count);
    }
    for (int s = 0; s < count; ++s) {
        left[s] = std::clamp(left[s], -1.0f, 1.0f);
        right[s] = std::clamp(right[s], -1.0f, 1.0f);
    }
    m_programMeter.add(left, right, count);
}

std::vector<MixerChannelStats> AudioMixer::stats() const {
    std::vector<MixerChannelStats> out;
    for (const auto& channel : m_channels) {
        out.push_back({channel->id, channel->gainDb.load(), channel->muted.load(), channel->peak.load(),
                       channel->silence.load(), channel->dropped.load(), channel->meter->reading()});
    }
    return out;
}

} // namespace hawker::capture
