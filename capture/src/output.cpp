#include "hawker/capture/output.hpp"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <limits>

#include "hawker/capture/av_util.hpp"
#include "hawker/capture/capture_log.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

namespace hawker::capture {

namespace {

// Sound held while the pictures wait for a keyframe: about 11 s of AAC at 48 kHz, more than a keyframe
// interval.
constexpr size_t kMaxHeldSound = 512;

std::string lowerExtension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

/// The container for a destination, and options that make it survive a crash
/// (recordings) or a live link (streams).
const char* containerFor(const OutputConfig& config, AvOptions& options) {
    switch (config.kind) {
    case OutputKind::Rtmp:
        options.set("flvflags", "no_duration_filesize");
        return "flv";
    case OutputKind::Srt:
    case OutputKind::Udp:
        return "mpegts";
    case OutputKind::Record:
        break;
    }
    const std::string ext = lowerExtension(config.target);
    if (ext == ".ts") return "mpegts";
    if (ext == ".mp4" || ext == ".mov") {
        // Fragmented: every fragment is playable on its own, so a killed
        // process loses at most the fragment being written.
        options.set("movflags", "frag_keyframe+empty_moov+default_base_moof");
        options.set("frag_duration", "1000000");
        return "mp4";
    }
    if (ext == ".flv") return "flv";
    // Matroska: clusters of at most a second, each written out when closed.
    options.set("cluster_time_limit", "1000");
    return "matroska";
}

/// A failed write in words an operator acts on: a full disk says so.
std::string writeErrorText(int code) {
    if (code == AVERROR(ENOSPC)) return "disk full (" + avErrorText(code) + ")";
    if (code == AVERROR(EDQUOT)) return "disk quota exceeded (" + avErrorText(code) + ")";
    return avErrorText(code);
}
} // namespace

const char* toString(OutputKind kind) {
    switch (kind) {
    case OutputKind::Record:
        return "record";
    case OutputKind::Rtmp:
        return "rtmp";
    case OutputKind::Srt:
        return "srt";
    case OutputKind::Udp:
        return "udp";
    }
    return "?";
}

const char* toString(OutputState state) {
    switch (state) {
    case OutputState::Idle:
        return "idle";
    case OutputState::Connecting:
        return "connecting";
    case OutputState::Live:
        return "live";
    case OutputState::Reconnecting:
        return "reconnecting";
    case OutputState::Failed:
        return "failed";
    case OutputState::Stopped:
        return "stopped";
    }
    return "?";
}

struct Output::Muxer {
    explicit Muxer(const std::atomic<bool>& abort) : guard(abort) {}
    InterruptGuard guard;
    OutputFormatPtr context;
    bool headerWritten = false;
};

Output::Output(OutputConfig config, std::vector<StreamDescription> streams, OutputEventHook hook)
    : m_config(std::move(config)), m_streams(std::move(streams)), m_hook(std::move(hook)) {
    if (m_config.displayTarget.empty()) m_config.displayTarget = m_config.target;
}

Output::~Output() {
    stop();
}

bool Output::open(Muxer& muxer) {
    AvOptions options;
    const char* container = containerFor(m_config, options);
    if (m_config.kind == OutputKind::Record) {
        const auto parent = std::filesystem::path(m_config.target).parent_path();
        std::error_code ignored;
        if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
    }
    AVFormatContext* raw = nullptr;
    checkAv(avformat_alloc_output_context2(&raw, nullptr, container, m_config.target.c_str()),
            "output format");
    muxer.context.reset(raw);
    muxer.guard.install(raw);
    if (m_config.kind == OutputKind::Record) raw->flags |= AVFMT_FLAG_FLUSH_PACKETS;
    for (const auto& description : m_streams) {
        AVStream* stream = avformat_new_stream(raw, nullptr);
        if (!stream) throw std::bad_alloc();
        checkAv(avcodec_parameters_copy(stream->codecpar, description.parameters.get()), "stream parameters");
        stream->codecpar->codec_tag = 0;
        stream->time_base = AVRational{description.timeBaseNum, description.timeBaseDen};
        if (description.kind == StreamKind::Video)
            stream->avg_frame_rate = AVRational{description.timeBaseDen, description.timeBaseNum};
    }
    muxer.guard.arm(m_config.ioTimeout);
    if (!(raw->oformat->flags & AVFMT_NOFILE)) {
        AvOptions connection;
        if (m_config.target.rfind("rtmps://", 0) == 0) {
            connection.set("tls_verify", m_config.tlsVerify ? "1" : "0");
            if (!m_config.caFile.empty()) connection.set("ca_file", m_config.caFile);
        }
        const int opened = avio_open2(&raw->pb, m_config.target.c_str(), AVIO_FLAG_WRITE,
                                      &raw->interrupt_callback, connection.get());
        if (opened < 0) {
            throw std::runtime_error(
                "cannot open " + m_config.displayTarget + ": " +
                (muxer.guard.timedOut()
                     ? "no answer within " + std::to_string(m_config.ioTimeout.count()) + " ms"
                     : avErrorText(opened)));
        }
    }
    muxer.guard.arm(m_config.ioTimeout);
    const int header = avformat_write_header(raw, options.get());
    if (header < 0) throw std::runtime_error("write header: " + writeErrorText(header));
    muxer.headerWritten = true;
    return true;
}

void Output::start() {
    if (m_config.kind == OutputKind::Record) {
        auto muxer = std::make_unique<Muxer>(m_abort);
        try {
            open(*muxer);
        } catch (const std::exception& error) {
            setState(OutputState::Failed, error.what());
            throw std::runtime_error("output " + m_config.id + ": " + error.what());
        }
        m_firstMuxer = std::move(muxer);
    }
    m_thread = std::thread([this] {
        setThreadName("out:" + m_config.id);
        run();
    });
}

void Output::setState(OutputState state, const std::string& detail) {
    {
        std::lock_guard lock(m_mutex);
        if (m_state == state && detail.empty()) return;
        m_state = state;
        if (!detail.empty() && (state == OutputState::Failed || state == OutputState::Reconnecting))
            m_lastError = detail;
    }
    m_changed.notify_all();
    const LogLevel level = state == OutputState::Failed || state == OutputState::Reconnecting
                               ? LogLevel::Warning
                               : LogLevel::Info;
    log(level, "output " + m_config.id + " state=" + toString(state) + (detail.empty() ? "" : " " + detail));
    if (m_hook) m_hook(m_config.id, toString(state), detail);
}

bool Output::waitInterruptible(std::chrono::milliseconds delay) {
    std::unique_lock lock(m_mutex);
    return !m_changed.wait_for(lock, delay, [&] { return m_abort.load() || m_draining.load(); });
}

int64_t Output::packetMs(const EncodedPacket& packet) const {
    const auto& description = m_streams[static_cast<size_t>(packet.kind)];
    return av_rescale(packet.packet->pts, int64_t{1000} * description.timeBaseNum, description.timeBaseDen);
}

void Output::push(const EncodedPacket& packet) {
    std::lock_guard lock(m_mutex);
    if (m_state == OutputState::Failed || m_state == OutputState::Stopped) return;
    m_queue.push_back(packet);
    // Over the limit (a slow or dead destination): the oldest packets go, so
    // that what is left, and sent when the link is back, is the newest.
    // Video then resumes at a keyframe so the stream stays decodable.
    while (m_queue.size() > 1 &&
           packetMs(m_queue.back()) - packetMs(m_queue.front()) > m_config.queueLimit.count()) {
        if (m_queue.front().kind == StreamKind::Video) m_waitKeyframe = true;
        m_queue.pop_front();
        ++m_dropped;
    }
    m_changed.notify_all();
}

void Output::run() {
    Backoff backoff(m_config.reconnect);
    bool everLive = false;
    while (!m_abort) {
        std::unique_ptr<Muxer> muxer = std::move(m_firstMuxer);
        if (!muxer) {
            if (m_draining) break;
            muxer = std::make_unique<Muxer>(m_abort);
            setState(everLive ? OutputState::Reconnecting : OutputState::Connecting);
            try {
                open(*muxer);
            } catch (const std::exception& error) {
                if (m_abort) break;
                if (m_config.kind == OutputKind::Record) {
                    setState(OutputState::Failed, error.what());
                    break;
                }
                const auto delay = backoff.next();
                if (delay.count() < 0) {
                    setState(OutputState::Failed, std::string(error.what()) + "; giving up");
                    break;
                }
                {
                    std::lock_guard lock(m_mutex);
                    m_retryAt = std::chrono::steady_clock::now() + delay;
                }
                setState(OutputState::Reconnecting, "retry #" + std::to_string(backoff.attempts()) + " in " +
                                                        std::to_string(delay.count()) +
                                                        " ms: " + error.what());
                if (!waitInterruptible(delay)) break;
                continue;
            }
        }
        {
            // (Re)connected: start from the newest keyframe so the platform
            // gets current pictures instead of a burst of stale ones.
            std::lock_guard lock(m_mutex);
            auto keyframe = std::find_if(m_queue.rbegin(), m_queue.rend(), [](const EncodedPacket& p) {
                return p.kind == StreamKind::Video && p.keyframe;
            });
            if (keyframe != m_queue.rend()) {
                // The pictures before it go. The sound before it in the queue may be of the keyframe's time
                // or later (the sound's encode runs ahead of the pictures'): the keyframe wait sorts it out.
                const auto first = std::prev(keyframe.base());
                m_queue.erase(
                    std::remove_if(m_queue.begin(), first,
                                   [](const EncodedPacket& p) { return p.kind == StreamKind::Video; }),
                    first);
            }
            m_waitKeyframe = true;
            m_retryAt = {};
        }
        if (everLive) {
            ++m_reconnects;
            if (m_hook) m_hook(m_config.id, "reconnected", "");
            std::lock_guard lock(m_mutex);
            m_lastError.clear(); // recovered: the status shows no stale error
            m_watch.reset();     // a new connection is a new stream for the platform
        }
        everLive = true;
        backoff.reset();
        setState(OutputState::Live);

        AVFormatContext* context = muxer->context.get();
        PacketPtr scratch = makePacket();
        bool failed = false;
        // Sound that came while the pictures wait for a keyframe: what is of the keyframe's time or later
        // goes out after it, so the stream starts with its sound.
        std::deque<EncodedPacket> heldSound;
        // What the keyframe wait passes over counts as dropped once the stream has begun. Before its first
        // packet, the stream simply starts at a keyframe: the encoder's priming sound and, for an output
        // started mid-show, the pictures before the next keyframe were never part of it.
        const auto passedOver = [this] {
            if (m_sent > 0) ++m_dropped;
        };
        // The time the stream (re)started at, its keyframe's. Sound from before it is passed over whenever
        // it comes: the sound is encoded on a thread of its own, so its first packet (the encoder's
        // priming) may come just after that keyframe as well as before. Sent, it would move the file's
        // start by one sound frame in some runs and not in others.
        int64_t startMs = std::numeric_limits<int64_t>::min();
        bool startedMidStream = false; // what it passes over then counts as dropped
        for (;;) {
            EncodedPacket next;
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [&] { return !m_queue.empty() || m_draining || m_abort; });
                if (m_abort || m_queue.empty()) break; // stopping, queue written
                next = std::move(m_queue.front());
                m_queue.pop_front();
                if (m_waitKeyframe) {
                    if (next.kind == StreamKind::Audio) {
                        heldSound.push_back(std::move(next));
                        if (heldSound.size() > kMaxHeldSound) {
                            heldSound.pop_front();
                            passedOver();
                        }
                        continue;
                    }
                    if (!next.keyframe) {
                        passedOver();
                        continue;
                    }
                    m_waitKeyframe = false;
                    const int64_t keyframeMs = packetMs(next);
                    startMs = keyframeMs;
                    startedMidStream = m_sent > 0;
                    for (auto held = heldSound.rbegin(); held != heldSound.rend(); ++held) {
                        if (packetMs(*held) >= keyframeMs)
                            m_queue.push_front(std::move(*held));
                        else
                            passedOver();
                    }
                    heldSound.clear();
                } else if (next.kind == StreamKind::Audio && packetMs(next) < startMs) {
                    if (startedMidStream) ++m_dropped;
                    continue;
                }
            }
            av_packet_ref(scratch.get(), next.packet.get());
            const size_t index = static_cast<size_t>(next.kind);
            scratch->stream_index = static_cast<int>(index);
            const auto& description = m_streams[index];
            av_packet_rescale_ts(scratch.get(), AVRational{description.timeBaseNum, description.timeBaseDen},
                                 context->streams[index]->time_base);
            const int size = scratch->size;
            const int64_t sentMs = av_rescale(next.packet->pts, int64_t{1000} * description.timeBaseNum,
                                              description.timeBaseDen);
            muxer->guard.arm(m_config.ioTimeout);
            const int written = av_interleaved_write_frame(context, scratch.get());
            av_packet_unref(scratch.get());
            if (written < 0) {
                if (m_abort) break;
                const std::string reason =
                    muxer->guard.timedOut()
                        ? "write stalled for " + std::to_string(m_config.ioTimeout.count()) + " ms"
                        : writeErrorText(written);
                if (m_config.kind == OutputKind::Record) {
                    // A recording does not retry into the same file: it fails
                    // here (the encoder and the other outputs go on) and is
                    // started again into a new file once there is room.
                    {
                        std::lock_guard lock(m_mutex);
                        m_queue.clear();
                    }
                    muxer->guard.arm(m_config.ioTimeout);
                    finishFile(context);
                    setState(OutputState::Failed, reason);
                    return;
                }
                setState(OutputState::Reconnecting, "connection lost: " + reason);
                failed = true;
                break;
            }
            ++m_sent;
            m_bytes += static_cast<uint64_t>(size);
            if (m_config.kind == OutputKind::Record) noteWritten(next);
            std::lock_guard lock(m_mutex);
            const auto now = std::chrono::steady_clock::now();
            m_rate.push_back({now, m_bytes.load()});
            if (next.kind == StreamKind::Video) m_watch.onVideo(sentMs, size, next.keyframe);
            while (m_rate.size() > 2 && now - m_rate.front().at > std::chrono::seconds(3))
                m_rate.pop_front();
        }
        if (!failed) {
            // Clean stop: finish the file so players see its duration and index.
            muxer->guard.arm(m_config.ioTimeout);
            if (muxer->headerWritten) finishFile(context);
            setState(OutputState::Stopped);
            return;
        }
        muxer.reset();
        const auto delay = backoff.next();
        if (delay.count() < 0) {
            setState(OutputState::Failed, "too many retries");
            break;
        }
        {
            std::lock_guard lock(m_mutex);
            m_retryAt = std::chrono::steady_clock::now() + delay;
        }
        setState(OutputState::Reconnecting, "retry #" + std::to_string(backoff.attempts()) + " in " +
                                                std::to_string(delay.count()) + " ms");
        if (!waitInterruptible(delay)) break;
    }
    std::lock_guard lock(m_mutex);
    if (m_state != OutputState::Failed) m_state = OutputState::Stopped;
    m_queue.clear();
}

