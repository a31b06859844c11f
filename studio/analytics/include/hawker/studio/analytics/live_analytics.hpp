#pragma once
// The live side of analytics for the running session: the metrics kept up
// to date from committed events, the on-air schedule from the timeline, the
// alert rules judged once a program second, flash-sale orders turned into
// offer.sell commands, and (in rehearsals and the demo) the simulated
// audience. Its own worker thread does the slow parts, so the compositor
// only hands it a snapshot per program second.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/alert_rules.hpp"
#include "hawker/studio/analytics/audience_simulator.hpp"
#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/analytics/on_air_schedule.hpp"
#include "hawker/studio/analytics/session_metrics.hpp"
#include "hawker/studio/show/show_controller.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

struct LiveAnalyticsConfig {
    int64_t sessionId = 0;
    int64_t startUtcMs = 0;    ///< program time 0 in UTC
    std::string targetsJson;   ///< the session's targets
    double plannedSeconds = 0; ///< the show's planned length (rundown or --duration), for pace
    std::vector<AlertRuleSpec> rules;
    std::vector<PlannedSegment> plan;
    std::optional<SimulatorConfig> simulator; ///< a simulated audience sends events
};

/// Outputs and sources the alert rules watch, read when they are judged.
struct LiveHealth {
    std::vector<std::string> unhealthyOutputs, lostSources;
    std::string database; ///< why the session database does not take writes; empty while it does
    uint64_t droppedFrames = 0, laggedFrames = 0; ///< the program's, since the show started
    std::vector<std::string> offProfile;          ///< outputs out of their platform profile now
    std::optional<AudioHealth> audio;             ///< the program's sound; empty in a show without any
};

struct LiveAlert {
    int64_t id = 0, utcMs = 0;
    std::string ruleId, kpi, level;
    std::string message; ///< English: the database, the API and the log
    bool acknowledged = false;
    std::string acknowledgedBy;
    int64_t acknowledgedUtcMs = 0;
    bool cleared = false; ///< its rule is back at green
    /// The same words for the console and the review to say in their reader's language (empty only for
    /// an alert stored before alerts had phrases: its message is shown).
    i18n::Phrase said;
};

class LiveAnalytics {
public:
    using CommandSink = std::function<CommandResult(const Command&, const Actor&)>;
    using HealthProbe = std::function<LiveHealth()>;

    LiveAnalytics(LiveAnalyticsConfig config, const ShowSpec& show, EventIngest& ingest,
                  const std::filesystem::path& database, CommandSink sink, HealthProbe health);
    ~LiveAnalytics();
    LiveAnalytics(const LiveAnalytics&) = delete;
    LiveAnalytics& operator=(const LiveAnalytics&) = delete;

    /// One on-air timeline row (any thread; short lock).
    void onTimeline(const TimelineRow& row);
    /// Events of this session just committed (the ingest writer thread).
    void onEvents(const std::vector<ViewerEvent>& fresh);
    /// An order counted with its product pending was replaced by its line
    /// items (the ingest writer thread, after the commit): the metrics move
    /// it to the SKUs and its lines drain a running flash sale of their SKU.
    void onOrderResolved(const ViewerEvent& pending, const std::vector<ViewerEvent>& lines);
    /// A live comment the platform deleted leaves the Comments feed.
    void removeComment(const std::string& eventId);
    /// A program second passed (the compositor thread). Live it is queued and
    /// never waits; with `wait` (offline) it returns once the second is
    /// processed, so a virtual-clock rehearsal is deterministic.
    void tick(int64_t programMs, std::shared_ptr<const ShowState> state, bool wait);
    /// The show ended at `programMs`: the simulated audience leaves, the queue drains.
    void finish(int64_t programMs);

