#pragma once
// The running program: sources in, scenes composed on the program clock,
// one encode, every output. Owns the threads of the data flow of docs/ARCHITECTURE.md.

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "hawker/capture/encoder.hpp"
#include "hawker/capture/media_source.hpp"
#include "hawker/capture/output.hpp"
#include "hawker/capture/rendition_scaler.hpp"
#include "hawker/capture/sample_window.hpp"
#include "hawker/overlay/compositor.hpp"
#include "hawker/overlay/graphic_layer.hpp"
#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/analytics/live_analytics.hpp"
#include "hawker/studio/engine/frame_pool.hpp"
#include "hawker/studio/engine/graphic_content_builder.hpp"
#include "hawker/studio/engine/program_clock.hpp"
#include "hawker/studio/engine/stream_keys.hpp"
#include "hawker/studio/show/show_controller.hpp"
#include "hawker/studio/show/show_file.hpp"
#include "hawker/studio/show/source_logins.hpp"
#include "hawker/studio/store/on_air_log.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::capture {
class AudioMixer;
}

namespace hawker::studio {

struct EngineOptions {
    bool offline = false;       ///< virtual clock, as fast as possible, deterministic
    double durationSeconds = 0; ///< 0: until stopped
    bool previewBus = false;    ///< also compose the preview scene (for the console)
    std::chrono::milliseconds preflightTimeout{8000};
    std::chrono::milliseconds signalLostAfter{1000}; ///< grace before a frozen camera is tagged
    std::filesystem::path database;  ///< empty: no session; else the show is a session in this SQLite file
    bool rehearsal = false;          ///< the session is a rehearsal (left out of comparisons)
    std::optional<int64_t> session;  ///< run this planned session (goes live) instead of a new one
    std::optional<int64_t> resume;   ///< resume this live session, whose process died
    std::filesystem::path viewerKey; ///< the installation's viewer-hash key; empty: the default path
    bool simulateAudience =
        false; ///< a simulated audience (rehearsals, the demo); also the show's [audience]
    std::optional<uint64_t> audienceSeed; ///< overrides [audience] seed
    bool overwrite =
        false; ///< a recording whose file exists replaces it (else it goes beside it, -2, -3, ...)
};

/// A live session a restart found (its show stopped without ending).
struct ResumableSession {
    int64_t id = 0;
    std::string title;
    int64_t lastSeenUtcMs = 0;
};

struct EngineStatus {
    int64_t frames = 0; ///< program ticks handed to the encoder
    double programSeconds = 0;
    double wallSeconds = 0;
    uint64_t dropped = 0;        ///< ticks the encoder could not take (live)
    uint64_t lagged = 0;         ///< ticks that repeated the last picture because the compositor ran late
    uint64_t graphicRenders = 0; ///< graphic bitmaps rendered (only when their content changed)
    uint64_t tickFaults = 0;     ///< ticks that threw and went on (a bug; the log says where)
    double composeMsMedian = -1, composeMsP99 = -1;
    capture::EncoderStats encoder;
    std::vector<capture::SourceStats> sources;
    std::vector<capture::OutputStats> outputs;
    std::string program, preview;
    std::string segment; ///< "2/5 elapsed=12s/60s" (+ " OVERRUN"); empty before the rundown
    bool running = false;
    /// Whether the session database takes the show's writes (none without --db).
    std::optional<StoreHealth> database;
};

class ProgramEngine {
public:
    ProgramEngine(ShowSpec show, EngineOptions options);
    ~ProgramEngine();
    ProgramEngine(const ProgramEngine&) = delete;
    ProgramEngine& operator=(const ProgramEngine&) = delete;

    /// Opens every source and checks it answers, decodes the scenes' images.
    /// Throws std::runtime_error naming what failed; nothing is left running.
    void prepare();
    /// Opens the encoder and outputs, then starts the program clock.
    void start();
    void requestStop() { m_stop = true; }
    /// Waits for the program to end (duration reached or stop requested),
    /// then flushes the encoder and closes every output properly.
    void waitUntilFinished();
    bool finished() const { return m_finished; }

