#include "hawker/studio/store/notes_store.hpp"

#include "hawker/overlay/text_renderer.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

namespace {
constexpr size_t kMaxNoteBytes = 4000;

SessionNote readNote(const Statement& row) {
    return {row.integer(0), row.integer(1), row.integer(2), row.text(3), row.text(4), row.text(5)};
}
void checkText(const std::string& text, const std::string& owner) {
    if (text.empty()) throw StoreError("a note needs text");
    if (text.size() > kMaxNoteBytes) throw StoreError("a note is at most 4000 bytes");
    if (owner.size() > 200) throw StoreError("an owner is at most 200 bytes");
    if (!overlay::isValidUtf8(text) || !overlay::isValidUtf8(owner))
        throw StoreError("a note must be UTF-8 text");
}
} // namespace

bool isNoteKind(const std::string& kind) {
    for (const char* k : {"goal", "result", "gap", "cause", "improvement", "action"})
        if (kind == k) return true;
    return false;
}

SessionNote NotesStore::add(int64_t session, const std::string& kind, const std::string& text,
                            const std::string& owner) {
    if (!isNoteKind(kind))
        throw StoreError("unknown note kind '" + kind + "' (goal, result, gap, cause, improvement, action)");
    checkText(text, owner);
    if (!SessionStore(m_db).find(session)) throw StoreError("no session " + std::to_string(session));
    Statement insert =
        m_db.prepare("INSERT INTO notes (session_id, utc_ms, kind, text, owner) VALUES (?1, ?2, ?3, ?4, ?5)");
    insert.bind(1, session).bind(2, nowUtcMs()).bind(3, kind).bind(4, text).bind(5, owner);
    insert.run();
    return *find(m_db.lastInsertId());
}

SessionNote NotesStore::edit(int64_t noteId, const std::string& text, const std::string& owner) {
    checkText(text, owner);
    if (!find(noteId)) throw StoreError("no note " + std::to_string(noteId));
    Statement update = m_db.prepare("UPDATE notes SET text = ?2, owner = ?3 WHERE id = ?1");
    update.bind(1, noteId).bind(2, text).bind(3, owner);
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
    Statement row = m_db.prepare("SELECT id, session_id, utc_ms, kind, text, owner FROM notes WHERE id = ?1");
    row.bind(1, noteId);
    if (!row.step()) return std::nullopt;
    return readNote(row);
}

std::vector<SessionNote> NotesStore::list(int64_t session) {
    std::vector<SessionNote> notes;
    Statement rows = m_db.prepare("SELECT id, session_id, utc_ms, kind, text, owner FROM notes WHERE "
                                  "session_id = ?1 ORDER BY utc_ms, id");
    rows.bind(1, session);
    while (rows.step())
        notes.push_back(readNote(rows));
    return notes;
}

} // namespace hawker::studio
