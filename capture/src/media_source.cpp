#include "hawker/capture/media_source.hpp"

#include "hawker/capture/fault_injection.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>

#include "hawker/capture/av_util.hpp"
#include "hawker/capture/capture_log.hpp"
#include "hawker/capture/rendition_scaler.hpp"
#include "media_connection.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavdevice/avdevice.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/pixdesc.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

namespace hawker::capture {

namespace {

void registerFfmpegOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        avdevice_register_all();
        avformat_network_init();
    });
}

bool startsWith(const std::string& text, const char* prefix) {
    return text.rfind(prefix, 0) == 0;
}

} // namespace

const char* toString(SourceState state) {
    switch (state) {
    case SourceState::Connecting:
        return "connecting";
    case SourceState::Live:
        return "live";
    case SourceState::Stalled:
        return "stalled";
    case SourceState::Lost:
        return "lost";
    case SourceState::Ended:
        return "ended";
    }
    return "?";
}

const char* decodeName(const SourceStats& stats) {
    return stats.keyframesOnly ? "keyframes" : stats.lightDecode ? "light" : "full";
}

MediaSource::MediaSource(SourceConfig config)
    : m_config(std::move(config)),
      m_slot(m_config.offline && !isNetwork() ? FrameSlot::Mode::Queue : FrameSlot::Mode::Latest) {
    registerFfmpegOnce();
    const bool stepped = m_slot.mode() == FrameSlot::Mode::Queue;
    if (m_config.wantAudio) {
        // Offline: ten seconds of headroom so demuxing never stalls on the
        // audio side while the compositor waits for video. Live: two seconds.
        const size_t seconds = stepped ? 10 : 2;
        m_audio = std::make_shared<AudioRing>(m_config.audioRate,
                                              seconds * static_cast<size_t>(m_config.audioRate), stepped);
    }
}

MediaSource::~MediaSource() {
    stop();
}

bool MediaSource::isNetwork() const {
    const std::string& url = m_config.url;
    for (const char* scheme : {"udp://", "srt://", "rtsp://", "rtmp://", "rtmps://", "rtp://", "tcp://",
                               "http://", "https://", "/dev/video"})
        if (startsWith(url, scheme)) return true;
    return m_config.format == "v4l2" || m_config.format == "video4linux2" || m_config.format == "alsa" ||
           m_config.format == "pulse";
}

void MediaSource::start() {
    m_abort = false;
    m_thread = std::thread([this] {
        setThreadName("src:" + m_config.id);
        try {
            run();
        } catch (const std::exception& error) {
            // Only a bug gets here: the source is shown lost, the program
            // repeats its last picture, and the show goes on.
            setState(SourceState::Lost, std::string("stopped by an unexpected error: ") + error.what());
        } catch (...) {
            setState(SourceState::Lost, "stopped by an unexpected error");
        }
    });
}

void MediaSource::stop() {
    m_abort = true;
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

std::optional<std::string> MediaSource::waitUntilReady(std::chrono::milliseconds timeout, bool keepTrying) {
    std::unique_lock lock(m_mutex);
    const bool ready =
        m_wake.wait_for(lock, timeout, [&] { return keepTrying ? m_gotPicture : m_readyOrFailed; });
    if (m_gotPicture) return std::nullopt;
    if (!keepTrying && ready && m_firstError) return m_firstError;
    if (keepTrying && !m_lastError.empty()) return m_lastError;
    return "no picture within " + std::to_string(timeout.count() / 1000) + " s";
}

void MediaSource::useRendition(const Rendition& rendition) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(m_mutex);
    for (auto& request : m_renditions) {
        if (request.rendition == rendition) {
            request.lastUsed = now;
            return;
        }
    }
    m_renditions.push_back({rendition, now});
}

SourceStats MediaSource::stats() const {
    SourceStats s;
    s.id = m_config.id;
    s.framesDecoded = m_framesDecoded;
    s.framesDropped = m_framesDropped;
    s.reconnects = m_reconnects;
    s.lightDecode = m_decodeLevel.load(std::memory_order_relaxed) != DecodeLevel::Full;
    s.keyframesOnly = m_keyframesOnly.load(std::memory_order_relaxed);
    s.exact = m_exact;
    s.framesDecodedLight = m_framesLight;
    s.catchUps = m_catchUps;
    if (m_slot.mode() == FrameSlot::Mode::Latest) {
        const FrameSlot::Hold hold = m_slot.hold();
        s.holdMs = hold.delayUs / 1000;
        s.soundLagMs = hold.soundLatenessUs / 1000;
    }
    const int64_t last = m_lastArrivalUs, signal = lastSignalUs();
    const int64_t now = steadyMicros();
    s.lastFrameAgeMs = last < 0 ? -1 : (now - last) / 1000;
    std::lock_guard lock(m_mutex);
    s.state = m_state;
    if (s.state == SourceState::Live && signal >= 0 && (now - signal) / 1000 > m_config.stallAfter.count())
        s.state = SourceState::Stalled;
    s.width = m_width;
    s.height = m_height;
    s.fps = m_fps;
    s.lastError = m_lastError;
    s.hasAudio = m_hasAudio;
    s.lostMs = (m_lostTotalUs + (m_lostSinceUs >= 0 ? now - m_lostSinceUs : 0)) / 1000;
    return s;
}