void Output::noteWritten(const EncodedPacket& packet) {
    const auto& description = m_streams[static_cast<size_t>(packet.kind)];
    const int64_t ms =
        av_rescale(packet.packet->pts, int64_t{1000} * description.timeBaseNum, description.timeBaseDen);
    const int64_t duration =
        av_rescale(packet.packet->duration, int64_t{1000} * description.timeBaseNum, description.timeBaseDen);
    m_lastMs = std::max(m_lastMs, ms + duration);
    if (packet.kind == StreamKind::Video && m_firstFrameMs < 0) {
        m_firstFrameMs = ms;
        try {
            if (m_config.onFirstFrame) m_config.onFirstFrame(ms);
        } catch (const std::exception& error) {
            log(LogLevel::Warning, "output " + m_config.id + ": " + error.what());
        }
    }
}

void Output::setChapters(std::vector<Chapter> chapters) {
    std::lock_guard lock(m_mutex);
    m_chapters = std::move(chapters);
}

void Output::finishFile(AVFormatContext* context) {
    std::vector<Chapter> chapters;
    {
        std::lock_guard lock(m_mutex);
        chapters = m_chapters;
    }
    try {
        if (m_firstFrameMs >= 0) capture::setChapters(context, chapters, m_firstFrameMs, m_lastMs);
    } catch (const std::exception& error) {
        // Chapters are a convenience: the recording is finished without them.
        log(LogLevel::Warning, "output " + m_config.id + ": chapters not written: " + error.what());
    }
    av_write_trailer(context);
}

