#include "hawker/capture/audio_monitor_output.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "hawker/capture/av_util.hpp"
#include "hawker/capture/capture_log.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavdevice/avdevice.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
}

namespace hawker::capture {

namespace {

/// Each write hands the device about 10 ms: small enough to fit a PulseAudio
/// stream's free space, so a write that does not fit is a device that is behind.
constexpr int kChunkFrames = 480;
/// Asked of PulseAudio: the sound it holds before the speaker, so what the
/// operator hears on a solo follows the fader closely.
constexpr const char* kPulseBufferMs = "60";

int16_t toS16(float sample) {
    return static_cast<int16_t>(std::lround(std::clamp(sample, -1.0f, 1.0f) * 32767.0f));
}

} // namespace

struct AudioMonitorOutput::Device {
    OutputFormatPtr format;
    bool opened = false;
    int64_t written = 0;              ///< frames handed over
    int64_t lastDts = AV_NOPTS_VALUE; ///< in the stream's time base, as the device set it
    ~Device() {
        // Closes the device's connection (PulseAudio's threads, an ALSA handle).
        if (opened) av_write_trailer(format.get());
    }
};

AudioMonitorOutput::AudioMonitorOutput(AudioMonitorSettings settings) : m_settings(std::move(settings)) {}

AudioMonitorOutput::~AudioMonitorOutput() {
    stop();
}

void AudioMonitorOutput::start() {
    if (m_thread.joinable()) return;
    m_thread = std::thread([this] {
        setThreadName("monitor-out");
        try {
            run();
        } catch (const std::exception& error) {
            log(LogLevel::Error, "audio monitor " + m_settings.format + ":" + m_settings.device +
                                     " stopped by an unexpected error: " + error.what());
        } catch (...) {
            log(LogLevel::Error, "audio monitor stopped by an unexpected error");
        }
        m_playing = false;
    });
}

void AudioMonitorOutput::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void AudioMonitorOutput::push(const float* left, const float* right, int count) {
    if (count <= 0) return;
    const size_t limit =
        static_cast<size_t>(2 * std::max<int64_t>(1, m_settings.rate * m_settings.maxQueued.count() / 1000));
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) return;
        for (int s = 0; s < count; ++s) {
            m_queue.push_back(toS16(left[s]));
            m_queue.push_back(toS16(right[s]));
        }
        // No device, or one that fell behind: keep the newest sound, so that
        // what the operator hears stays close to the program.
        if (m_queue.size() > limit) {
            const size_t drop = m_queue.size() - limit;
            m_queue.erase(m_queue.begin(), m_queue.begin() + static_cast<long>(drop));
            m_dropped += static_cast<int64_t>(drop / 2);
        }
    }
    m_changed.notify_one();
}

AudioMonitorStats AudioMonitorOutput::stats() const {
    AudioMonitorStats s;
    s.format = m_settings.format;
    s.device = m_settings.device;
    s.playing = m_playing.load();
    s.playedSamples = m_played.load();
    s.droppedSamples = m_dropped.load();
    std::lock_guard lock(m_mutex);
    s.error = s.playing ? std::string() : m_error;
    return s;
}