int64_t MediaSource::lastSignalUs() const {
    const int64_t picture = m_lastArrivalUs;
    return picture < 0 ? -1 : std::max<int64_t>(picture, m_lastSkippedUs);
}

bool MediaSource::signalLost(std::chrono::milliseconds grace) const {
    // A camera decoded keyframes only has a picture every keyframe interval (2 s or more): its skipped
    // pictures are signal too, or every camera the program took CPU from would be reported lost.
    const int64_t last = lastSignalUs();
    if (last < 0) return true; // never had a picture
    {
        std::lock_guard lock(m_mutex);
        if (m_state == SourceState::Lost || m_state == SourceState::Connecting) return true;
    }
    // Offline (stepped) sources are never late: the program waits for them.
    return m_slot.mode() == FrameSlot::Mode::Latest && (steadyMicros() - last) / 1000 > grace.count();
}

bool MediaSource::waitForKeyframe(Connection& conn, const AVPacket& packet) {
    if (conn.keyframeSeen) return true;
    // A network camera is joined mid-stream, and so is every reconnect: the
    // pictures before the first keyframe refer to pictures this connection
    // never had, and the decoder would log an error for each and show none.
    // A stream that marks no keyframe at all is decoded anyway after
    // kMaxPacketsBeforeKeyframe (ten seconds at 30 fps).
    const bool key = (packet.flags & AV_PKT_FLAG_KEY) != 0;
    if (!key && conn.packetsBeforeKeyframe < kMaxPacketsBeforeKeyframe) {
        ++conn.packetsBeforeKeyframe;
        return false;
    }
    conn.keyframeSeen = true;
    if (conn.packetsBeforeKeyframe > 0)
        log(LogLevel::Info, "source " + m_config.id + " joined mid-stream: " +
                                std::to_string(conn.packetsBeforeKeyframe) + " pictures before its first " +
                                (key ? "keyframe skipped" : "picture decoded anyway: no keyframe marked") +
                                (conn.messagesBeforeKeyframe > 0 ? "; " + heldMessagesText(conn) : ""));
    return true;
}

int MediaSource::readPacket(Connection& conn, AVPacket* packet) {
    if (conn.keyframeSeen) return av_read_frame(conn.input.get(), packet);
    // Joined mid-stream, FFmpeg's parser meets the pictures waitForKeyframe skips and logs an error for
    // each (after a probe that ended before the first keyframe): a stream of errors that are not one.
    HeldFfmpegMessages held;
    const int read = av_read_frame(conn.input.get(), packet);
    if (held.count() > 0 && conn.messagesBeforeKeyframe == 0) conn.firstMessageBeforeKeyframe = held.first();
    conn.messagesBeforeKeyframe += held.count();
    // A connection that fails before its first keyframe says what FFmpeg said on the way.
    if (read < 0 && read != AVERROR_EOF && !m_abort && conn.messagesBeforeKeyframe > 0)
        log(LogLevel::Warning, "source " + m_config.id + ": its read failed before the first keyframe; " +
                                   heldMessagesText(conn));
    return read;
}

std::string MediaSource::heldMessagesText(const Connection& conn) const {
    return std::to_string(conn.messagesBeforeKeyframe) +
           " FFmpeg messages held back meanwhile, the first: " + conn.firstMessageBeforeKeyframe;
}

void MediaSource::setState(SourceState state, const std::string& why) {
    {
        std::lock_guard lock(m_mutex);
        if (m_state == state && why.empty()) return;
        const int64_t now = steadyMicros();
        if (state == SourceState::Lost && m_lostSinceUs < 0) m_lostSinceUs = now;
        if (state == SourceState::Live && m_lostSinceUs >= 0) {
            m_lostTotalUs += now - m_lostSinceUs;
            m_lostSinceUs = -1;
        }
        m_state = state;
        if (!why.empty()) m_lastError = why;
    }
    const LogLevel level = state == SourceState::Lost ? LogLevel::Warning : LogLevel::Info;
    log(level, "source " + m_config.id + " state=" + toString(state) + (why.empty() ? "" : " reason=" + why));
}

