#pragma once
// What the HTTP API and the console see of a running program: they send
// commands, read snapshots and status, and look at pictures. They never reach
// the engine's parts (sources, outputs, the on-air log) directly, so a panel
// or a route cannot change the program except through execute().

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "hawker/capture/audio_mixer.hpp"
#include "hawker/capture/audio_monitor_output.hpp"
#include "hawker/capture/encoder.hpp"
#include "hawker/capture/media_source.hpp"
#include "hawker/capture/output.hpp"
#include "hawker/studio/engine/encode_status.hpp"
#include "hawker/studio/engine/program_load.hpp"
#include "hawker/studio/show/profile_check.hpp"
#include "hawker/studio/show/show_controller.hpp"
#include "hawker/studio/show/show_file.hpp"
#include "hawker/studio/store/on_air_log.hpp"

namespace hawker::studio {

class EventIngest;
class LiveAnalytics;

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
    uint64_t dropped = 0;        ///< the most ticks any one encode could not take (live)
    uint64_t lagged = 0;         ///< ticks that repeated the last picture because the compositor ran late
    uint64_t graphicRenders = 0; ///< graphic bitmaps rendered (only when their content changed)
    uint64_t tickFaults = 0;     ///< ticks that threw and went on (a bug; the log says where)
    double composeMsMedian = -1, composeMsP99 = -1;
    capture::EncoderStats encoder; ///< the first encode's (the program's when an output uses it)
    std::vector<EncodeStatus> encodes;
    std::vector<capture::SourceStats> sources;
    std::vector<capture::OutputStats> outputs;
    /// Outputs out of their platform profile now.
    std::vector<ProfileDrift> offProfile;
    /// Each audio input after its fader, and the program mix; none without audio.
    std::vector<capture::MixerChannelStats> audioInputs;
    std::optional<capture::ProgramMixStats> programAudio;
    /// The monitor's sound device ([monitor]); none without one, and offline.
    std::optional<capture::AudioMonitorStats> monitorDevice;
    std::string program, preview;
    std::string segment; ///< "2/5 elapsed=12s/60s" (+ " OVERRUN"); empty before the rundown
    bool running = false;
    /// How the program stands for CPU (live; see ProgramLoad). Short, by rule in a live show's warm-up or
    /// because its encodes dropped frames lately: the multiview's cameras decode keyframes only, and the
    /// console draws less often.
    CpuState cpu = CpuState::Room;
    bool shortOfCpu() const { return cpu != CpuState::Room; }
    /// Whether the session database takes the show's writes (none without --db).
    std::optional<StoreHealth> database;
};

class ProgramView {
public:
    virtual ~ProgramView() = default;

    /// Runs a command at the current program time. With a session, it returns
    /// only once the command's audit row and the resulting show state are
    /// committed to SQLite.
    virtual CommandResult execute(const Command& command, const Actor& actor) = 0;
    /// The newest show state (never null).
    virtual std::shared_ptr<const ShowState> snapshot() const = 0;
    /// The newest `newest` commands held in memory, oldest first (the database keeps every one).
    virtual std::vector<AuditEntry> audit(size_t newest) const = 0;
    virtual EngineStatus status() const = 0;
    virtual int64_t programMs() const = 0;
    /// The show as it runs: read-only once the engine exists.
    virtual const ShowSpec& show() const = 0;

    /// The newest program (or preview) picture, contiguous I420.
    virtual std::shared_ptr<const cv::Mat> latestProgram() const = 0;
    virtual std::shared_ptr<const cv::Mat> latestPreview() const = 0;
    /// The newest decoded picture of each video source, in show order (null
    /// before its first). Empty until the program starts: the console's multiview.
    virtual std::vector<capture::VideoFramePtr> latestSourceFrames() const = 0;

    /// The session this show is recorded as (0 without a database).
    virtual int64_t sessionId() const = 0;
    /// The session database (empty without one).
    virtual const std::filesystem::path& databasePath() const = 0;
    /// Live sessions other than this one that a restart could resume.
    virtual const std::vector<ResumableSession>& resumable() const = 0;
    /// The gap a resumed session's timeline shows (0 when not resumed).
    virtual int64_t resumedAfterGapMs() const = 0;
    /// The session's event ingest and live analytics (null without a database).
    virtual EventIngest* ingest() = 0;
    virtual LiveAnalytics* analytics() = 0;
    virtual const LiveAnalytics* analytics() const = 0;
};

} // namespace hawker::studio
