#pragma once
// A camera or any other input FFmpeg can open, decoded on its own thread.

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "hawker/capture/audio_ring.hpp"
#include "hawker/capture/backoff.hpp"
#include "hawker/capture/frame_slot.hpp"

extern "C" {
struct AVCodecContext;
struct AVFrame;
struct AVPacket;
}

namespace hawker::capture {

enum class SourceState { Connecting, Live, Stalled, Lost, Ended };
const char* toString(SourceState state);

struct SourceConfig {
    std::string id;
    std::string url;
    std::string format;                         ///< FFmpeg input format, empty to probe
    std::map<std::string, std::string> options; ///< demuxer and protocol options
    bool loop = true;                           ///< files: start again at the end
    std::optional<bool> realtime;               ///< pace files and lavfi; unset: decided by the input kind
    bool wantAudio = false;
    int audioRate = 48000;
    bool offline = false; ///< step frame by frame for the virtual clock
    std::chrono::milliseconds openTimeout{5000};
    std::chrono::milliseconds readTimeout{1500}; ///< no packet for this long: the source is lost
    std::chrono::milliseconds stallAfter{500};   ///< no frame for this long: stalled
    BackoffPolicy reconnect{std::chrono::milliseconds(250), 1.5, std::chrono::milliseconds(1000), 0.2, 0};
};

/// How much of a camera's stream is decoded.
enum class DecodeLevel {
    /// Every picture, exactly: the program or the preview shows the camera.
    Full,
    /// Only the multiview shows the camera. The H.264 loop filter is skipped,
    /// which saves a good part of a decode but lets small errors build up in
    /// the reference pictures, and pictures no other one refers to
    /// (non-reference B-frames) are not decoded, which costs nothing in
    /// exactness; the multiview, refreshed five times a second, loses nothing
    /// while the camera sends five reference pictures a second or more. The
    /// picture is exact again once it is decoded in full from a keyframe, so
    /// the engine decodes a camera in full as soon as it is cued to preview.
    /// The camera's pictures since its last keyframe are kept meanwhile: the
    /// cue decodes them again in full, a few more per new picture than come
    /// in, and the camera shows the present exactly once they are through
    /// (a fraction of a second; offline, at once).
    Light,
    /// Only the multiview shows the camera and the program is short of CPU:
    /// keyframes only (one picture every keyframe interval). Coming back from
    /// it, the camera catches up from its last keyframe as from Light. Only
    /// when those pictures could not be kept (a keyframe interval over 10 s)
    /// does it keep to keyframes until the next one, holding its picture
    /// rather than show decoding errors.
    Keyframes,
};

struct SourceStats {
    std::string id;
    SourceState state = SourceState::Connecting;
    int width = 0, height = 0;
    double fps = 0;
    uint64_t framesDecoded = 0;
    uint64_t framesDropped = 0; ///< decode errors and frames replaced before anyone read them
    uint64_t reconnects = 0;
    int64_t lastFrameAgeMs = -1; ///< -1 before the first frame
    int64_t lostMs = 0;          ///< total time spent without a connection
    std::string lastError;
    bool hasAudio = false;
    /// Decoded cheaply now (DecodeLevel::Light or Keyframes): only the multiview shows it.
    bool lightDecode = false;
    /// Only its keyframes are decoded now (DecodeLevel::Keyframes, or on the
    /// way out of it until the next keyframe).
    bool keyframesOnly = false;
    /// Every reference picture since the last keyframe was decoded in full: what
    /// the picture shows is exact. False from the first light frame until the
    /// camera, decoded in full again, has caught up from its last keyframe (or
    /// a keyframe came).
    bool exact = true;
    uint64_t framesDecodedLight = 0;
    /// Times the camera was cued or cut to between keyframes and caught up from the last one (see
    /// DecodeLevel).
    uint64_t catchUps = 0;
    /// Live: how far its pictures (and their sound) are held back after they arrive, for pictures
    /// that come late or for sound that comes after its pictures (FrameSync).
    int64_t holdMs = 0;
    /// Live: the most its sound came after its pictures in the last seconds (a camera's MPEG-TS
    /// packs about 170 ms of sound into one packet).
    int64_t soundLagMs = 0;
};

/// How the source is decoded now, as the status lines and GET /state say it: "keyframes", "light" or
/// "full".
const char* decodeName(const SourceStats& stats);

/// One demux+decode thread. Frames go to a FrameSlot as I420 planes; audio,
/// resampled to planar float stereo, goes to an AudioRing. Reconnects by
/// itself with backoff; every blocking FFmpeg call is interruptible.
class MediaSource {
public:
    explicit MediaSource(SourceConfig config);
    ~MediaSource();
    MediaSource(const MediaSource&) = delete;
    MediaSource& operator=(const MediaSource&) = delete;

    void start();
    void stop();

    /// For the pre-flight check: waits until the first frame arrived (nullopt)
    /// or the first attempt failed (the reason), or `timeout` passed. With
    /// `keepTrying`, a failed attempt does not end the wait: the source's own
    /// reconnects go on until the timeout, and the last reason is returned.
    std::optional<std::string> waitUntilReady(std::chrono::milliseconds timeout, bool keepTrying = false);

    FrameSlot& video() { return m_slot; }
    std::shared_ptr<AudioRing> audio() const { return m_audio; }
    /// Asks the decode thread for a scaled copy of each future frame. Call it
    /// whenever the rendition is used; unused renditions expire after a while.
    void useRendition(const Rendition& rendition);

