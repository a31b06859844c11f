#pragma once
// The on-air timeline table: the one insert its writers use and the one read
// its readers use. A row holds its kind's name (event), the text made from
// its fields (detail: for people, and for SQL that only shows it) and the
// fields themselves (fields: a JSON object with fixed keys, see
// timeline_fields.hpp). Readers get the typed row back; none reads the text.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "hawker/studio/show/timeline_row.hpp"
#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

struct StoredTimelineRow {
    int64_t id = 0;
    int64_t utcMs = 0;                ///< when it was stored
    std::optional<int64_t> programMs; ///< the show's clock (null in rows made outside a show)
    std::string event;                ///< the kind's name as stored
    std::string text;                 ///< the text as stored
    /// The typed row; nullopt when its fields do not decode: an event this
    /// hawker does not know, or an old row whose text did not say its fields
    /// (legacy_timeline.hpp). Such a row is shown, never counted.
    std::optional<TimelineRow> row;
};

/// The rows of `session` with an id above `afterId`, in the order they were written.
void readTimeline(Database& db, int64_t session, int64_t afterId,
                  const std::function<void(StoredTimelineRow&)>& each);

/// The insert, prepared once so that a writer's transaction reuses it.
class TimelineInsert {
public:
    explicit TimelineInsert(Database& db);
    /// Stores `row` with its text and fields. The caller masks secrets
    /// first where the row may carry any (OnAirLog does).
    void add(int64_t session, int64_t utcMs, const TimelineRow& row);
    /// Stores a row already encoded (`fields` is timelineFieldsText()).
    void add(int64_t session, int64_t utcMs, int64_t programMs, const std::string& event,
             const std::string& text, const std::string& fields);

private:
    Statement m_insert;
};

} // namespace hawker::studio
