#pragma once
// The running program: sources in, scenes composed on the program clock, one
// encode, every output. ProgramEngine is the compositor loop and its clock;
// its other jobs are parts of their own, each in its own file:
//   - settleShow (show_setup): stream keys, recording files and the catalog,
//     decided before the engine exists; the spec is read-only afterwards;
//   - OutputManager: the outputs, their control thread, -partN files;
//   - ShowSession: the database, resume, the on-air log, durable commands,
//     ingest and live analytics;
//   - GraphicsAssets: theme, fonts, product pictures, the render worker.
// The API and the console see it only as a ProgramView.

#include <atomic>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "hawker/capture/encoder.hpp"
#include "hawker/capture/frame_pool.hpp"
#include "hawker/capture/media_source.hpp"
#include "hawker/capture/rendition_scaler.hpp"
#include "hawker/capture/sample_window.hpp"
#include "hawker/overlay/compositor.hpp"
#include "hawker/studio/engine/encode_set.hpp"
#include "hawker/studio/engine/engine_options.hpp"
#include "hawker/studio/engine/graphics_assets.hpp"
#include "hawker/studio/engine/output_manager.hpp"
#include "hawker/studio/engine/program_clock.hpp"
#include "hawker/studio/engine/program_load.hpp"
#include "hawker/studio/engine/program_view.hpp"
#include "hawker/studio/engine/show_session.hpp"
#include "hawker/studio/engine/show_setup.hpp"
#include "hawker/studio/show/recording_chapters.hpp"
#include "hawker/studio/show/show_controller.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::capture {
class AudioMixer;
class AudioMonitorOutput;
} // namespace hawker::capture

namespace hawker::studio {

struct PreparedScene;
class StingerLayer;

class ProgramEngine final : public ProgramView {
public:
    /// Settles the show (see settleShow); throws std::runtime_error naming
    /// what is wrong with it, before anything opens.
    ProgramEngine(ShowSpec show, EngineOptions options);
    ~ProgramEngine() override;
    ProgramEngine(const ProgramEngine&) = delete;
    ProgramEngine& operator=(const ProgramEngine&) = delete;

    /// Opens the session, every source (checking it answers) and decodes the
    /// scenes' images. Throws std::runtime_error naming what failed; nothing
    /// is left running.
    void prepare();
    /// Opens the encoder and outputs, then starts the program clock.
    void start();
    void requestStop() { m_stop = true; }
    /// Waits for the program to end (duration reached or stop requested),
    /// then flushes the encoder and closes every output properly.
    void waitUntilFinished();
    bool finished() const { return m_finished; }

