#include "hawker/studio/clips/clip_jobs.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hawker/capture/av_util.hpp"
#include "hawker/studio/base/log.hpp"

namespace hawker::studio {

using nlohmann::json;

const char* toString(ClipJobStatus::State state) {
    switch (state) {
    case ClipJobStatus::State::Idle:
        return "idle";
    case ClipJobStatus::State::Running:
        return "running";
    case ClipJobStatus::State::Done:
        return "done";
    case ClipJobStatus::State::Failed:
        return "failed";
    case ClipJobStatus::State::Cancelled:
        return "cancelled";
    }
    return "?";
}

json clipJobJson(const ClipJobStatus& s) {
    json clips = json::array();
    for (const ClipEntry& entry : s.run.clips)
        clips.push_back(clipEntryJson(entry));
    return {{"state", toString(s.state)},    {"session", s.session},      {"dir", s.dir.string()},
            {"done", s.progress.done},       {"total", s.progress.total}, {"fraction", s.progress.fraction},
            {"current", s.progress.current}, {"error", s.error},          {"clips", clips},
            {"skipped", s.run.skipped}};
}

ClipJobs::~ClipJobs() {
    m_cancel = true;
    if (m_thread.joinable()) m_thread.join();
}

std::filesystem::path ClipJobs::folderFor(const std::filesystem::path& database, int64_t session) {
    return database.parent_path() / "clips" / ("session-" + std::to_string(session));
}

std::string ClipJobs::start(std::filesystem::path database, int64_t session, ClipOptions options) {
    if (const std::string problem = checkClipOptions(options); !problem.empty()) return problem;
    std::lock_guard lock(m_mutex);
    if (m_status.state == ClipJobStatus::State::Running)
        return "clips of session " + std::to_string(m_status.session) + " are being cut; wait or cancel";
    if (m_thread.joinable()) m_thread.join(); // the last cut, finished
    m_cancel = false;
    m_status = ClipJobStatus{};
    m_status.state = ClipJobStatus::State::Running;
    m_status.session = session;
    m_status.dir = options.outDir;
    m_thread = std::thread(
        [this, database = std::move(database), options = std::move(options)] { run(database, options); });
    return {};
}

void ClipJobs::run(std::filesystem::path database, ClipOptions options) {
    capture::setThreadName("clip-cut");
    // Below the show: the encoder and the compositor keep their cores (the
    // encoder's threads it starts inherit this).
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
    int64_t session = 0;
    {
        std::lock_guard lock(m_mutex);
        session = m_status.session;
    }
    ClipJobStatus::State end = ClipJobStatus::State::Done;
    std::string failure;
    ClipRun run;
    try {
        Database db(database, Database::Threading::OneThread);
        const SessionReplay replay = replaySession(db, session);
        const SessionRecordings recordings = findRecordings(db, session, options.output);
        if (recordings.parts.empty())
            throw std::runtime_error("session " + std::to_string(session) + " has no readable recording");
        run = cutClips(
            replay, recordings, options,
            [this](const ClipProgress& p) {
                std::lock_guard lock(m_mutex);
                m_status.progress = p;
            },
            &m_cancel);
    } catch (const std::exception& error) {
        end = m_cancel ? ClipJobStatus::State::Cancelled : ClipJobStatus::State::Failed;
        failure = error.what();
        logWarning("clips of session " + std::to_string(session) + ": " + failure);
    }
    std::lock_guard lock(m_mutex);
    m_status.state = end;
    m_status.error = failure;
    // A failed or cancelled cut keeps what it cut: progress.done counts it and
    // the folder's manifest lists it.
    if (end == ClipJobStatus::State::Done) m_status.run = std::move(run);
    logInfo("clips of session " + std::to_string(session) + " " + toString(end) + ": " +
            std::to_string(m_status.progress.done) + " cut into " + m_status.dir.string());
}

ClipJobStatus ClipJobs::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void ClipJobs::cancel() {
    m_cancel = true;
}

} // namespace hawker::studio