void Output::stop() {
    if (!m_thread.joinable()) {
        m_firstMuxer.reset();
        return;
    }
    {
        std::unique_lock lock(m_mutex);
        m_draining = true;
        m_changed.notify_all();
        // Give the queue the I/O timeout to drain; a dead peer is then cut off.
        m_changed.wait_for(lock, m_config.ioTimeout + std::chrono::seconds(1),
                           [&] { return m_state == OutputState::Stopped || m_state == OutputState::Failed; });
    }
    m_abort = true;
    m_changed.notify_all();
    m_thread.join();
}

OutputStats Output::stats() const {
    OutputStats s;
    s.id = m_config.id;
    s.kind = m_config.kind;
    s.target = m_config.displayTarget;
    s.packetsSent = m_sent;
    s.packetsDropped = m_dropped;
    s.bytesSent = m_bytes;
    s.reconnects = m_reconnects;
    std::lock_guard lock(m_mutex);
    s.state = m_state;
    s.lastError = m_lastError;
    s.sent = m_watch.reading();
    if (m_retryAt != std::chrono::steady_clock::time_point{}) {
        s.retryInMs =
            static_cast<int>(std::max<int64_t>(0, std::chrono::duration_cast<std::chrono::milliseconds>(
                                                      m_retryAt - std::chrono::steady_clock::now())
                                                      .count()));
    }
    if (m_rate.size() >= 2) {
        const double seconds = std::chrono::duration<double>(m_rate.back().at - m_rate.front().at).count();
        if (seconds > 0.2)
            s.kbps = static_cast<double>(m_rate.back().bytes - m_rate.front().bytes) * 8.0 / 1000.0 / seconds;
    }
    return s;
}

} // namespace hawker::capture