    SourceStats stats() const;
    /// Drops the connection (or the wait before the next try) and connects
    /// again at once; returns without waiting. A source that ended stays ended.
    void reconnectNow();
    /// Points the source at another input (a camera that moved to another
    /// address) and reconnects; the source's own thread switches over
    /// between connections, so nothing else ever sees the config change.
    void retarget(std::string url, std::string format);
    /// Whether the program should tag this source's picture as lost: no
    /// connection, no picture yet, or (live) none for longer than `grace`.
    /// Cheap enough for every tick: no strings are copied.
    bool signalLost(std::chrono::milliseconds grace) const;
    const SourceConfig& config() const { return m_config; }
    bool isNetwork() const;
    /// How much of the camera's stream to decode (see DecodeLevel). Takes
    /// effect from the next packet; never waits.
    void setDecodeLevel(DecodeLevel level) { m_decodeLevel.store(level, std::memory_order_relaxed); }

private:
    struct Connection;
    void run();
    bool connectOnce(Connection& conn);
    void readLoop(Connection& conn);
    /// Which of the video frames a decoder has ready go to the slot: all of them, none (a catch-up's
    /// pictures of the past, decoded only to bring the decoder's references up to date), or only those
    /// newer than the last one shown (the catch-up's end: a decoder that reorders pictures may hand out
    /// one from before the present first).
    enum class ShowFrames { All, None, NewerOnly };
    /// Takes every frame `decoder` has ready (sound always goes to its ring).
    void drainDecoder(Connection& conn, AVCodecContext* decoder, AVFrame* frame, ShowFrames show);
    /// Cued or cut to between keyframes (see DecodeLevel): the decoder starts over from the pictures kept
    /// since the last keyframe, decoded again in full. `from` is the level it was decoded at.
    void startCatchUp(Connection& conn, DecodeLevel from);
    /// Decodes the catch-up's pictures, oldest first, with `packet`, the newest, after them: all of them
    /// offline; live, as many as fit in a frame's time, so that the sound and the network keep flowing.
    /// Only the picture that reaches the present is shown.
    void catchUpStep(Connection& conn, const AVPacket& packet, AVFrame* frame);
    void handleVideo(Connection& conn, AVFrame* frame);
    void handleAudio(Connection& conn, AVFrame* frame);
    /// `timestamp` (in the stream's time base) on the source's clock, or
    /// `fallbackUs` when the frame has none.
    int64_t sourceTimeUs(Connection& conn, int streamIndex, int64_t timestamp, int64_t fallbackUs);
    void pace(Connection& conn, int64_t ptsUs);
    /// Whether a video packet goes to the decoder: none before the connection's first keyframe.
    bool waitForKeyframe(Connection& conn, const AVPacket& packet);
    /// av_read_frame, with FFmpeg's messages held back until the connection's first keyframe.
    int readPacket(Connection& conn, AVPacket* packet);
    /// "N FFmpeg messages held back meanwhile, the first: ..." (for the log).
    std::string heldMessagesText(const Connection& conn) const;
    static constexpr int kMaxPacketsBeforeKeyframe = 300;
    void setState(SourceState state, const std::string& why = {});
    bool sleepInterruptible(std::chrono::milliseconds delay);

    SourceConfig m_config;
    FrameSlot m_slot;
    std::shared_ptr<AudioRing> m_audio;
    std::thread m_thread;
    std::atomic<bool> m_abort{false};
    std::atomic<bool> m_reconnectNow{false};
    std::atomic<DecodeLevel> m_decodeLevel{DecodeLevel::Full};
    DecodeLevel m_appliedLevel = DecodeLevel::Full; ///< the source thread's own
    std::atomic<bool> m_keyframesOnly{false};
    std::atomic<bool> m_exact{true};
    std::atomic<uint64_t> m_framesLight{0};
    std::atomic<uint64_t> m_catchUps{0};

    mutable std::mutex m_mutex; // guards everything below
    std::condition_variable m_wake;
    SourceState m_state = SourceState::Connecting;
    std::string m_lastError;
    std::optional<std::pair<std::string, std::string>> m_retarget; ///< url, format for the next connection
    bool m_readyOrFailed = false;
    bool m_gotPicture = false;
    std::optional<std::string> m_firstError;
    struct RenditionRequest {
        Rendition rendition;
        std::chrono::steady_clock::time_point lastUsed;
    };
    std::vector<RenditionRequest> m_renditions;
    int m_width = 0, m_height = 0;
    double m_fps = 0;
    bool m_hasAudio = false;
    int64_t m_lostSinceUs = -1, m_lostTotalUs = 0;

    std::atomic<uint64_t> m_framesDecoded{0}, m_framesDropped{0}, m_reconnects{0};
    std::atomic<int64_t> m_lastArrivalUs{-1};
    /// When a picture last came that was left undecoded on purpose (keyframes-only decoding, or waiting
    /// for a keyframe after it): the camera's signal is there, only its pictures are skipped.
    std::atomic<int64_t> m_lastSkippedUs{-1};
    /// The newer of the last picture's arrival and the last one skipped on purpose (-1: no picture yet).
    int64_t lastSignalUs() const;
    uint64_t m_sequence = 0;
    int64_t m_timeOffsetUs = 0; ///< keeps time monotonic across loops and reconnects
    int64_t m_lastPtsUs = -1;
};

} // namespace hawker::capture