    EngineStatus status() const;
    /// Runs a command from a sender outside the program thread (the HTTP
    /// API, the console) at the current program time. With a session, it
    /// returns only once the command's audit row and the resulting show state
    /// are committed to SQLite.
    CommandResult execute(const Command& command, const Actor& actor);
    /// Live sessions other than this one that a restart could resume.
    const std::vector<ResumableSession>& resumable() const { return m_resumable; }
    /// The gap a resumed session's timeline shows (0 when not resumed).
    int64_t resumedAfterGapMs() const { return m_resumeGapMs; }
    /// The session this show is recorded as (0 without a database).
    int64_t sessionId() const { return m_sessionId; }
    ShowController& controller() { return *m_controller; }
    int64_t programMs() const { return m_programMs; }
    /// The newest program (or preview) picture, contiguous I420.
    std::shared_ptr<const cv::Mat> latestProgram() const { return m_lastProgram.load(); }
    std::shared_ptr<const cv::Mat> latestPreview() const { return m_lastPreview.load(); }
    /// The newest decoded picture of each video source, in show order (null
    /// before its first). Empty until start(): the console's multiview.
    std::vector<capture::VideoFramePtr> latestSourceFrames() const;
    const ShowSpec& show() const { return m_show; }
    /// The session's event ingest and live analytics (null without a database).
    EventIngest* ingest() { return m_ingest.get(); }
    LiveAnalytics* analytics() { return m_analytics.get(); }
    const LiveAnalytics* analytics() const { return m_analytics.get(); }
    /// The session database (empty without one).
    const std::filesystem::path& databasePath() const { return m_options.database; }
    /// Program time 0 of the session, in UTC ms (0 without a session).
    int64_t sessionStartUtcMs() const { return m_sessionStartUtcMs; }

private:
    struct PreparedLayer;
    struct PreparedScene;
    void run();
    /// One tick's bookkeeping: cues, settling, persisting, analytics and
    /// applying what the snapshot asks of sources, outputs and the mixer.
    void runTickControl(int64_t n, int64_t nowMs, const ProgramClock& programClock,
                        const std::vector<CueSpec>& cues, size_t& nextCue);
    /// Composes the program (and every third tick the preview) picture.
    std::shared_ptr<const cv::Mat> composeProgram(int64_t n, const ShowState& state, int64_t nowMs);
    std::shared_ptr<const cv::Mat> blackPicture();
    void noteTickFault(int64_t n, const char* phase, const char* what);
    void composeScene(const std::string& sceneId, overlay::YuvImage& canvas, const ShowState& state,
                      int64_t nowMs);
    void prepareGraphics();
    std::unique_ptr<PreparedScene> prepareScene(const SceneSpec& scene, size_t index) const;
    std::unique_ptr<capture::MediaSource> makeSource(const SourceSpec& spec, bool audioOnly) const;
    /// Sets a record output's path for this run (never an existing file
    /// unless --overwrite) and logs which file it is.
    void chooseRecording(OutputSpec& spec, std::set<std::filesystem::path>& taken) const;
    /// The show file's spec of m_sources[index] (not for added sources).
    const SourceSpec& showSourceSpec(size_t index) const;
    /// The index in m_sources of video source `id`; -1 when there is none.
    int sourceIndex(const std::string& id) const;
    /// Opens the cameras added since the last call; `programUs` is the tick's program time.
    void applyAddedSources(const ShowState& state, int64_t programUs);
    void mixAudio(int64_t tick, capture::ProgramTick& out);
    void refreshLostFlags();
    void shutdown();
    void openSession();
    void openAnalytics(SessionStore& sessions);
    void persistState(const ShowState& state, int64_t programMs);
    void applyOutputSwitches(const ShowState& state);
    void applySourceReconnects(const ShowState& state);
    void runOutputControl();
    std::unique_ptr<capture::Output> makeOutput(size_t index, bool restart);

