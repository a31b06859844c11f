#pragma once
// A destination of the encoded program: a recording, an RTMP server, an
// SRT/UDP receiver. Each has its own bounded queue and thread, so a slow or
// dead destination never stalls the encoder or the others.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hawker/capture/backoff.hpp"
#include "hawker/capture/chapters.hpp"
#include "hawker/capture/encoded_packet.hpp"
#include "hawker/capture/encoder.hpp"
#include "hawker/capture/stream_watch.hpp"

namespace hawker::capture {

enum class OutputKind { Record, Rtmp, Srt, Udp };
enum class OutputState { Idle, Connecting, Live, Reconnecting, Failed, Stopped };
const char* toString(OutputKind kind);
const char* toString(OutputState state);

struct OutputConfig {
    std::string id;
    OutputKind kind = OutputKind::Record;
    std::string target;                         ///< file path or URL, secrets included
    std::string displayTarget;                  ///< the same with secrets masked, for logs and the UI
    std::chrono::milliseconds queueLimit{3000}; ///< how far behind it may fall before dropping
    std::chrono::milliseconds ioTimeout{5000};  ///< a write or connect silent this long fails
    BackoffPolicy reconnect;                    ///< OBS-like: 2 s, x1.5, jitter, capped
    /// rtmps://: the server's certificate is checked (against caFile, else the system's trusted
    /// authorities), so a stream key never goes to a server that only claims to be the platform.
    bool tlsVerify = true;
    std::string caFile;
    /// A recording's first video frame is written: its time on the encoder's clock (ms), so the
    /// caller can tie the file's timestamps to the program's. Called on the output's thread.
    std::function<void(int64_t firstFrameMs)> onFirstFrame;
};

struct OutputStats {
    std::string id;
    OutputKind kind;
    OutputState state = OutputState::Idle;
    std::string target; ///< masked
    uint64_t packetsSent = 0, packetsDropped = 0, bytesSent = 0, reconnects = 0;
    double kbps = 0;    ///< over the last few seconds
    int retryInMs = -1; ///< while reconnecting: time to the next attempt
    std::string lastError;
    /// What it sent, on the stream's clock (stream_watch.hpp): the video bitrate over the last 5 s, the
    /// keyframe spacing, and how much stream time that covers.
    StreamReading sent;
};

/// Hook for the on-air timeline: every state change, retry and recovery.
using OutputEventHook =
    std::function<void(const std::string& id, const std::string& event, const std::string& detail)>;

class Output {
public:
    Output(OutputConfig config, std::vector<StreamDescription> streams, OutputEventHook hook = {});
    ~Output();
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;

    /// Recordings open their file here, so a path that cannot be written is
    /// an error before the show starts; network outputs connect on their thread.
    void start();
    /// Never waits. When the queue is over its limit the packet is dropped,
    /// and video is then skipped up to the next keyframe so the stream stays decodable.
    void push(const EncodedPacket& packet);
    /// Writes what is queued (bounded by the I/O timeout), closes the file or
    /// connection properly, and joins the thread.
    void stop();

    OutputStats stats() const;
    const OutputConfig& config() const { return m_config; }
    /// A recording's chapters, on the encoder's clock (ms), replacing the
    /// earlier ones; written with the file's trailer.
    void setChapters(std::vector<Chapter> chapters);

private:
    struct Muxer;
    void run();
    bool open(Muxer& muxer);
    void setState(OutputState state, const std::string& detail = {});
    bool waitInterruptible(std::chrono::milliseconds delay);

    OutputConfig m_config;
    std::vector<StreamDescription> m_streams;
    OutputEventHook m_hook;
    std::thread m_thread;
    std::atomic<bool> m_abort{false};    ///< stop now: interrupts any blocking I/O
    std::atomic<bool> m_draining{false}; ///< finish the queue, then stop

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<EncodedPacket> m_queue;
    bool m_waitKeyframe = true; ///< after a drop or a (re)connect, video resumes at a keyframe
    /// A packet's time on its stream's clock, in ms.
    int64_t packetMs(const EncodedPacket& packet) const;
    OutputState m_state = OutputState::Idle;
    std::string m_lastError;
    std::chrono::steady_clock::time_point m_retryAt{};
    std::unique_ptr<Muxer> m_firstMuxer;       ///< a recording opened by start()
    std::vector<Chapter> m_chapters;           ///< guarded by m_mutex
    int64_t m_firstFrameMs = -1, m_lastMs = 0; ///< the output thread's: what the file holds
    void noteWritten(const EncodedPacket& packet);
    /// Writes the chapters and the trailer of a recording.
    void finishFile(AVFormatContext* context);

    std::atomic<uint64_t> m_sent{0}, m_dropped{0}, m_bytes{0}, m_reconnects{0};
    struct RateSample {
        std::chrono::steady_clock::time_point at;
        uint64_t bytes;
    };
    mutable std::deque<RateSample> m_rate;
    StreamWatch m_watch; ///< guarded by m_mutex
};

} // namespace hawker::capture
