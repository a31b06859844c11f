#pragma once
// A clip cut running in the background (POST /sessions/{id}/clips, the
// console's Cut and Cut all): one at a time, on a thread of its own at a
// lower CPU priority than the show, with its progress readable at any time
// and a cancel that stops it between frames.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "hawker/studio/clips/clip_job.hpp"

namespace hawker::studio {

struct ClipJobStatus {
    enum class State { Idle, Running, Done, Failed, Cancelled };
    State state = State::Idle;
    int64_t session = 0;
    std::filesystem::path dir;
    ClipProgress progress;
    ClipRun run; ///< what was cut (when done, failed or cancelled)
    std::string error;
};

const char* toString(ClipJobStatus::State state);

/// {"state","session","dir","done","total","fraction","current","error","clips":[manifest rows],"skipped"}
nlohmann::json clipJobJson(const ClipJobStatus& status);

class ClipJobs {
public:
    ClipJobs() = default;
    ~ClipJobs(); ///< cancels a running cut and waits for it
    ClipJobs(const ClipJobs&) = delete;
    ClipJobs& operator=(const ClipJobs&) = delete;

    /// Starts cutting `session`'s clips from the recordings `database` names.
    /// Returns "" when it started, else why not (a cut is running, bad options).
    std::string start(std::filesystem::path database, int64_t session, ClipOptions options);
    ClipJobStatus status() const;
    /// Asks a running cut to stop; it ends Cancelled, its cut clips kept.
    void cancel();

    /// Where a session's clips go beside its database: DIR/clips/session-ID.
    static std::filesystem::path folderFor(const std::filesystem::path& database, int64_t session);

private:
    void run(std::filesystem::path database, ClipOptions options);
    mutable std::mutex m_mutex;
    ClipJobStatus m_status;
    std::atomic<bool> m_cancel{false};
    std::thread m_thread;
};

} // namespace hawker::studio
