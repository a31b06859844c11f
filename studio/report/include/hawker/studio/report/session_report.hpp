#pragma once
// The post-show report (复盘) of one session as JSON: docs/DESIGN.md's metric keys
// under summary, per_minute, products and segments, plus what the HTML page
// shows (targets, offers, on-air intervals, comparison, A/B, notes, alerts).

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/kpi_targets.hpp"
#include "hawker/studio/analytics/on_air_schedule.hpp"
#include "hawker/studio/analytics/session_metrics.hpp"
#include "hawker/studio/store/database.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

struct ReportOptions {
    bool includeRehearsals = false; ///< compare with rehearsal sessions too
    size_t comparisonLimit = 10;    ///< earlier sessions of the same title or tag
};

/// Throws StoreError when the session does not exist or never started.
nlohmann::json buildSessionReport(Database& db, int64_t sessionId, const ReportOptions& options = {});

/// Replays a session's stored timeline (program time onto the session start) into a schedule.
OnAirSchedule loadSchedule(Database& db, const Session& session);

} // namespace hawker::studio