    ShowSpec m_show;
    EngineOptions m_options;
    std::unique_ptr<ShowController> m_controller;
    /// The show's video sources, its audio inputs, then the cameras added
    /// while it runs (a removed one leaves its slot empty); m_videoSources
    /// indexes the video ones, in show order.
    std::vector<std::unique_ptr<capture::MediaSource>> m_sources;
    std::vector<size_t> m_videoSources;
    std::vector<std::unique_ptr<PreparedScene>> m_scenes;
    /// m_sources and m_scenes grow on the compositor thread (source.add),
    /// their only writer; other threads read them under this lock.
    mutable std::mutex m_growMutex;
    std::vector<AddedSource> m_appliedAdded; ///< compositor thread: the added cameras it has opened
    std::unique_ptr<capture::AudioMixer> m_mixer;
    std::vector<int> m_mixerSource; ///< mixer channel -> index in m_sources
    std::unique_ptr<capture::Encoder> m_encoder;
    /// One per show output, in show order; null while an operator has it stopped.
    std::vector<std::unique_ptr<capture::Output>> m_outputs;
    std::vector<capture::OutputStats> m_stoppedOutputStats; ///< last stats of stopped outputs
    mutable std::mutex m_outputsMutex;                      ///< m_outputs is read by the encoder thread
    std::vector<ResolvedTarget> m_outputTargets;
    std::vector<int> m_outputRestarts;
    // Output start/stop runs on its own thread: closing a connection must
    // never hold up a program frame.
    std::thread m_outputControl;
    std::mutex m_outputControlMutex;
    std::condition_variable m_outputControlWake;
    std::set<std::string> m_wantedStopped;
    bool m_outputControlExit = false;
    /// Removed cameras, handed from the compositor to the output-control thread to close.
    std::vector<std::unique_ptr<capture::MediaSource>> m_retiringSources;
    std::set<std::string> m_appliedStopped;
    std::map<std::string, int> m_appliedReconnects; ///< compositor thread: requests already passed on
    std::unique_ptr<OnAirLog> m_onAirLog;
    std::unique_ptr<SourceLogins> m_logins; ///< with m_onAirLog: cameras' logins, beside the database
    mutable std::mutex m_onAirLogMutex;     ///< status() reads m_onAirLog while shutdown() may reset it
    std::shared_ptr<const ViewerHasher> m_hasher;
    // Declared in this order so the analytics (which the ingest's listener
    // reaches) are destroyed before the ingest writer.
    std::unique_ptr<EventIngest> m_ingest;
    std::unique_ptr<LiveAnalytics> m_analytics;
    int64_t m_sessionStartUtcMs = 0;
    int64_t m_sessionId = 0;
    int64_t m_programOffsetMs = 0; ///< a resumed session's program clock goes on from here
    int64_t m_resumeGapMs = 0;
    std::vector<ResumableSession> m_resumable;
    uint64_t m_persistedVersion = 0;
    overlay::Compositor m_compositor;
    std::shared_ptr<const overlay::Theme> m_theme;
    overlay::Fonts m_fonts;
    std::shared_ptr<overlay::GraphicRenderQueue> m_renderQueue;
    std::map<std::string, cv::Mat> m_productImages;
    std::unique_ptr<GraphicContentBuilder> m_contentBuilder;
    std::shared_ptr<FramePool> m_pool;

    // Compositor-thread state for the tick being made.
    std::vector<capture::VideoFramePtr> m_frames;
    std::vector<bool> m_lost;
    std::vector<int64_t>
        m_sourceStartUs; ///< program time of each source's first frame (added ones: their add)
    std::vector<overlay::DrawItem> m_items;
    capture::RenditionScaler m_fallbackScaler;
    std::map<std::string, AudioLevel> m_appliedAudio; ///< the levels the mixer has

    std::thread m_thread;
    std::atomic<bool> m_stop{false}, m_finished{false}, m_started{false};
    std::atomic<int64_t> m_tickCount{0}, m_programMs{0};
    std::atomic<uint64_t> m_lagged{0}, m_dropped{0};
    std::atomic<uint64_t> m_tickFaults{0}; ///< ticks whose bookkeeping or picture threw
    int64_t m_lastFaultLogSecond = -1;
    std::chrono::steady_clock::time_point m_startedAt, m_endedAt;
    std::atomic<std::shared_ptr<const cv::Mat>> m_lastProgram, m_lastPreview;
    capture::SampleWindow m_composeMs;
};

} // namespace hawker::studio
