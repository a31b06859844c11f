#include "hawker/studio/store/notes_store.hpp"

#include <nlohmann/json.hpp>

#include "hawker/overlay/text_renderer.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

namespace {
constexpr size_t kMaxNoteBytes = 4000;

constexpr const char* kColumns = "id, session_id, utc_ms, kind, text, owner, due_date, status";

SessionNote readNote(const Statement& row, int first = 0) {
    return {row.integer(first),
            row.integer(first + 1),
            row.integer(first + 2),
            row.text(first + 3),
            row.text(first + 4),
            row.text(first + 5),
            row.isNull(first + 6) ? std::string() : row.text(first + 6),
            row.isNull(first + 7) ? std::string() : row.text(first + 7)};
}

/// A real calendar day written YYYY-MM-DD (2026-02-30 is refused).
bool isDay(const std::string& day) {
    if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
    for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (day[i] < '0' || day[i] > '9') return false;
    const int year = std::stoi(day.substr(0, 4)), month = std::stoi(day.substr(5, 2)),
              dayOfMonth = std::stoi(day.substr(8, 2));
    if (month < 1 || month > 12 || dayOfMonth < 1) return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return dayOfMonth <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

void checkDue(const std::string& due) {
    if (!due.empty() && !isDay(due))
        throw StoreError("a due day is written YYYY-MM-DD and must exist (got '" + due + "')");
}
void checkText(const std::string& text, const std::string& owner) {
    if (text.empty()) throw StoreError("a note needs text");
    if (text.size() > kMaxNoteBytes) throw StoreError("a note is at most 4000 bytes");
    if (owner.size() > 200) throw StoreError("an owner is at most 200 bytes");
    if (!overlay::isValidUtf8(text) || !overlay::isValidUtf8(owner))
        throw StoreError("a note must be UTF-8 text");
}
} // namespace

nlohmann::json noteJson(const SessionNote& n) {
    using nlohmann::json;
    return json{{"id", n.id},
                {"session_id", n.sessionId},
                {"kind", n.kind},
                {"text", n.text},
                {"owner", n.owner},
                {"utc_ms", n.utcMs},
                {"due", n.due.empty() ? json(nullptr) : json(n.due)},
                {"status", n.status.empty() ? json(nullptr) : json(n.status)}};
}

nlohmann::json openActionJson(const OpenAction& action) {
    nlohmann::json item = noteJson(action.note);
    item["session_title"] = action.sessionTitle;
    item["session_start_utc_ms"] = action.sessionStartUtcMs;
    return item;
}

bool isActionStatus(const std::string& status) {
    return status == "open" || status == "done" || status == "dropped";
}

bool isNoteKind(const std::string& kind) {
    for (const char* k : {"goal", "result", "gap", "cause", "improvement", "action"})
        if (kind == k) return true;
    return false;
}

SessionNote NotesStore::add(int64_t session, const std::string& kind, const std::string& text,
                            const std::string& owner, const std::string& due) {
    if (!isNoteKind(kind))
        throw StoreError("unknown note kind '" + kind + "' (goal, result, gap, cause, improvement, action)");
    checkText(text, owner);
    if (!due.empty() && kind != "action") throw StoreError("only an action has a due day");
    checkDue(due);
    if (!SessionStore(m_db).find(session)) throw StoreError("no session " + std::to_string(session));
    Statement insert =
        m_db.prepare("INSERT INTO notes (session_id, utc_ms, kind, text, owner, due_date, status)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    insert.bind(1, session).bind(2, nowUtcMs()).bind(3, kind).bind(4, text).bind(5, owner);
    if (due.empty())
        insert.bindNull(6);
    else
        insert.bind(6, due);
    if (kind == "action")
        insert.bind(7, std::string("open"));
    else
        insert.bindNull(7);
    insert.run();
    return *find(m_db.lastInsertId());
}

SessionNote NotesStore::edit(int64_t noteId, const NoteChange& change) {
    std::optional<SessionNote> note = find(noteId);
    if (!note) throw StoreError("no note " + std::to_string(noteId));
    if ((change.due || change.status) && note->kind != "action")
        throw StoreError("note " + std::to_string(noteId) + " is a " + note->kind +
                         ": only an action has a due day and a status");
    if (change.status && !isActionStatus(*change.status))
        throw StoreError("unknown status '" + *change.status + "' (open, done, dropped)");
    if (change.due) checkDue(*change.due);
    if (change.text) note->text = *change.text;
    if (change.owner) note->owner = *change.owner;
    if (change.due) note->due = *change.due;
    if (change.status) note->status = *change.status;
    checkText(note->text, note->owner);
    Statement update =
        m_db.prepare("UPDATE notes SET text = ?2, owner = ?3, due_date = ?4, status = ?5 WHERE id = ?1");
    update.bind(1, noteId).bind(2, note->text).bind(3, note->owner);
    if (note->due.empty())
        update.bindNull(4);
    else
        update.bind(4, note->due);
    if (note->status.empty())
        update.bindNull(5);
    else
        update.bind(5, note->status);
    update.run();
    return *find(noteId);
}

void NotesStore::remove(int64_t noteId) {
    if (!find(noteId)) throw StoreError("no note " + std::to_string(noteId));
    Statement erase = m_db.prepare("DELETE FROM notes WHERE id = ?1");
    erase.bind(1, noteId);
    erase.run();
}

std::optional<SessionNote> NotesStore::find(int64_t noteId) {
    Statement row = m_db.prepare(std::string("SELECT ") + kColumns + " FROM notes WHERE id = ?1");
    row.bind(1, noteId);
    if (!row.step()) return std::nullopt;
    return readNote(row);
}

std::vector<SessionNote> NotesStore::list(int64_t session) {
    std::vector<SessionNote> notes;
    Statement rows = m_db.prepare(std::string("SELECT ") + kColumns +
                                  " FROM notes WHERE session_id = ?1 ORDER BY utc_ms, id");
    rows.bind(1, session);
    while (rows.step())
        notes.push_back(readNote(rows));
    return notes;
}

std::vector<OpenAction> NotesStore::openActionsBefore(int64_t session) {
    const std::optional<Session> current = SessionStore(m_db).find(session);
    if (!current) throw StoreError("no session " + std::to_string(session));
    return openActionsFor(current->title, current->tag, current->startUtcMs.value_or(nowUtcMs()), session);
}

std::vector<OpenAction> NotesStore::openActionsFor(const std::string& title, const std::string& tag,
                                                   int64_t beforeUtcMs, int64_t exceptSession) {
    Statement rows = m_db.prepare(
        "SELECT n.id, n.session_id, n.utc_ms, n.kind, n.text, n.owner, n.due_date, n.status, s.title,"
        " s.start_utc_ms FROM notes n JOIN sessions s ON s.id = n.session_id"
        " WHERE n.status = 'open' AND n.session_id <> ?1 AND s.start_utc_ms < ?2"
        " AND (s.title = ?3 OR (?4 <> '' AND s.tag = ?4)) ORDER BY s.start_utc_ms, n.id");
    rows.bind(1, exceptSession).bind(2, beforeUtcMs).bind(3, title).bind(4, tag);
    std::vector<OpenAction> out;
    while (rows.step())
        out.push_back({readNote(rows), rows.text(8), rows.integer(9)});
    return out;
}

} // namespace hawker::studio
