#pragma once
// What went wrong during the show, on the review's time axis: an output that
// reconnected or failed, a source lost, the database or a platform connection
// in trouble, a crash and its resume. Drawn as markers on the viewers and GMV
// curves, so a merchandiser sees "the stream dropped at 21:14 and GMV fell".

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

/// [{"offset_ms","kind","text","phrase"}] in time order; kind is output, source,
/// database, frames, connector, webhook or resume; phrase an alert's words
/// (phrase_json.hpp) or null. From the on-air timeline's typed rows and the
/// alerts the show raised, inside [startUtcMs, endUtcMs].
nlohmann::json incidentsJson(Database& db, int64_t session, int64_t startUtcMs, int64_t endUtcMs);

/// An incident's kind in the reader's language; a kind it does not know as it is.
std::string incidentKindName(const std::string& kind);

/// An incident as one line for people: "output: output rtmp1 reconnecting …", its kind and words in the
/// reader's language where they have them.
std::string incidentLine(const nlohmann::json& incident);

} // namespace hawker::studio