    // ProgramView
    CommandResult execute(const Command& command, const Actor& actor) override;
    std::shared_ptr<const ShowState> snapshot() const override { return m_controller->snapshot(); }
    std::vector<AuditEntry> audit(size_t newest) const override { return m_controller->audit(newest); }
    EngineStatus status() const override;
    int64_t programMs() const override { return m_programMs; }
    const ShowSpec& show() const override { return m_show; }
    std::shared_ptr<const cv::Mat> latestProgram() const override { return m_lastProgram.load(); }
    std::shared_ptr<const cv::Mat> latestPreview() const override { return m_lastPreview.load(); }
    std::vector<capture::VideoFramePtr> latestSourceFrames() const override;
    int64_t sessionId() const override { return m_session ? m_session->id() : 0; }
    const std::filesystem::path& databasePath() const override { return m_options.database; }
    const std::vector<ResumableSession>& resumable() const override;
    int64_t resumedAfterGapMs() const override { return m_session ? m_session->resumeGapMs() : 0; }
    EventIngest* ingest() override { return m_session ? m_session->ingest() : nullptr; }
    LiveAnalytics* analytics() override { return m_session ? m_session->analytics() : nullptr; }
    const LiveAnalytics* analytics() const override { return m_session ? m_session->analytics() : nullptr; }

private:
    ProgramEngine(SettledShow settled, EngineOptions options);
    void run();
    /// One tick's bookkeeping: cues, settling, persisting, analytics and
    /// applying what the snapshot asks of sources, outputs and the mixer.
    void runTickControl(int64_t n, int64_t nowMs, const ProgramClock& programClock,
                        const std::vector<CueSpec>& cues, size_t& nextCue);
    /// Composes the program (and every third tick the preview) picture.
    std::shared_ptr<const cv::Mat> composeProgram(int64_t n, const ShowState& state, int64_t nowMs);
    std::shared_ptr<const cv::Mat> blackPicture();
    void noteTickFault(int64_t n, const char* phase, const char* what);
    /// `edited`: the preview's picture, with the scene's draft layout if it has one.
    void composeScene(const std::string& sceneId, overlay::YuvImage& canvas, const ShowState& state,
                      int64_t nowMs, bool edited = false);
    /// Prepares again the scenes whose layout an edit, a TAKE or an undo
    /// changed (program and drafts); compositor thread.
    void applyLayouts(const ShowState& state);
    /// show.save: writes `scenes` into the show file (the controller's save hook).
    std::optional<i18n::Phrase> saveShowFile(const std::vector<SceneSpec>& scenes);
    /// The scenes as the show file has them now, for saveShowFile's check.
    void readSavedScenes();
    std::unique_ptr<PreparedScene> prepareSceneAt(const SceneSpec& scene, size_t index) const;
    std::unique_ptr<capture::MediaSource> makeSource(const SourceSpec& spec, bool audioOnly) const;
    /// The show file's spec of m_sources[index] (not for added sources).
    const SourceSpec& showSourceSpec(size_t index) const;
    /// The index in m_sources of video source `id`; -1 when there is none.
    int sourceIndex(const std::string& id) const;
    /// Opens the cameras added since the last call; `programUs` is the tick's program time.
    void applyAddedSources(const ShowState& state, int64_t programUs);
    void applySourceReconnects(const ShowState& state);
    /// Mixes tick `tick`'s sound; `tickAtUs` is the tick's own time on the steady clock
    /// (its deadline), which the cameras' pictures were chosen for.
    void mixAudio(int64_t tick, int64_t tickAtUs, capture::ProgramTick& out);
    void refreshLostFlags();
    /// Live: every camera waits as long as the camera held back the most (for its sound), so cameras shown
    /// together keep time with each other (capture::FrameSync).
    void shareCameraHold();
    /// Cameras on program or preview (or leaving program in a transition)
    /// decode in full; the others, seen only in the multiview, decode light,
    /// or keyframes only while the program is short of CPU.
    void applyDecodeLevels(const ShowState& state);
    /// By index in m_sources: whether a scene shown draws that camera. Shown are the program and a
    /// transition's from-scene, and with `withPreview` also the preview and its draft.
    std::vector<bool> camerasShown(const ShowState& state, bool withPreview) const;
    std::string m_decodeLevelsFor; ///< compositor thread: the scenes shown when the levels were last set
    /// Once a second, live: whether the program's encodes drop frames (m_load).
    void watchProgramLoad(int64_t programMs);
    /// Copies m_load's verdict into the atomics status() reads.
    void publishLoad();
    bool m_announceProgramFirst = false; ///< compositor thread: log the start's rule at the first tick
    ProgramLoad m_load;                  ///< compositor thread
    /// m_load's verdict and whether it is the start's rule, for status() on other threads (publishLoad).
    std::atomic<CpuState> m_cpuState{CpuState::Room}; ///< m_load's, for status() on other threads
    std::optional<std::chrono::steady_clock::time_point> m_loadSampledAt; ///< compositor thread
    double m_loadCpuSeconds = 0; ///< the process's CPU time at m_loadSampledAt
    /// An output's state changed: on the timeline, and a failed one is stopped.
    /// Keeps the recordings' chapters up to date with a timeline row.
    void noteChapters(const TimelineRow& row);
    void onOutputEvent(const std::string& id, const std::string& event, const std::string& detail);
    void shutdown();

