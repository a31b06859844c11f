#include "hawker/studio/store/timeline_table.hpp"

#include "hawker/studio/show/timeline_fields.hpp"

namespace hawker::studio {

void readTimeline(Database& db, int64_t session, int64_t afterId,
                  const std::function<void(StoredTimelineRow&)>& each) {
    Statement rows = db.prepare("SELECT id, utc_ms, program_ms, event, detail, fields FROM timeline "
                                "WHERE session_id = ?1 AND id > ?2 ORDER BY id");
    rows.bind(1, session).bind(2, afterId);
    while (rows.step()) {
        StoredTimelineRow stored;
        stored.id = rows.integer(0);
        stored.utcMs = rows.integer(1);
        stored.programMs = rows.optionalInteger(2);
        stored.event = rows.text(3);
        stored.text = rows.text(4);
        // A row without fields (written by hand after the migration)
        // decodes to nothing: its text is for people only.
        if (!rows.isNull(5)) {
            const nlohmann::json fields = nlohmann::json::parse(rows.textView(5), nullptr, false);
            stored.row = timelineRowFrom(stored.event, stored.programMs.value_or(0), fields);
        }
        each(stored);
    }
}

TimelineInsert::TimelineInsert(Database& db)
    : m_insert(db.prepare("INSERT INTO timeline (session_id, utc_ms, program_ms, event, detail, fields) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")) {}

void TimelineInsert::add(int64_t session, int64_t utcMs, const TimelineRow& row) {
    add(session, utcMs, row.programMs, toString(row.kind), row.text(), timelineFieldsText(row));
}

void TimelineInsert::add(int64_t session, int64_t utcMs, int64_t programMs, const std::string& event,
                         const std::string& text, const std::string& fields) {
    m_insert.bind(1, session).bind(2, utcMs).bind(3, programMs).bind(4, event).bind(5, text).bind(6, fields);
    m_insert.run();
}

} // namespace hawker::studio