void AudioMonitorOutput::run() {
    static std::once_flag registered;
    std::call_once(registered, [] { avdevice_register_all(); });
    const std::string name = m_settings.format + ":" + m_settings.device;
    std::string lastError;
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping) return;
        }
        std::string error;
        try {
            Device device;
            const AVOutputFormat* kind = av_guess_format(m_settings.format.c_str(), nullptr, nullptr);
            if (!kind ||
                !(kind->priv_class && kind->priv_class->category == AV_CLASS_CATEGORY_DEVICE_AUDIO_OUTPUT))
                throw std::runtime_error("this FFmpeg has no " + m_settings.format + " sound output");
            // PulseAudio takes the sink as an option and the URL as the stream's name in its mixer;
            // ALSA takes the device as the URL.
            const bool pulse = m_settings.format == "pulse";
            const std::string url = pulse ? std::string("Hawker monitor") : m_settings.device;
            AVFormatContext* raw = nullptr;
            checkAv(avformat_alloc_output_context2(&raw, kind, nullptr, url.c_str()), "sound output");
            device.format.reset(raw);
            // PulseAudio's muxer takes a whole packet or none, so it is written without blocking.
            // ALSA's may take part of a packet when full and drop the rest: it is written blocking,
            // which waits at most the device's buffer (a device unplugged answers with an error).
            if (pulse) raw->flags |= AVFMT_FLAG_NONBLOCK;
            AVStream* stream = avformat_new_stream(raw, nullptr);
            if (!stream) throw std::runtime_error("no memory for the sound stream");
            stream->codecpar->codec_type = AVMEDIA_TYPE_AUDIO;
            stream->codecpar->codec_id = AV_CODEC_ID_PCM_S16LE;
            stream->codecpar->format = AV_SAMPLE_FMT_S16;
            stream->codecpar->sample_rate = m_settings.rate;
            av_channel_layout_default(&stream->codecpar->ch_layout, 2);
            stream->time_base = AVRational{1, m_settings.rate};
            AvOptions options;
            if (pulse) {
                options.set("device", m_settings.device);
                options.set("buffer_duration", kPulseBufferMs);
                options.set("name", "Hawker");
            }
            checkAv(avformat_write_header(raw, options.get()), "open the sound device");
            device.opened = true;
            log(LogLevel::Info, "audio monitor plays on " + name);
            {
                std::lock_guard lock(m_mutex);
                m_queue.clear(); // what waited for the device is late by now
                m_error.clear();
            }
            lastError.clear();
            m_playing = true;
            play(device);
            m_playing = false;
            std::lock_guard lock(m_mutex);
            if (m_stopping) return;
            error = m_error;
        } catch (const std::exception& failure) {
            m_playing = false;
            error = failure.what();
        }
        // Logged once per cause, not at every retry.
        if (error != lastError)
            log(LogLevel::Error, "audio monitor " + name + " is not playing: " + error +
                                     "; tried again every " +
                                     std::to_string(m_settings.retry.count() / 1000) + " s");
        lastError = error;
        std::unique_lock lock(m_mutex);
        m_error = error;
        m_changed.wait_for(lock, m_settings.retry, [&] { return m_stopping; });
        // What came while there was no device is never played late.
        m_dropped += static_cast<int64_t>(m_queue.size() / 2);
        m_queue.clear();
    }
}

void AudioMonitorOutput::play(Device& device) {
    AVFormatContext* format = device.format.get();
    PacketPtr packet = makePacket();
    std::vector<int16_t> chunk;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait_for(lock, std::chrono::milliseconds(50),
                               [&] { return m_stopping || m_queue.size() >= 2 * kChunkFrames; });
            if (m_stopping) return;
            const size_t take = std::min(m_queue.size(), static_cast<size_t>(2 * kChunkFrames));
            if (take < 2) continue;
            chunk.assign(m_queue.begin(), m_queue.begin() + static_cast<long>(take));
            m_queue.erase(m_queue.begin(), m_queue.begin() + static_cast<long>(take));
        }
        const int frames = static_cast<int>(chunk.size() / 2);
        for (;;) {
            checkAv(av_new_packet(packet.get(), static_cast<int>(chunk.size() * sizeof(int16_t))),
                    "sound packet");
            std::copy_n(reinterpret_cast<const uint8_t*>(chunk.data()), chunk.size() * sizeof(int16_t),
                        packet->data);
            // The device keeps time in its own base (PulseAudio in microseconds). A write it refused
            // still counted its timestamp, and FFmpeg takes only rising ones, so a retry moves on by one.
            const AVRational base = format->streams[0]->time_base;
            int64_t dts = av_rescale_q(device.written, AVRational{1, m_settings.rate}, base);
            if (device.lastDts != AV_NOPTS_VALUE) dts = std::max(dts, device.lastDts + 1);
            device.lastDts = dts;
            packet->pts = packet->dts = dts;
            packet->duration = av_rescale_q(frames, AVRational{1, m_settings.rate}, base);
            packet->stream_index = 0;
            const int written = av_write_frame(format, packet.get());
            av_packet_unref(packet.get());
            if (written >= 0) {
                device.written += frames;
                m_played += frames;
                break;
            }
            if (written != AVERROR(EAGAIN)) {
                std::lock_guard lock(m_mutex);
                m_error = "the device stopped taking sound: " + avErrorText(written);
                return;
            }
            // The device is full: wait a little for it, the chunk in hand.
            std::unique_lock lock(m_mutex);
            if (m_changed.wait_for(lock, std::chrono::milliseconds(5), [&] { return m_stopping; })) return;
        }
    }
}

} // namespace hawker::capture
