#include "hawker/studio/engine/encode_set.hpp"

#include <algorithm>

#include "hawker/overlay/yuv_image.hpp"

namespace hawker::studio {

namespace {

bool sameColor(const Rgba& a, const Rgba& b) {
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

} // namespace

EncodeSet::EncodeSet(const ShowSpec& show, bool offline, PacketSink sink) : m_offline(offline) {
    const cv::Size canvas(show.width, show.height);
    const auto sizeOf = [](const capture::EncoderSettings& s) { return cv::Size(s.width, s.height); };
    // Outputs in show order: the first output of each distinct encode names it,
    // unless it is the show's own [encoder], which is "program".
    std::vector<std::pair<capture::EncoderSettings, Rgba>> keys;
    for (const OutputSpec& output : show.outputs) {
        const capture::EncoderSettings& settings = show.encodeOf(output);
        // The bars' colour only tells encodes apart when there are bars.
        const cv::Size size = sizeOf(settings);
        const bool bars = capture::fittedRect(canvas, size) != cv::Rect({0, 0}, size);
        size_t found = keys.size();
        for (size_t i = 0; i < keys.size(); ++i)
            if (keys[i].first == settings && (!bars || sameColor(keys[i].second, output.letterbox)))
                found = i;
        if (found == keys.size()) {
            keys.emplace_back(settings, output.letterbox);
            m_encodes.push_back(Encode{settings == show.encoder ? "program" : output.id, {}, nullptr, -1, 0});
        }
        m_encodes[found].outputs.push_back(output.id);
        m_encodeOfOutput.push_back(found);
    }
    if (m_encodes.empty()) {
        keys.emplace_back(show.encoder, Rgba{0, 0, 0, 255});
        m_encodes.push_back(Encode{"program", {}, nullptr, -1, 0});
    }
    for (size_t i = 0; i < m_encodes.size(); ++i) {
        m_encodes[i].encoder = std::make_unique<capture::Encoder>(
            keys[i].first, [sink, i](const capture::EncodedPacket& packet) { sink(i, packet); },
            m_encodes[i].id);
        const cv::Size size = sizeOf(keys[i].first);
        if (size == canvas) continue;
        // One rendition per size and bar colour, shared by the encodes that want it.
        const bool bars = capture::fittedRect(canvas, size) != cv::Rect({0, 0}, size);
        auto feed = std::find_if(m_feeds.begin(), m_feeds.end(), [&](const Feed& f) {
            return f.size == size && (!bars || sameColor(f.background, keys[i].second));
        });
        if (feed == m_feeds.end()) {
            m_feeds.push_back(Feed{size, keys[i].second, nullptr, {}});
            feed = std::prev(m_feeds.end());
        }
        feed->encoders.push_back(m_encodes[i].encoder.get());
        m_encodes[i].feed = static_cast<int>(feed - m_feeds.begin());
    }
    for (size_t i = 0; i < m_encodes.size(); ++i) {
        const capture::EncoderSettings& settings = keys[i].first;
        const capture::AudioEncodeSettings audio{settings.audioRate, settings.audioKbps,
                                                 settings.globalHeader};
        auto sound = std::find_if(m_sounds.begin(), m_sounds.end(),
                                  [&](const Sound& s) { return s.encoder->settings() == audio; });
        if (sound == m_sounds.end()) {
            const size_t index = m_sounds.size();
            // The encodes' list is complete before anything starts: the sink reads it on the sound's thread.
            auto send = [this, sink, index](const capture::EncodedPacket& packet) {
                for (size_t encode : m_sounds[index].encodes)
                    sink(encode, packet);
            };
            m_sounds.push_back(Sound{std::make_unique<capture::AudioEncoder>(
                                         audio, send, std::to_string(audio.kbps) + "k", offline),
                                     {}});
            sound = std::prev(m_sounds.end());
        }
        sound->encodes.push_back(i);
        m_encodes[i].sound = static_cast<size_t>(sound - m_sounds.begin());
    }
    for (Feed& feed : m_feeds) {
        const overlay::YuvColor bars =
            overlay::toYuv(feed.background.r, feed.background.g, feed.background.b);
        feed.feed = std::make_unique<capture::ScaledFeed>(
            std::to_string(feed.size.width) + "x" + std::to_string(feed.size.height), canvas, feed.size,
            capture::YuvBackground{bars.y, bars.u, bars.v}, feed.encoders, offline);
    }
}

EncodeSet::~EncodeSet() {
    finish();
}

void EncodeSet::start() {
    try {
        for (Sound& sound : m_sounds)
            sound.encoder->start();
        for (Encode& encode : m_encodes)
            encode.encoder->start();
        for (Feed& feed : m_feeds)
            feed.feed->start();
    } catch (...) {
        finish();
        throw;
    }
}

void EncodeSet::push(const capture::ProgramTick& tick) {
    for (Sound& sound : m_sounds)
        sound.encoder->push(tick.audioLeft, tick.audioRight);
    // The pictures' encodes and renditions get the tick without its sound: nothing to copy.
    capture::ProgramTick picture;
    picture.index = tick.index;
    picture.picture = tick.picture;
    picture.captureUs = tick.captureUs;
    for (Encode& encode : m_encodes) {
        if (encode.feed >= 0) continue;
        if (m_offline)
            encode.encoder->push(picture);
        else
            encode.encoder->tryPush(picture);
    }
    for (Feed& feed : m_feeds)
        feed.feed->push(picture);
}

int EncodeSet::samplesPerTick(int64_t index) const {
    const capture::EncoderSettings& first = m_encodes.front().encoder->settings();
    return capture::audioSamplesInTick(first.audioRate, first.fps, index);
}

void EncodeSet::finish() {
    // Renditions first: their last frames go to encoders that are still open.
    for (Feed& feed : m_feeds)
        feed.feed->finish();
    for (Encode& encode : m_encodes)
        encode.encoder->finish();
    for (Sound& sound : m_sounds)
        sound.encoder->finish();
}

std::vector<capture::StreamDescription> EncodeSet::streams(size_t encode) const {
    const Encode& e = m_encodes.at(encode);
    // Indexed by StreamKind: the pictures, then the sound.
    return {e.encoder->stream(), m_sounds.at(e.sound).encoder->stream()};
}

uint64_t EncodeSet::framesDropped() const {
    uint64_t dropped = 0;
    for (const Encode& encode : m_encodes) {
        dropped += encode.encoder->framesDropped();
        if (encode.feed >= 0) dropped += m_feeds[static_cast<size_t>(encode.feed)].feed->framesDropped();
    }
    return dropped;
}

std::vector<EncodeStatus> EncodeSet::stats() const {
    std::vector<EncodeStatus> all;
    for (const Encode& encode : m_encodes) {
        EncodeStatus s;
        s.id = encode.id;
        s.settings = encode.encoder->settings();
        s.outputs = encode.outputs;
        s.encoder = encode.encoder->stats();
        s.dropped = s.encoder.framesDropped;
        s.placed = cv::Rect(0, 0, s.settings.width, s.settings.height);
        if (encode.feed >= 0) {
            const capture::ScaledFeed& feed = *m_feeds[static_cast<size_t>(encode.feed)].feed;
            const capture::ScaledFeedStats feedStats = feed.stats();
            s.scaled = true;
            s.placed = feed.placed();
            s.dropped += feedStats.framesDropped;
            s.scaleMsMedian = feedStats.scaleMsMedian;
        }
        all.push_back(std::move(s));
    }
    return all;
}

} // namespace hawker::studio
