#include "hawker/capture/stream_measure.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <stdexcept>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include "hawker/capture/av_util.hpp"

namespace hawker::capture {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

double seconds(int64_t ts, AVRational base) {
    return static_cast<double>(ts) * av_q2d(base);
}

} // namespace

StreamMeasure measureStream(const std::string& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) throw std::runtime_error("no stream file at " + path);
    AVFormatContext* raw = nullptr;
    if (const int opened = avformat_open_input(&raw, path.c_str(), nullptr, nullptr); opened < 0)
        throw std::runtime_error("cannot open " + path + ": " + avErrorText(opened));
    InputFormatPtr format(raw);
    checkAv(avformat_find_stream_info(raw, nullptr), "read the stream's headers");
    const int videoIndex = av_find_best_stream(raw, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (videoIndex < 0) throw std::runtime_error(path + " has no video");
    const int audioIndex = av_find_best_stream(raw, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    const AVStream* video = raw->streams[videoIndex];
    const AVStream* audio = audioIndex >= 0 ? raw->streams[audioIndex] : nullptr;

    StreamMeasure m;
    const AVCodecParameters* vp = video->codecpar;
    m.videoCodec = avcodec_get_name(vp->codec_id);
    if (const char* profile = avcodec_profile_name(vp->codec_id, vp->profile))
        m.videoProfile = lower(profile);
    // H.264 and HEVC levels are stored as ten (H.264) or thirty (HEVC) times the level.
    if (vp->level > 0) m.videoLevel = vp->codec_id == AV_CODEC_ID_HEVC ? vp->level / 30.0 : vp->level / 10.0;
    m.width = vp->width;
    m.height = vp->height;
    if (audio) {
        m.audioCodec = avcodec_get_name(audio->codecpar->codec_id);
        m.audioRate = audio->codecpar->sample_rate;
        m.audioChannels = audio->codecpar->ch_layout.nb_channels;
    }

    std::vector<double> framePts, keyPts;
    std::vector<std::pair<double, int64_t>> videoBytes; // (pts s, bytes)
    double audioFirst = 0, audioLast = 0;
    int64_t audioBytes = 0, audioPackets = 0;
    std::optional<double> lastVideoDts, lastAudioDts;
    PacketPtr packet = makePacket();
    while (av_read_frame(raw, packet.get()) >= 0) {
        const bool isVideo = packet->stream_index == videoIndex;
        const bool isAudio = audio && packet->stream_index == audioIndex;
        if (isVideo || isAudio) {
            const AVRational base = raw->streams[packet->stream_index]->time_base;
            const int64_t ts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
            const int64_t dts = packet->dts != AV_NOPTS_VALUE ? packet->dts : ts;
            if (ts != AV_NOPTS_VALUE) {
                const double at = seconds(ts, base), decodeAt = seconds(dts, base);
                if (isVideo) {
                    framePts.push_back(at);
                    videoBytes.emplace_back(at, packet->size);
                    if (packet->flags & AV_PKT_FLAG_KEY) keyPts.push_back(at);
                    if (lastAudioDts)
                        m.interleaveMs = std::max(m.interleaveMs, std::abs(decodeAt - *lastAudioDts) * 1000);
                    lastVideoDts = decodeAt;
                } else {
                    if (audioPackets == 0) audioFirst = at;
                    audioLast = std::max(audioLast, at);
                    audioBytes += packet->size;
                    ++audioPackets;
                    if (lastVideoDts)
                        m.interleaveMs = std::max(m.interleaveMs, std::abs(decodeAt - *lastVideoDts) * 1000);
                    lastAudioDts = decodeAt;
                }
            }
        }
        av_packet_unref(packet.get());
    }
    if (framePts.empty()) throw std::runtime_error(path + " has no video frames");

    std::sort(framePts.begin(), framePts.end());
    std::sort(keyPts.begin(), keyPts.end());
    m.videoFrames = static_cast<int64_t>(framePts.size());
    const double span = framePts.back() - framePts.front();
    m.fps = framePts.size() > 1 && span > 0 ? static_cast<double>(framePts.size() - 1) / span : 0;
    m.durationS = span + (m.fps > 0 ? 1.0 / m.fps : 0);
    m.keyframes = static_cast<int64_t>(keyPts.size());
    if (keyPts.size() > 1) {
        for (size_t i = 1; i < keyPts.size(); ++i)
            m.keyintMaxS = std::max(m.keyintMaxS, keyPts[i] - keyPts[i - 1]);
        m.keyintMeanS = (keyPts.back() - keyPts.front()) / static_cast<double>(keyPts.size() - 1);
    }
    // The stretch after the last keyframe counts too: a stream whose keyframes stop is caught.
    if (!keyPts.empty())
        m.keyintMaxS = std::max(m.keyintMaxS, framePts.back() - keyPts.back());
    else
        m.keyintMaxS = m.durationS;

    int64_t totalBytes = 0;
    const double start = framePts.front();
    const size_t windows = static_cast<size_t>(std::floor(m.durationS + 1e-6));
    std::vector<int64_t> perSecond(windows, 0);
    for (const auto& [at, bytes] : videoBytes) {
        totalBytes += bytes;
        const auto window = static_cast<size_t>(std::floor(at - start + 1e-6));
        if (window < perSecond.size()) perSecond[window] += bytes;
    }
    for (int64_t bytes : perSecond)
        m.videoKbpsPerSecond.push_back(static_cast<double>(bytes) * 8 / 1000.0);
    if (m.durationS > 0) m.videoKbps = static_cast<double>(totalBytes) * 8 / 1000.0 / m.durationS;
    if (audioPackets > 1) {
        // Each packet holds the same number of samples: the span plus one packet is the duration.
        const double audioSpan = (audioLast - audioFirst) * static_cast<double>(audioPackets) /
                                 static_cast<double>(audioPackets - 1);
        if (audioSpan > 0) m.audioKbps = static_cast<double>(audioBytes) * 8 / 1000.0 / audioSpan;
    }
    return m;
}

} // namespace hawker::capture
