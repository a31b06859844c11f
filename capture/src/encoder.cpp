#include "hawker/capture/encoder.hpp"

#include "hawker/capture/fault_injection.hpp"

#include <algorithm>
#include <chrono>
#include <future>
#include <stdexcept>

#include "hawker/capture/capture_log.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/opt.h>
}

namespace hawker::capture {

namespace {
constexpr size_t kLatencyRing = 512;
constexpr int64_t kRateWindowUs = 2'000'000;

/// Wraps the composed picture in an AVFrame without copying: the buffer
/// keeps the shared picture alive until the encoder lets go of it.
FramePtr wrapPicture(const std::shared_ptr<const cv::Mat>& picture, int width, int height) {
    FramePtr frame = makeFrame();
    auto* holder = new std::shared_ptr<const cv::Mat>(picture);
    const size_t size = static_cast<size_t>(width) * static_cast<size_t>(height) * 3 / 2;
    frame->buf[0] = av_buffer_create(
        const_cast<uint8_t*>(picture->data), size,
        [](void* opaque, uint8_t*) { delete static_cast<std::shared_ptr<const cv::Mat>*>(opaque); }, holder,
        AV_BUFFER_FLAG_READONLY);
    if (!frame->buf[0]) {
        delete holder;
        throw std::bad_alloc();
    }
    uint8_t* base = frame->buf[0]->data;
    frame->data[0] = base;
    frame->data[1] = base + width * height;
    frame->data[2] = base + width * height + width * height / 4;
    frame->linesize[0] = width;
    frame->linesize[1] = width / 2;
    frame->linesize[2] = width / 2;
    frame->width = width;
    frame->height = height;
    frame->format = AV_PIX_FMT_YUV420P;
    return frame;
}
} // namespace

Encoder::Encoder(EncoderSettings settings, PacketSink sink, std::string name)
    : m_settings(std::move(settings)), m_sink(std::move(sink)), m_name(std::move(name)),
      m_captureByIndex(kLatencyRing, 0), m_packet(makePacket()) {}

Encoder::~Encoder() {
    finish();
}

void Encoder::start() {
    // The codec opens on the encoder's own thread, so that x264's worker threads, which take the
    // name of the thread that makes them, are named after this encode (per-thread CPU figures).
    std::promise<void> opened;
    std::future<void> result = opened.get_future();
    // The promise moves to the thread: start() may return while set_value() is still finishing.
    m_thread = std::thread([this, opened = std::move(opened)]() mutable {
        setThreadName(m_name == "program" ? "encoder" : ("enc-" + m_name).substr(0, 15));
        try {
            openCodec();
            opened.set_value();
        } catch (...) {
            opened.set_exception(std::current_exception());
            return;
        }
        try {
            run();
        } catch (...) {
            log(LogLevel::Error,
                "encoder " + m_name + " stopped by an unexpected error; its outputs get no more packets");
        }
    });
    try {
        result.get();
    } catch (...) {
        m_thread.join();
        throw;
    }
}

void Encoder::openCodec() {
    const AVCodec* x264 = avcodec_find_encoder_by_name("libx264");
    if (!x264) throw std::runtime_error("FFmpeg was built without libx264");
    m_video.reset(avcodec_alloc_context3(x264));
    AVCodecContext* v = m_video.get();
    v->width = m_settings.width;
    v->height = m_settings.height;
    v->pix_fmt = AV_PIX_FMT_YUV420P;
    v->time_base = AVRational{1, m_settings.fps};
    v->framerate = AVRational{m_settings.fps, 1};
    v->sample_aspect_ratio = AVRational{1, 1};
    v->bit_rate = int64_t{m_settings.bitrateKbps} * 1000;
    v->rc_max_rate = v->bit_rate;
    v->rc_buffer_size = static_cast<int>(v->bit_rate);
    v->gop_size = m_settings.fps * m_settings.keyintSeconds;
    v->keyint_min = v->gop_size;
    v->max_b_frames = 0;
    // 0 unless the show says, which lets x264 choose (sliced threads under
    // zerolatency); libavcodec's own default of 1 would leave every core but
    // one idle on a big frame.
    v->thread_count = m_settings.threads;
    v->color_range = AVCOL_RANGE_MPEG;
    v->colorspace = AVCOL_SPC_BT709;
    v->color_primaries = AVCOL_PRI_BT709;
    v->color_trc = AVCOL_TRC_BT709;
    if (m_settings.globalHeader) v->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    AvOptions videoOptions;
    videoOptions.set("preset", m_settings.preset);
    if (!m_settings.tune.empty()) videoOptions.set("tune", m_settings.tune);
    videoOptions.set("profile", m_settings.profile);
    // Platforms want a keyframe exactly every keyint (no extra ones at scene
    // cuts) and a constant bitrate; filler keeps it constant on static scenes.
    videoOptions.set("x264-params", "filler=1:scenecut=0");
    checkAv(avcodec_open2(v, x264, videoOptions.get()), "open libx264");
}

StreamDescription Encoder::stream() const {
    return describeStream(m_video.get(), StreamKind::Video);
}

namespace {

/// The live queue's warm-up at `fps`: how many ticks it lasts, and the limit over it (a second's worth).
struct WarmUp {
    uint64_t ticks;
    size_t held;
};
WarmUp warmUpAt(int fps) {
    const uint64_t rate = fps > 0 ? static_cast<uint64_t>(fps) : 0;
    return {static_cast<uint64_t>(Encoder::kWarmupSeconds) * rate,
            std::max(Encoder::kMaxQueue, static_cast<size_t>(rate))};
}

} // namespace

size_t Encoder::queueLimit(uint64_t framesIn, int fps) {
    // x264's first frames are its slowest, and they come while every camera and
    // the console start too: for the first seconds the queue may hold a second
    // of frames rather than drop them (the latency then is the start's only).
    const WarmUp warmUp = warmUpAt(fps);
    if (framesIn <= warmUp.ticks) return warmUp.held;
    // Then the limit comes down a tick at a time, not at once. An encoder still
    // behind its backlog then drops one tick in kEaseEvery for a while (a short
    // stretch at a lower rate on air) instead of every tick until the backlog is
    // gone (a freeze, then a jump, of up to a second).
    const uint64_t eased = (framesIn - warmUp.ticks) / kEaseEvery;
    return eased >= warmUp.held - kMaxQueue ? kMaxQueue : warmUp.held - static_cast<size_t>(eased);
}

uint64_t Encoder::steadyFrom(int fps) {
    const WarmUp warmUp = warmUpAt(fps);
    return warmUp.ticks + (warmUp.held - kMaxQueue) * kEaseEvery;
}

bool Encoder::tryPush(ProgramTick tick) {
    std::lock_guard lock(m_mutex);
    ++m_framesIn;
    const size_t limit = queueLimit(m_framesIn, m_settings.fps);
    if (m_queue.size() >= limit) {
        ++m_framesDropped;
        return false;
    }
    m_newestIn = std::max(m_newestIn.load(), tick.index);
    m_queue.push_back(std::move(tick));
    m_changed.notify_all();
    return true;
}

void Encoder::push(ProgramTick tick) {
    std::unique_lock lock(m_mutex);
    ++m_framesIn;
    m_changed.wait(lock, [&] { return m_queue.size() < kMaxQueue; });
    m_newestIn = std::max(m_newestIn.load(), tick.index);
    m_queue.push_back(std::move(tick));
    m_changed.notify_all();
}

void Encoder::finish() {
    {
        std::lock_guard lock(m_mutex);
        m_finishing = true;
        m_changed.notify_all();
    }
    if (m_thread.joinable()) m_thread.join();
}

void Encoder::run() {
    for (;;) {
        ProgramTick tick;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return !m_queue.empty() || m_finishing; });
            if (m_queue.empty()) break;
            tick = std::move(m_queue.front());
            m_queue.pop_front();
            m_changed.notify_all();
        }
        try {
            injectFault("encoder.tick");
            injectDelay("encoder.tick:" + m_name);
            encodeTick(tick);
        } catch (const std::exception& error) {
            log(LogLevel::Error, "encoder " + m_name + ": " + error.what());
        }
    }
    try {
        encodeVideo(nullptr);
    } catch (const std::exception& error) {
        log(LogLevel::Error, "encoder " + m_name + " flush: " + error.what());
    }
}

