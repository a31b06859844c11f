#pragma once
// The program's outputs: made from the show file, fed every encoded packet,
// stopped and started again by operators' commands on a thread of their own,
// so that closing a connection or a file never holds up a program frame. A
// recording started again goes to its next -partN file. Cameras removed
// during the show are closed on that thread too, for the same reason.

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "hawker/capture/encoder.hpp"
#include "hawker/capture/media_source.hpp"
#include "hawker/capture/output.hpp"
#include "hawker/studio/engine/encode_set.hpp"
#include "hawker/studio/engine/stream_keys.hpp"
#include "hawker/studio/show/profile_check.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

class ProfileWatch;

class OutputManager {
public:
    /// An output's state changed ("rtmp1", "failed", "disk full"); called on
    /// the thread that saw it.
    using EventHook =
        std::function<void(const std::string& id, const std::string& event, const std::string& detail)>;

    /// A recording wrote its first frame into `path`; `firstFrameMs` is that
    /// frame's time on the encoder's clock. Called on the output's thread.
    using RecordingHook =
        std::function<void(const std::string& id, const std::string& path, int64_t firstFrameMs)>;

    /// `targets`: one per show output, in show order (see settleShow).
    OutputManager(const ShowSpec& show, std::vector<ResolvedTarget> targets, EventHook onEvent);
    ~OutputManager();
    OutputManager(const OutputManager&) = delete;
    OutputManager& operator=(const OutputManager&) = delete;

    /// Set before start().
    void setRecordingHook(RecordingHook hook) { m_onRecording = std::move(hook); }
    /// The recordings' chapters on the encoder's clock, for every recording
    /// open now and any opened later (written with each file's trailer).
    void setChapters(const std::vector<capture::Chapter>& chapters);
    /// Opens every output but those in `stopped` (a resumed show keeps what
    /// its operator had stopped) and starts the control thread. Throws when
    /// an output cannot open; none is left open then.
    void start(const EncodeSet& encodes, const std::set<std::string>& stopped);
    /// An encoder's thread: hands the packet of encode number `encode` to
    /// every running output that encode feeds.
    void push(size_t encode, const capture::EncodedPacket& packet);
    /// The outputs that should be stopped now (the show state's); the control
    /// thread follows. Never waits on an output.
    void want(const std::set<std::string>& stopped);
    /// Closes a removed camera on the control thread, off the program clock.
    void retire(std::unique_ptr<capture::MediaSource> source);
    /// Every show output in show order; a stopped one with its last figures.
    std::vector<capture::OutputStats> stats() const;
    /// The outputs whose bitrate or keyframe spacing is out of their platform profile now; watched once
    /// a second on the control thread.
    std::vector<ProfileDrift> offProfile() const;
    /// Joins the control thread (closing retired cameras). Call before the
    /// encoder's last packets.
    void stopControl();
    /// Closes every output (after the encoder has flushed).
    void stopAll();

private:
    std::unique_ptr<capture::Output> makeOutput(size_t index, bool restart);
    /// The control thread; `applied` is the stopped set the outputs were opened with.
    void runControl(std::set<std::string> applied);

    const ShowSpec& m_show;
    std::vector<ResolvedTarget> m_targets;
    EventHook m_onEvent;
    RecordingHook m_onRecording;
    std::vector<capture::Chapter> m_chapters; ///< guarded by m_outputsMutex
    /// Per show output: the streams of the encode feeding it, and that encode's number.
    std::vector<std::vector<capture::StreamDescription>> m_streams;
    std::vector<size_t> m_encodeOf;
    /// One per show output, in show order; null while an operator has it stopped.
    std::vector<std::unique_ptr<capture::Output>> m_outputs;
    std::vector<capture::OutputStats> m_stoppedStats; ///< last stats of stopped outputs
    mutable std::mutex m_outputsMutex;                ///< m_outputs is read by the encoder thread
    std::vector<int> m_restarts;                      ///< control thread: starts again, per output
    std::thread m_control;
    std::mutex m_controlMutex;
    std::condition_variable m_controlWake;
    std::set<std::string> m_wantedStopped;
    bool m_controlExit = false;
    std::vector<std::unique_ptr<capture::MediaSource>> m_retiring;
    std::unique_ptr<ProfileWatch> m_profileWatch;
};

} // namespace hawker::studio