    /// Summary, KPI tiles with targets at the current pace, per-minute
    /// series, alerts, recent comments, product numbers.
    nlohmann::json snapshot() const;
    /// The live summary numbers in docs/DESIGN.md's keys (what the report computes later).
    nlohmann::json summaryJson() const;
    std::vector<LiveAlert> alerts() const;
    /// Marks an alert as seen; false when there is no such alert. Throws
    /// StoreError when the database does not take it now (it is kept and
    /// stored with the next second's alerts).
    bool acknowledge(int64_t alertId, const std::string& who);
    int64_t sessionId() const { return m_config.sessionId; }
    /// An alert that no rule judges (an order webhook's bad signatures): shown,
    /// acknowledged and stored like the rules' alerts (any thread). Its message, for the database, the API
    /// and the log, says it in English and in Chinese; the console says it in its reader's language.
    void raise(const std::string& ruleId, const std::string& kpi, const std::string& level,
               const i18n::Phrase& said);

private:
    struct Tick {
        int64_t programMs = 0;
        std::shared_ptr<const ShowState> state;
        uint64_t sequence = 0;
    };
    void run();
    void process(const Tick& tick);
    void simulate(const Tick& tick);
    void judgeAlerts(const Tick& tick);
    /// Writes the alerts whose row is not stored as it is now; false while
    /// the database does not take them (they stay for the next try). After a
    /// failure the worker tries again only every few seconds (a locked file
    /// costs each try SQLite's busy wait); `now` tries regardless.
    bool storeAlerts(bool now = false);
    OnAirView viewOf(const ShowState& state, int64_t programMs);
    void sellFromOrders(const std::vector<ViewerEvent>& fresh);
    /// Timeline rows queued by onTimeline into the schedule; call with m_mutex held.
    void applyPendingTimeline();

    LiveAnalyticsConfig m_config;
    const ShowSpec& m_show;
    EventIngest& m_ingest;
    Database m_db; ///< alerts
    CommandSink m_sink;
    HealthProbe m_health;
    std::unique_ptr<AudienceSimulator> m_simulator;
    AlertEvaluator m_evaluator;
    std::vector<std::string> m_negativeKeywords;
    std::optional<int64_t> m_targetGmvCents, m_targetUv;

    struct PendingRow {
        int64_t utcMs = 0;
        TimelineRow row;
    };
    std::mutex m_timelineMutex; ///< only m_pendingTimeline
    std::vector<PendingRow> m_pendingTimeline;

    mutable std::mutex m_mutex; ///< everything below
    OnAirSchedule m_schedule;
    SessionMetrics m_metrics;
    int64_t m_nowUtcMs = 0;
    nlohmann::json m_openActions; ///< earlier shows' open actions (openActionJson), read at the start
    int64_t m_negativeComments = 0;
    std::vector<LiveAlert> m_alerts;
    /// Ids are given here, not by SQLite, so an alert raised while the
    /// database does not take writes has its id (for acknowledging) at once.
    int64_t m_lastAlertId = 0;
    std::set<int64_t> m_unstoredAlerts; ///< ids whose row (or acknowledgement) is not stored yet
    std::mutex m_storeMutex;            ///< one writer of alert rows at a time; and:
    bool m_alertsFailing = false;       ///< the last write of alert rows failed (said once)
    std::chrono::steady_clock::time_point m_alertsRetryAt{};
    std::shared_ptr<const ShowState> m_lastState;
    /// Orders paid before the session's start, already sold into a flash sale
    /// (by orderKey). The metrics do not count them, so they cannot say which
    /// of them are retries; the orders they count they report once themselves.
    FlatIdSet m_soldBeforeStart;

    // the worker
    std::mutex m_queueMutex;
    std::condition_variable m_wake, m_done;
    std::deque<Tick> m_queue;
    uint64_t m_queued = 0, m_processed = 0;
    bool m_stopping = false;
    // simulator-thread state
    std::string m_lastLook;
    std::string m_simulatorError; ///< the last one logged: said once, not every second
    int64_t m_lastChangeMs = 0;
    std::thread m_thread;
};

} // namespace hawker::studio