void MediaSource::retarget(std::string url, std::string format) {
    {
        std::lock_guard lock(m_mutex);
        m_retarget.emplace(std::move(url), std::move(format));
        m_reconnectNow = true;
    }
    m_wake.notify_all();
}

void MediaSource::reconnectNow() {
    {
        std::lock_guard lock(m_mutex);
        m_reconnectNow = true;
    }
    m_wake.notify_all();
}

bool MediaSource::sleepInterruptible(std::chrono::milliseconds delay) {
    std::unique_lock lock(m_mutex);
    m_wake.wait_for(lock, delay, [&] { return m_abort.load() || m_reconnectNow.load(); });
    return !m_abort.load();
}

void MediaSource::run() {
    Backoff backoff(m_config.reconnect);
    bool everConnected = false;
    while (!m_abort) {
        {
            // Only this thread reads the config while the source runs.
            std::lock_guard lock(m_mutex);
            if (m_retarget) {
                m_config.url = std::move(m_retarget->first);
                m_config.format = std::move(m_retarget->second);
                m_retarget.reset();
            }
        }
        Connection conn(m_abort, m_reconnectNow);
        bool opened = false;
        try {
            opened = connectOnce(conn);
        } catch (const std::exception& error) {
            const std::string reason =
                conn.guard.timedOut()
                    ? "no answer within " + std::to_string(m_config.openTimeout.count()) + " ms"
                    : error.what();
            {
                std::lock_guard lock(m_mutex);
                if (!m_readyOrFailed) {
                    m_readyOrFailed = true;
                    m_firstError = reason;
                }
            }
            m_wake.notify_all();
            if (m_abort) break;
            setState(SourceState::Lost, reason);
        }
        if (opened) {
            if (everConnected) ++m_reconnects;
            everConnected = true;
            backoff.reset();
            try {
                readLoop(conn);
            } catch (const std::exception& error) {
                // A decode or conversion that throws costs this connection,
                // not the thread: the source reconnects like after a drop.
                if (m_abort) break;
                setState(SourceState::Lost, std::string("read failed: ") + error.what());
            }
            if (m_abort) break;
            std::unique_lock lock(m_mutex);
            if (m_state == SourceState::Ended) {
                m_wake.wait(lock, [&] { return m_abort.load(); });
                break;
            }
        }
        // An operator's "reconnect now" skips the backoff wait (and ends a
        // connection that still seemed alive).
        if (m_reconnectNow.exchange(false)) {
            backoff.reset();
            continue;
        }
        const auto delay = backoff.next();
        if (delay.count() < 0) break;
        if (!sleepInterruptible(delay)) break;
        m_reconnectNow = false;
    }
}

