#include "hawker/capture/audio_encoder.hpp"

#include <algorithm>

#include "hawker/capture/capture_log.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/channel_layout.h>
}

namespace hawker::capture {

int audioSamplesInTick(int rate, int fps, int64_t index) {
    return static_cast<int>((index + 1) * rate / fps - index * rate / fps);
}

AudioEncoder::AudioEncoder(AudioEncodeSettings settings, PacketSink sink, std::string name, bool offline)
    : m_settings(settings), m_sink(std::move(sink)), m_name(std::move(name)), m_offline(offline),
      m_packet(makePacket()) {}

AudioEncoder::~AudioEncoder() {
    finish();
}

void AudioEncoder::start() {
    const AVCodec* aac = avcodec_find_encoder(AV_CODEC_ID_AAC);
    if (!aac) throw std::runtime_error("FFmpeg has no AAC encoder");
    m_codec.reset(avcodec_alloc_context3(aac));
    AVCodecContext* a = m_codec.get();
    a->sample_rate = m_settings.rate;
    a->sample_fmt = AV_SAMPLE_FMT_FLTP;
    a->ch_layout = AV_CHANNEL_LAYOUT_STEREO;
    a->bit_rate = int64_t{m_settings.kbps} * 1000;
    a->time_base = AVRational{1, m_settings.rate};
    if (m_settings.globalHeader) a->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    checkAv(avcodec_open2(a, aac, nullptr), "open AAC encoder");
    m_thread = std::thread([this] {
        setThreadName(("aac-" + m_name).substr(0, 15));
        try {
            run();
        } catch (...) {
            log(LogLevel::Error,
                "sound encoder " + m_name + " stopped by an unexpected error; its outputs get no more sound");
        }
    });
}

bool AudioEncoder::push(const std::vector<float>& left, const std::vector<float>& right) {
    const size_t count = std::min(left.size(), right.size());
    if (count == 0) return true;
    std::unique_lock lock(m_mutex);
    const auto full = [&] {
        return static_cast<double>(m_waitingLeft.size() + count) > kMaxQueuedSeconds * m_settings.rate;
    };
    if (m_offline) m_changed.wait(lock, [&] { return !full() || m_finishing || !m_thread.joinable(); });
    if (full()) {
        if (!m_refusing)
            log(LogLevel::Error, "sound encoder " + m_name +
                                     " is 10 s behind: the program's sound is lost until it catches up");
        m_refusing = true;
        m_samplesRefused += count;
        return false;
    }
    if (m_refusing) log(LogLevel::Info, "sound encoder " + m_name + " caught up");
    m_refusing = false;
    m_waitingLeft.insert(m_waitingLeft.end(), left.begin(), left.begin() + static_cast<long>(count));
    m_waitingRight.insert(m_waitingRight.end(), right.begin(), right.begin() + static_cast<long>(count));
    m_changed.notify_all();
    return true;
}

void AudioEncoder::finish() {
    {
        std::lock_guard lock(m_mutex);
        m_finishing = true;
        m_changed.notify_all();
    }
    if (m_thread.joinable()) m_thread.join();
}

StreamDescription AudioEncoder::stream() const {
    return describeStream(m_codec.get(), StreamKind::Audio);
}

void AudioEncoder::run() {
    for (;;) {
        bool last = false;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return !m_waitingLeft.empty() || m_finishing; });
            m_left.insert(m_left.end(), m_waitingLeft.begin(), m_waitingLeft.end());
            m_right.insert(m_right.end(), m_waitingRight.begin(), m_waitingRight.end());
            m_waitingLeft.clear();
            m_waitingRight.clear();
            last = m_finishing;
            m_changed.notify_all(); // an offline push may be waiting for room
        }
        try {
            encode(last);
        } catch (const std::exception& error) {
            log(LogLevel::Error, "sound encoder " + m_name + ": " + error.what());
        }
        if (last) return;
    }
}

void AudioEncoder::encode(bool flush) {
    AVCodecContext* codec = m_codec.get();
    const auto receive = [&] {
        for (;;) {
            const int got = avcodec_receive_packet(codec, m_packet.get());
            if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return;
            checkAv(got, "receive sound packet");
            ++m_packets;
            m_sink(sharePacket(m_packet.get(), StreamKind::Audio));
        }
    };
    const size_t frameSize = static_cast<size_t>(codec->frame_size > 0 ? codec->frame_size : 1024);
    size_t used = 0;
    // What went to the codec leaves the buffer even when a later frame fails: sent twice, it would
    // lengthen the sound and put it behind the pictures.
    struct Consume {
        std::vector<float>&left, &right;
        const size_t& used;
        ~Consume() {
            left.erase(left.begin(), left.begin() + static_cast<long>(used));
            right.erase(right.begin(), right.begin() + static_cast<long>(used));
        }
    } consume{m_left, m_right, used};
    while (m_left.size() - used >= frameSize || (flush && used < m_left.size())) {
        const size_t count = std::min(frameSize, m_left.size() - used);
        FramePtr frame = makeFrame();
        frame->nb_samples = static_cast<int>(count);
        frame->format = AV_SAMPLE_FMT_FLTP;
        frame->sample_rate = m_settings.rate;
        av_channel_layout_copy(&frame->ch_layout, &codec->ch_layout);
        checkAv(av_frame_get_buffer(frame.get(), 0), "sound frame");
        std::copy_n(m_left.begin() + static_cast<long>(used), count,
                    reinterpret_cast<float*>(frame->data[0]));
        std::copy_n(m_right.begin() + static_cast<long>(used), count,
                    reinterpret_cast<float*>(frame->data[1]));
        used += count;
        frame->pts = m_samplesSent;
        m_samplesSent += static_cast<int64_t>(count);
        checkAv(avcodec_send_frame(codec, frame.get()), "encode sound");
        receive();
    }
    if (flush) {
        avcodec_send_frame(codec, nullptr);
        receive();
    }
}

} // namespace hawker::capture
