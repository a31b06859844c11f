#pragma once
// The show as a session in SQLite: it is created (or a planned one goes live,
// or a crashed one resumes), every timeline row, command and state change is
// written by the on-air log, viewer events come in through the ingest and the
// live analytics follow them. Commands from outside senders are acknowledged
// only once their rows are durable. Without a database the session only
// hashes buyers (per-buyer limits work in any show).

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/analytics/live_analytics.hpp"
#include "hawker/studio/engine/engine_options.hpp"
#include "hawker/studio/engine/program_view.hpp"
#include "hawker/studio/show/show_controller.hpp"
#include "hawker/studio/show/show_file.hpp"
#include "hawker/studio/show/source_logins.hpp"
#include "hawker/studio/store/on_air_log.hpp"

namespace hawker::studio {

class SessionStore;

class ShowSession {
public:
    /// What the session needs of the program it records: a way to send the
    /// analytics' automatic commands, and the program's health for alerts.
    struct ProgramLinks {
        std::function<CommandResult(const Command&, const Actor&)> execute;
        std::function<EngineStatus()> status;
    };

    /// Opens the session (restoring a resumed one's state into `controller`).
    /// Throws std::runtime_error naming what failed; nothing is left open.
    ShowSession(const ShowSpec& show, const EngineOptions& options, ShowController& controller,
                ProgramLinks links);
    ~ShowSession();
    ShowSession(const ShowSession&) = delete;
    ShowSession& operator=(const ShowSession&) = delete;

    int64_t id() const { return m_sessionId; }
    /// Program time 0 of the session, in UTC ms (0 without a session).
    int64_t startUtcMs() const { return m_startUtcMs; }
    /// A resumed session's program clock goes on from here (0 otherwise).
    int64_t programOffsetMs() const { return m_programOffsetMs; }
    int64_t resumeGapMs() const { return m_resumeGapMs; }
    const std::vector<ResumableSession>& resumable() const { return m_resumable; }

    EventIngest* ingest() { return m_ingest.get(); }
    LiveAnalytics* analytics() { return m_analytics.get(); }
    const LiveAnalytics* analytics() const { return m_analytics.get(); }

    /// A timeline row as the controller or an output makes it: stored, and
    /// seen by the live analytics. Never waits.
    void timeline(const TimelineRow& row);
    void audit(const AuditEntry& entry);
    /// Once a tick (compositor thread): the heartbeat, and the state when it changed.
    void persistState(const ShowState& state, int64_t programMs);
    /// The command through the controller at `nowMs`; with a database, the
    /// answer waits until its rows are durable (or says they are not).
    CommandResult executeDurably(const Command& command, const Actor& actor, int64_t nowMs);
    /// Whether the database takes the show's writes (none without a database).
    std::optional<StoreHealth> health() const;
    /// The show ended at `sessionEndUtcMs`: the audience leaves, flash sales
    /// end, everything queued is written and the session is closed.
    void finish(int64_t sessionEndUtcMs);

private:
    void open(SessionStore& sessions);
    void openAnalytics(SessionStore& sessions, ProgramLinks links);

    const ShowSpec& m_show;
    const EngineOptions& m_options;
    ShowController& m_controller;
    std::shared_ptr<const ViewerHasher> m_hasher;
    std::unique_ptr<OnAirLog> m_onAirLog;
    std::unique_ptr<SourceLogins> m_logins; ///< with m_onAirLog: cameras' logins, beside the database
    mutable std::mutex m_onAirLogMutex;     ///< health() reads m_onAirLog while finish() may reset it
    // Declared in this order so the analytics (which the ingest's listener
    // reaches) are destroyed before the ingest writer.
    std::unique_ptr<EventIngest> m_ingest;
    std::unique_ptr<LiveAnalytics> m_analytics;
    int64_t m_startUtcMs = 0;
    int64_t m_sessionId = 0;
    int64_t m_programOffsetMs = 0;
    int64_t m_resumeGapMs = 0;
    std::vector<ResumableSession> m_resumable;
    uint64_t m_persistedVersion = 0;
};

} // namespace hawker::studio