bool MediaSource::connectOnce(Connection& conn) {
    setState(SourceState::Connecting);
    AVFormatContext* raw = avformat_alloc_context();
    if (!raw) throw std::bad_alloc();
    conn.guard.install(raw);
    const AVInputFormat* format = nullptr;
    if (!m_config.format.empty()) {
        format = av_find_input_format(m_config.format.c_str());
        if (!format) {
            avformat_free_context(raw);
            throw std::runtime_error("unknown input format '" + m_config.format + "'");
        }
    }
    AvOptions options;
    if (isNetwork() && !m_config.options.count("analyzeduration")) {
        // A camera joining a live show should be on air within a second or
        // two, not after FFmpeg's default five seconds of probing.
        options.set("analyzeduration", "700000");
        options.set("probesize", "2000000");
    }
    for (const auto& [key, value] : m_config.options)
        options.set(key, value);
    conn.guard.arm(m_config.openTimeout);
    const int opened = avformat_open_input(&raw, m_config.url.c_str(), format, options.get());
    if (opened < 0) throw FfmpegError("open " + m_config.url, opened);
    conn.input.reset(raw);
    if (const std::string leftover = options.leftoverKeys(); !leftover.empty())
        log(LogLevel::Warning, "source " + m_config.id + ": options not understood by FFmpeg: " + leftover);
    conn.guard.arm(m_config.openTimeout);
    {
        // Joined mid-stream (see waitForKeyframe), the probe meets pictures before the first keyframe,
        // and the decoder complains about each: held back, counted, and the first kept for a failure.
        HeldFfmpegMessages held;
        const int found = avformat_find_stream_info(raw, nullptr);
        if (held.count() > 0)
            log(found < 0 ? LogLevel::Warning : LogLevel::Info,
                "source " + m_config.id + ": " + std::to_string(held.count()) +
                    " FFmpeg messages while probing, " +
                    (found < 0 ? "which failed" : "held back (pictures before the first keyframe)") +
                    "; the first: " + held.first());
        checkAv(found, "find stream info");
    }

    conn.videoIndex = av_find_best_stream(raw, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (m_config.wantAudio)
        conn.audioIndex = av_find_best_stream(raw, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (conn.videoIndex < 0 && conn.audioIndex < 0)
        throw std::runtime_error(m_config.wantAudio ? "no video or audio stream" : "no video stream");

    const bool liveInput = isNetwork();
    conn.realtime = !m_config.offline && m_config.realtime.value_or(!liveInput);
    conn.loopable =
        m_config.loop && !liveInput && !(raw->iformat->flags & AVFMT_NOFILE) && m_config.format != "lavfi";

    auto openDecoder = [&](int index, bool video) {
        const AVStream* stream = raw->streams[index];
        const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
        if (!codec)
            throw std::runtime_error("no decoder for " +
                                     std::string(avcodec_get_name(stream->codecpar->codec_id)));
        CodecContextPtr ctx(avcodec_alloc_context3(codec));
        checkAv(avcodec_parameters_to_context(ctx.get(), stream->codecpar), "decoder parameters");
        ctx->pkt_timebase = stream->time_base;
        if (video) {
            // Frame threads add a frame of delay each: fine for files, not for cameras.
            ctx->thread_count = 2;
            ctx->thread_type = liveInput ? FF_THREAD_SLICE : (FF_THREAD_FRAME | FF_THREAD_SLICE);
        }
        checkAv(avcodec_open2(ctx.get(), codec, nullptr), "open decoder");
        return ctx;
    };
    if (conn.videoIndex >= 0) {
        conn.video = openDecoder(conn.videoIndex, true);
        const AVRational rate = av_guess_frame_rate(raw, raw->streams[conn.videoIndex], nullptr);
        if (rate.num > 0 && rate.den > 0) conn.frameDurationUs = av_rescale(1000000, rate.den, rate.num);
        std::lock_guard lock(m_mutex);
        m_fps = rate.den > 0 ? av_q2d(rate) : 0;
    }
    if (conn.audioIndex >= 0) conn.audio = openDecoder(conn.audioIndex, false);
    {
        std::lock_guard lock(m_mutex);
        m_hasAudio = conn.audioIndex >= 0;
    }
    if (m_config.wantAudio && conn.audioIndex < 0)
        log(LogLevel::Warning, "source " + m_config.id + ": audio requested but the input has none");
    if (m_audio) m_audio->reset();
    m_slot.clearEnded();
    return true;
}

void MediaSource::pace(Connection& conn, int64_t ptsUs) {
    if (!conn.realtime) return;
    const auto now = std::chrono::steady_clock::now();
    if (!conn.paceStart) {
        conn.paceStart = now;
        conn.paceOriginUs = ptsUs;
    }
    auto target = *conn.paceStart + std::chrono::microseconds(ptsUs - conn.paceOriginUs);
    // A jump of more than a second (a broken timestamp) restarts the pacing
    // instead of freezing the source or racing through it.
    if (target - now > std::chrono::seconds(1) || now - target > std::chrono::seconds(1)) {
        conn.paceStart = now;
        conn.paceOriginUs = ptsUs;
        return;
    }
    if (target > now) {
        std::unique_lock lock(m_mutex);
        m_wake.wait_until(lock, target, [&] { return m_abort.load(); });
    }
}

void MediaSource::drainDecoder(Connection& conn, AVCodecContext* decoder, AVFrame* frame, ShowFrames show) {
    const bool video = decoder == conn.video.get();
    for (;;) {
        const int got = avcodec_receive_frame(decoder, frame);
        if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return;
        if (got < 0) {
            ++m_framesDropped;
            return;
        }
        if (!video)
            handleAudio(conn, frame);
        else if (show == ShowFrames::All || (show == ShowFrames::NewerOnly &&
                                             sourceTimeUs(conn, conn.videoIndex, frame->best_effort_timestamp,
                                                          m_lastPtsUs + 1) > m_lastPtsUs))
            handleVideo(conn, frame);
        av_frame_unref(frame);
    }
}

void MediaSource::readLoop(Connection& conn) {
    PacketPtr packet = makePacket();
    FramePtr frame = makeFrame();
    AVFormatContext* input = conn.input.get();
    while (!m_abort) {
        // Demuxers that do no I/O (lavfi) never ask the interrupt callback.
        if (m_reconnectNow) {
            setState(SourceState::Connecting, "reconnecting on request");
            return;
        }
        conn.guard.arm(m_config.readTimeout);
        if (faultInjectionEnabled()) injectFault("source.read:" + m_config.id);
        const int read = readPacket(conn, packet.get());
        if (read < 0) {
            if (m_abort) return;
            if (m_reconnectNow) {
                setState(SourceState::Connecting, "reconnecting on request");
                return;
            }
            if (read == AVERROR_EOF && conn.loopable) {
                // Loop the file: flush what the decoders still hold, then
                // continue the timeline where it left off.
                for (auto* decoder : {conn.video.get(), conn.audio.get()}) {
                    if (!decoder) continue;
                    avcodec_send_packet(decoder, nullptr);
                    drainDecoder(conn, decoder, frame.get(), ShowFrames::All);
                    avcodec_flush_buffers(decoder);
                }
                // The pictures kept for a catch-up refer to the file's end, not to what comes next.
                conn.kept.clear();
                conn.catchUp.clear();
                conn.guard.arm(m_config.openTimeout);
                if (av_seek_frame(input, -1, input->start_time == AV_NOPTS_VALUE ? 0 : input->start_time,
                                  AVSEEK_FLAG_BACKWARD) < 0) {
                    setState(SourceState::Lost, "cannot seek to loop");
                    return;
                }
                m_timeOffsetUs = m_lastPtsUs + conn.frameDurationUs;
                conn.baseUs.reset();
                continue;
            }
            if (read == AVERROR_EOF && !isNetwork()) {
                setState(SourceState::Ended, "end of input");
                m_slot.markEnded();
                if (m_audio) m_audio->markEnded();
                return;
            }
            const std::string reason =
                conn.guard.timedOut() ? "no data for " + std::to_string(m_config.readTimeout.count()) + " ms"
                                      : (read == AVERROR_EOF ? "end of stream" : avErrorText(read));
            setState(SourceState::Lost, reason);
            return;
        }
        if (isNetwork() && conn.guard.timedOut()) {
            // The read only came back because the timeout interrupted it: the
            // demuxer then hands out the stale packet it was still assembling.
            // Showing it would flash "signal back" in the middle of a loss.
            av_packet_unref(packet.get());
            setState(SourceState::Lost,
                     "no data for " + std::to_string(m_config.readTimeout.count()) + " ms");
            return;
        }
        AVCodecContext* decoder = nullptr;
        if (packet->stream_index == conn.videoIndex) decoder = conn.video.get();
        if (packet->stream_index == conn.audioIndex) decoder = conn.audio.get();
        if (decoder == conn.video.get() && decoder) {
            if (!waitForKeyframe(conn, *packet)) {
                av_packet_unref(packet.get());
                continue;
            }
            // Read between packets on this thread: the decoder's slice threads only run inside send.
            const bool key = (packet->flags & AV_PKT_FLAG_KEY) != 0;
            DecodeLevel level = m_decodeLevel.load(std::memory_order_relaxed);
            if (level == DecodeLevel::Full && m_appliedLevel != DecodeLevel::Full && !key &&
                conn.kept.complete())
                // Cued or cut to between keyframes: what came since the last one is decoded again, in full.
                startCatchUp(conn, m_appliedLevel);
            else if (m_appliedLevel == DecodeLevel::Keyframes && !key)
                // Out of keyframes-only decoding, with nothing kept to catch up from, the pictures before the
                // next keyframe would refer to pictures never decoded: skip them too.
                level = DecodeLevel::Keyframes;
            m_appliedLevel = level;
            conn.kept.keep(*packet);
            m_keyframesOnly.store(level == DecodeLevel::Keyframes, std::memory_order_relaxed);
            decoder->skip_loop_filter = level == DecodeLevel::Full ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
            decoder->skip_frame = level == DecodeLevel::Keyframes ? AVDISCARD_NONKEY
                                  : level == DecodeLevel::Light   ? AVDISCARD_NONREF
                                                                  : AVDISCARD_DEFAULT;
            if (level == DecodeLevel::Keyframes && !key) m_lastSkippedUs = steadyMicros();
            if (level != DecodeLevel::Full) {
                m_exact = false;
                ++m_framesLight;
            } else if (key) {
                m_exact = true;
            }
        }
        if (decoder && decoder == conn.video.get() && !conn.catchUp.empty()) {
            catchUpStep(conn, *packet, frame.get());
        } else if (decoder) {
            if (avcodec_send_packet(decoder, packet.get()) < 0 && decoder == conn.video.get())
                ++m_framesDropped;
            drainDecoder(conn, decoder, frame.get(), ShowFrames::All);
        }
        av_packet_unref(packet.get());
    }
}

} // namespace hawker::capture
