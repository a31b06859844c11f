#pragma once
// A session's stored timeline and events replayed into its on-air schedule
// and metrics: what the report, the clips and the trends all count from, so
// every figure of a window is the same wherever it is shown.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "hawker/studio/analytics/on_air_schedule.hpp"
#include "hawker/studio/analytics/session_metrics.hpp"
#include "hawker/studio/store/database.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

/// A product as the session offered it.
struct SessionProduct {
    std::string name;
    std::optional<int64_t> priceCents;
};

/// sku → product: the catalog's, overridden by the show's own products (what was offered that day).
std::map<std::string, SessionProduct> sessionProducts(Database& db, int64_t sessionId);

struct SessionReplay {
    Session session;
    int64_t start = 0, end = 0; ///< UTC ms; a live session is replayed up to now
    std::unique_ptr<OnAirSchedule> schedule;
    std::unique_ptr<SessionMetrics> metrics; ///< counts with *schedule
    std::map<std::string, SessionProduct> products;
};

/// Throws StoreError when the session does not exist or never started.
SessionReplay replaySession(Database& db, int64_t sessionId);

} // namespace hawker::studio