    const EngineOptions m_options;
    const ShowSpec m_show;
    std::unique_ptr<ShowController> m_controller;
    OutputManager m_outputs;
    /// The recordings' chapters, from the timeline as it happens.
    RecordingChapters m_chapters;
    std::mutex m_chaptersMutex;
    std::unique_ptr<GraphicsAssets> m_graphics;
    /// The show's video sources, its audio inputs, then the cameras added
    /// while it runs (a removed one leaves its slot empty); m_videoSources
    /// indexes the video ones, in show order.
    std::vector<std::unique_ptr<capture::MediaSource>> m_sources;
    std::vector<size_t> m_videoSources;
    std::vector<std::unique_ptr<PreparedScene>> m_scenes;
    std::unique_ptr<StingerLayer> m_stinger; ///< the show's [stinger], decoded at prepare; none without one
    /// m_sources and m_scenes grow on the compositor thread (source.add),
    /// their only writer; other threads read them under this lock.
    mutable std::mutex m_growMutex;
    /// Scenes with a draft layout, as the preview shows them (compositor thread only).
    std::map<std::string, std::unique_ptr<PreparedScene>> m_draftScenes;
    uint64_t m_appliedLayouts = 0; ///< compositor thread: the layouts' revision last prepared
    /// Drafts being prepared off the compositor thread (an image layer takes
    /// a decode): the preview shows the old draft until they are ready.
    std::future<std::vector<std::unique_ptr<PreparedScene>>> m_draftJob;
    /// The scenes as the show file on disk has them (after this run's saves);
    /// a save checks the file against them first. Under the controller's lock.
    std::vector<SceneSpec> m_savedScenes;
    std::vector<AddedSource> m_appliedAdded; ///< compositor thread: the added cameras it has opened
    std::unique_ptr<capture::AudioMixer> m_mixer;
    std::unique_ptr<capture::AudioMonitorOutput> m_monitor; ///< the operator's headphones, live only
    std::unique_ptr<EncodeSet> m_encodes;
    std::set<std::string> m_appliedStopped;         ///< compositor thread: outputs stopped as it last told
    std::map<std::string, int> m_appliedReconnects; ///< compositor thread: requests already passed on
    overlay::Compositor m_compositor;
    std::shared_ptr<capture::FramePool> m_pool;

    // Compositor-thread state for the tick being made.
    std::vector<capture::VideoFramePtr> m_frames;
    std::vector<bool> m_lost;
    std::vector<int64_t>
        m_sourceStartUs; ///< program time of each source's first frame (added ones: their add)
    std::vector<overlay::DrawItem> m_items;
    capture::RenditionScaler m_fallbackScaler;
    std::vector<capture::RenditionPicture> m_fallbackPictures; ///< scaled here for the frame being drawn
    std::map<std::string, AudioLevel> m_appliedAudio;          ///< the levels the mixer has

    std::thread m_thread;
    std::atomic<bool> m_stop{false}, m_finished{false}, m_started{false};
    std::atomic<int64_t> m_tickCount{0}, m_programMs{0};
    std::atomic<uint64_t> m_lagged{0};
    std::atomic<uint64_t> m_tickFaults{0}; ///< ticks whose bookkeeping or picture threw
    int64_t m_lastFaultLogSecond = -1;
    std::chrono::steady_clock::time_point m_startedAt, m_endedAt;
    std::atomic<std::shared_ptr<const cv::Mat>> m_lastProgram, m_lastPreview;
    capture::SampleWindow m_composeMs;
    /// Last, so it goes first: its analytics thread asks the parts above for the program's health.
    std::unique_ptr<ShowSession> m_session;
};

} // namespace hawker::studio