void Encoder::encodeTick(ProgramTick& tick) {
    const auto started = std::chrono::steady_clock::now();
    // The figure operators watch is the steady state: over the warm-up and its easing (the first 7.2 s at
    // 30 fps) the queue may hold up to a second by design, while x264, every camera and the console start
    // (see queueLimit). A tick of that time is left out of the latency figures (0: no capture time).
    ++m_ticksEncoded;
    m_captureByIndex[static_cast<size_t>(tick.index) % kLatencyRing] =
        m_ticksEncoded >= steadyFrom(m_settings.fps) ? tick.captureUs : 0;
    if (tick.picture) {
        if (tick.picture->cols != m_settings.width || tick.picture->rows != m_settings.height * 3 / 2 ||
            !tick.picture->isContinuous())
            throw std::invalid_argument("a picture of another size than the encode's");
        m_lastPicture = std::move(tick.picture);
    }
    // Without any picture yet there is nothing to repeat: the stream starts at the first one.
    if (m_lastPicture) {
        FramePtr frame = wrapPicture(m_lastPicture, m_settings.width, m_settings.height);
        frame->pts = tick.index;
        encodeVideo(frame.get());
    }
    m_encodeMs.add(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
}

void Encoder::encodeVideo(AVFrame* frame) {
    const int sent = avcodec_send_frame(m_video.get(), frame);
    if (sent < 0 && sent != AVERROR_EOF) checkAv(sent, "encode video");
    receive();
}

void Encoder::receive() {
    for (;;) {
        const int got = avcodec_receive_packet(m_video.get(), m_packet.get());
        if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return;
        checkAv(got, "receive packet");
        ++m_videoPackets;
        m_newestOut = std::max(m_newestOut.load(), m_packet->pts);
        {
            const int64_t now = steadyMicros();
            std::lock_guard lock(m_rateMutex);
            m_encodedAtUs.push_back(now);
            while (!m_encodedAtUs.empty() && m_encodedAtUs.front() < now - kRateWindowUs)
                m_encodedAtUs.pop_front();
        }
        m_videoBytes += static_cast<uint64_t>(m_packet->size);
        const int64_t captured = m_captureByIndex[static_cast<size_t>(m_packet->pts) % kLatencyRing];
        if (captured > 0) // 0 for the warm-up's ticks (see encodeTick)
            m_latencyMs.add(static_cast<double>(steadyMicros() - captured) / 1000.0);
        m_sink(sharePacket(m_packet.get(), StreamKind::Video));
    }
}

EncoderStats Encoder::stats() const {
    EncoderStats s;
    s.framesIn = m_framesIn;
    s.framesDropped = m_framesDropped;
    s.videoPackets = m_videoPackets;
    s.videoBytes = m_videoBytes;
    {
        std::lock_guard lock(m_mutex);
        s.queued = m_queue.size();
    }
    s.encodeMsMedian = m_encodeMs.median();
    s.latencyMsMedian = m_latencyMs.median();
    s.latencyMsP99 = m_latencyMs.quantile(0.99);
    {
        std::lock_guard lock(m_rateMutex);
        const int64_t now = steadyMicros();
        const auto recent = std::count_if(m_encodedAtUs.begin(), m_encodedAtUs.end(),
                                          [&](int64_t at) { return at >= now - kRateWindowUs; });
        s.fps = static_cast<double>(recent) * 1e6 / kRateWindowUs;
    }
    const int64_t newestIn = m_newestIn, newestOut = m_newestOut;
    if (newestIn >= 0 && newestOut >= 0 && newestIn > newestOut)
        s.lagMs = static_cast<double>(newestIn - newestOut) * 1000.0 / m_settings.fps;
    return s;
}

} // namespace hawker::capture
