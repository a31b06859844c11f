#pragma once
// What went wrong during the show, on the review's time axis: an output that
// reconnected or failed, a source lost, the database or a platform connection
// in trouble, a crash and its resume. Drawn as markers on the viewers and GMV
// curves, so a merchandiser sees "the stream dropped at 21:14 and GMV fell".

#include <cstdint>

#include <nlohmann/json.hpp>

#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

/// [{"offset_ms","kind","text"}] in time order; kind is output, source,
/// database, connector, webhook or resume. From the on-air timeline's typed
/// rows and the alerts the show raised, inside [startUtcMs, endUtcMs].
nlohmann::json incidentsJson(Database& db, int64_t session, int64_t startUtcMs, int64_t endUtcMs);

} // namespace hawker::studio
