#pragma once
// The 复盘 notes of a session: goal, result, gap, cause, improvement, and
// action items with an owner, added during or after the show.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

struct SessionNote {
    int64_t id = 0, sessionId = 0, utcMs = 0;
    std::string kind; ///< goal | result | gap | cause | improvement | action
    std::string text, owner;
};

/// True for the kinds a note can have.
bool isNoteKind(const std::string& kind);

class NotesStore {
public:
    explicit NotesStore(Database& db) : m_db(db) {}
    /// Throws StoreError for an unknown session or kind, or empty text.
    SessionNote add(int64_t session, const std::string& kind, const std::string& text,
                    const std::string& owner);
    /// Changes a note's text and owner; throws StoreError if there is no such note.
    SessionNote edit(int64_t noteId, const std::string& text, const std::string& owner);
    void remove(int64_t noteId);
    std::vector<SessionNote> list(int64_t session);

private:
    std::optional<SessionNote> find(int64_t noteId);
    Database& m_db;
};

} // namespace hawker::studio
