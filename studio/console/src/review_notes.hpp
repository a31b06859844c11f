#pragma once
// The review's 复盘 notes tab: the selected session's notes, written, edited
// and deleted on the query lane, and listed again after each change.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "console_context.hpp"
#include "hawker/studio/store/notes_store.hpp"
#include "review_common.hpp"

namespace hawker::studio::console {

class ReviewNotes {
public:
    /// Another session was selected: forgets the notes and the note being
    /// written or edited, and lists the new session's.
    void select(int64_t sessionId);
    /// The selected session is no longer in the database.
    void deselect();
    /// Notices the notes' tasks that failed; a failed change lists the notes again.
    void checkTasks(const ConsoleContext& ctx);
    /// Starts the listing asked for, once the last one has finished.
    void startPending(ConsoleContext& ctx);
    void draw(ConsoleContext& ctx);

    size_t count() const { return m_notes.size(); }
    /// The notes of `sessionId` as they are now; none while they are not loaded.
    std::optional<std::vector<SessionNote>> notesOf(int64_t sessionId) const;

private:
    struct Draft {
        int kind = 5; ///< index into the note kinds; action items are the most common
        std::string text, owner, due;
    };

    void load(ConsoleContext& ctx, int64_t sessionId);
    /// An action's status (a combo that saves at once) and its due day; "—" for the other kinds.
    void drawActionStatus(ConsoleContext& ctx, const SessionNote& note, bool editing, bool saving);
    /// Runs a change to the notes, then lists them again on the same connection.
    void change(ConsoleContext& ctx, TaskWatch& watch,
                std::function<void(NotesStore&, int64_t session)> change, std::function<void()> onSaved);
    void drawTable(ConsoleContext& ctx, bool saving);
    void drawDeletePopup(ConsoleContext& ctx, bool saving);
    void drawAddForm(ConsoleContext& ctx, bool saving);

    std::optional<int64_t> m_session;  ///< the selected session
    bool m_wanted = false;             ///< a listing is asked for
    std::optional<int64_t> m_notesFor; ///< the session m_notes belongs to
    std::vector<SessionNote> m_notes;
    std::string m_error;

    Draft m_draft;
    int64_t m_editing = 0; ///< note being edited inline; 0: none
    std::string m_editText, m_editOwner, m_editDue;
    int64_t m_deleting = 0; ///< note the confirmation popup asks about
    bool m_openDeletePopup = false;

    TaskWatch m_loadTask{"review notes"}, m_addTask{"review note add"}, m_editTask{"review note edit"},
        m_deleteTask{"review note delete"};
};

} // namespace hawker::studio::console
