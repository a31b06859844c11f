#pragma once
// The 复盘 notes of a session: goal, result, gap, cause, improvement, and
// action items with an owner, added during or after the show. An action item
// is tracked: a due day and a status (open, done, dropped), so what a review
// decided is listed again, before the next show of the same title or tag,
// until someone closes it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

struct SessionNote {
    int64_t id = 0, sessionId = 0, utcMs = 0;
    std::string kind; ///< goal | result | gap | cause | improvement | action
    std::string text, owner;
    std::string due;    ///< an action's due day, "YYYY-MM-DD"; "" without one
    std::string status; ///< an action's: open | done | dropped; "" for the other kinds
};

/// {"id","session_id","kind","text","owner","utc_ms","due","status"}: the report's, the API's and the
/// exported review's shape (due and status null where the note has none).
nlohmann::json noteJson(const SessionNote& note);

/// True for the kinds a note can have.
bool isNoteKind(const std::string& kind);
/// True for an action's statuses.
bool isActionStatus(const std::string& status);

/// What `edit` changes; an absent field is kept.
struct NoteChange {
    std::optional<std::string> text, owner;
    std::optional<std::string> due;    ///< "" clears it; actions only
    std::optional<std::string> status; ///< actions only
};

/// An open action of an earlier session, with the session it came from.
struct OpenAction {
    SessionNote note;
    std::string sessionTitle;
    int64_t sessionStartUtcMs = 0;
};

/// noteJson with "session_title" and "session_start_utc_ms".
nlohmann::json openActionJson(const OpenAction& action);

class NotesStore {
public:
    explicit NotesStore(Database& db) : m_db(db) {}
    /// Throws StoreError for an unknown session or kind, empty text, or a due
    /// day on a note that is not an action (or not a real day). An action starts open.
    SessionNote add(int64_t session, const std::string& kind, const std::string& text,
                    const std::string& owner, const std::string& due = {});
    /// Changes a note; throws StoreError if there is no such note, or for a
    /// status or due day on a note that is not an action.
    SessionNote edit(int64_t noteId, const NoteChange& change);
    void remove(int64_t noteId);
    std::vector<SessionNote> list(int64_t session);
    /// The open actions of sessions that started before `session` and share
    /// its title or its (non-empty) tag, oldest first: the team's open promises
    /// for this show.
    std::vector<OpenAction> openActionsBefore(int64_t session);
    /// The same for a show not started yet: sessions of `title` or of the
    /// (non-empty) `tag` that started before `beforeUtcMs`.
    std::vector<OpenAction> openActionsFor(const std::string& title, const std::string& tag,
                                           int64_t beforeUtcMs, int64_t exceptSession = 0);

private:
    std::optional<SessionNote> find(int64_t noteId);
    Database& m_db;
};

} // namespace hawker::studio
