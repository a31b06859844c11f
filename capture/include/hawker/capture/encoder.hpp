#pragma once
// One encode of the program's pictures: libx264 on its own thread, fed one
// program tick at a time. Outputs with the same settings share one; each
// different size, bitrate or keyframe interval has its own, so a slow one
// drops its own frames and nobody else's. The sound is encoded apart, once
// for all of them (audio_encoder.hpp).

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <opencv2/core.hpp>

#include "hawker/capture/av_util.hpp"
#include "hawker/capture/encoded_packet.hpp"
#include "hawker/capture/encoder_settings.hpp"
#include "hawker/capture/sample_window.hpp"

namespace hawker::capture {

/// One program frame and the audio that plays during it (the encodes of the pictures ignore the audio:
/// the sound's own encoder takes it).
struct ProgramTick {
    int64_t index = 0; ///< frame number on the program clock
    /// Contiguous I420, height*3/2 rows of width bytes; null repeats the last picture.
    std::shared_ptr<const cv::Mat> picture;
    std::vector<float> audioLeft, audioRight;
    int64_t captureUs = 0; ///< steady time the newest on-air camera frame in it arrived (0: none)
};

struct EncoderStats {
    uint64_t framesIn = 0, framesDropped = 0, videoPackets = 0;
    uint64_t videoBytes = 0;
    size_t queued = 0;
    double encodeMsMedian = -1;
    /// Capture to encoded packet, in the steady state (from steadyFrom on): -1 before it.
    double latencyMsMedian = -1, latencyMsP99 = -1;
    double fps = 0;   ///< video frames encoded per second over the last 2 s
    double lagMs = 0; ///< how far the newest encoded frame is behind the newest accepted one
};

class Encoder {
public:
    using PacketSink = std::function<void(const EncodedPacket&)>;

    /// `name` tells encodes apart in logs and thread names ("program", an output's id).
    Encoder(EncoderSettings settings, PacketSink sink, std::string name = "program");
    ~Encoder();
    Encoder(const Encoder&) = delete;
    Encoder& operator=(const Encoder&) = delete;

    /// Opens the codec (throws FfmpegError with a reason) and starts the thread.
    void start();
    /// Live: never waits; a full queue drops the tick and counts it. The queue
    /// holds kMaxQueue ticks, or a second's worth over the first kWarmupSeconds,
    /// coming down from there one tick every kEaseEvery ticks.
    bool tryPush(ProgramTick tick);
    static constexpr size_t kMaxQueue = 8;
    static constexpr int kWarmupSeconds = 5;
    static constexpr uint64_t kEaseEvery = 3;
    /// The queue's limit for the framesIn-th tick given (counting from 1).
    static size_t queueLimit(uint64_t framesIn, int fps);
    /// The first tick (counting from 1) whose queue limit is kMaxQueue: the end of the warm-up and of its
    /// easing, from which the latency figures are counted (before it the queue may hold a second by design).
    static uint64_t steadyFrom(int fps);
    /// Offline: waits for room, so that no frame is ever dropped.
    void push(ProgramTick tick);
    /// Encodes what is queued, flushes the codec and joins the thread.
    void finish();

    StreamDescription stream() const;
    EncoderStats stats() const;
    /// The ticks this encode dropped so far (cheap: no medians, for a once-a-second check).
    uint64_t framesDropped() const { return m_framesDropped; }
    const EncoderSettings& settings() const { return m_settings; }
    const std::string& name() const { return m_name; }

private:
    void openCodec();
    void run();
    void encodeTick(ProgramTick& tick);
    void encodeVideo(AVFrame* frame);
    void receive();

    EncoderSettings m_settings;
    PacketSink m_sink;
    std::string m_name;
    std::shared_ptr<const cv::Mat> m_lastPicture; ///< encoder thread: repeated for a tick without one
    CodecContextPtr m_video;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<ProgramTick> m_queue;
    bool m_finishing = false;

    std::vector<int64_t> m_captureByIndex; ///< ring: program index -> capture time, for latency
    uint64_t m_ticksEncoded = 0;           ///< the encoder thread's own count
    std::atomic<uint64_t> m_framesIn{0}, m_framesDropped{0}, m_videoPackets{0}, m_videoBytes{0};
    SampleWindow m_encodeMs, m_latencyMs;
    std::atomic<int64_t> m_newestIn{-1}, m_newestOut{-1}; ///< program indexes, for the lag
    mutable std::mutex m_rateMutex;
    std::deque<int64_t> m_encodedAtUs; ///< steady time of each video packet of the last 2 s
    PacketPtr m_packet;
};

} // namespace hawker::capture
