#include "review_notes.hpp"

#include <algorithm>
#include <cfloat>
#include <filesystem>
#include <iterator>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "hawker/studio/base/clock.hpp"
#include "hawker/studio/store/database.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

namespace {

constexpr const char* kNoteKinds[] = {"goal", "result", "gap", "cause", "improvement", "action"};
constexpr const char* kNoteKindLabels[] = {trKey("notes.kind_goal"),        trKey("notes.kind_result"),
                                           trKey("notes.kind_gap"),         trKey("notes.kind_cause"),
                                           trKey("notes.kind_improvement"), trKey("notes.kind_action")};
constexpr int kNoteKindCount = static_cast<int>(std::size(kNoteKinds));

const char* noteKindLabel(const std::string& kind) {
    for (int i = 0; i < kNoteKindCount; ++i)
        if (kind == kNoteKinds[i]) return tr(kNoteKindLabels[i]);
    return kind.c_str();
}

void markLastItem(ConsoleContext& ctx, const char* name) {
    ctx.markRegion(name, ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                   ImGui::GetItemRectMax().y);
}

} // namespace

void ReviewNotes::select(int64_t sessionId) {
    m_session = sessionId;
    m_notes.clear();
    m_notesFor.reset();
    m_error.clear();
    m_draft.text.clear();
    m_editing = 0;
    m_deleting = 0;
    m_wanted = true;
}

void ReviewNotes::deselect() {
    m_session.reset();
    m_notes.clear();
    m_notesFor.reset();
}

std::optional<std::vector<SessionNote>> ReviewNotes::notesOf(int64_t sessionId) const {
    if (m_notesFor != sessionId) return std::nullopt;
    return m_notes;
}

void ReviewNotes::checkTasks(const ConsoleContext& ctx) {
    m_loadTask.check(ctx);
    const bool addFailed = m_addTask.check(ctx);
    const bool editFailed = m_editTask.check(ctx);
    const bool deleteFailed = m_deleteTask.check(ctx);
    if (addFailed || editFailed || deleteFailed) {
        // The list may no longer match the file (another desk, a partial
        // change): show what the database holds; the form keeps the text.
        m_error = tr("notes.not_saved");
        m_wanted = true;
    }
}

void ReviewNotes::startPending(ConsoleContext& ctx) {
    // Waits for the listing still running, so clicking through sessions
    // quickly ends with the last one clicked, never a refused task.
    if (m_session && m_wanted && !ctx.busy(m_loadTask.name)) {
        m_wanted = false;
        load(ctx, *m_session);
    }
}

void ReviewNotes::load(ConsoleContext& ctx, int64_t sessionId) {
    const std::filesystem::path path = ctx.database();
    const bool queued = ctx.tasks().run(Lane::Queries, m_loadTask.name,
                                        [this, path, sessionId](TaskProgress&) -> TaskRunner::Deferred {
                                            requireDatabase(path);
                                            Database db(path, Database::Threading::OneThread);
                                            std::vector<SessionNote> notes = NotesStore(db).list(sessionId);
                                            return [this, sessionId, notes] {
                                                m_loadTask.arrived();
                                                if (m_session != sessionId) return;
                                                m_notes = notes;
                                                m_notesFor = sessionId;
                                            };
                                        });
    if (queued)
        m_loadTask.started();
    else
        m_wanted = true;
}

void ReviewNotes::change(ConsoleContext& ctx, TaskWatch& watch,
                         std::function<void(NotesStore&, int64_t session)> change,
                         std::function<void()> onSaved) {
    if (!m_session) return;
    const int64_t sessionId = *m_session;
    const std::filesystem::path path = ctx.database();
    TaskWatch* watched = &watch;
    const bool queued = ctx.tasks().run(
        Lane::Queries, watch.name,
        [this, path, sessionId, change, onSaved, watched](TaskProgress&) -> TaskRunner::Deferred {
            requireDatabase(path);
            Database db(path, Database::Threading::OneThread);
            NotesStore notes(db);
            change(notes, sessionId);
            std::vector<SessionNote> list = notes.list(sessionId);
            return [this, sessionId, list, onSaved, watched] {
                watched->arrived();
                if (m_session != sessionId) return;
                m_notes = list;
                m_notesFor = sessionId;
                m_error.clear();
                if (onSaved) onSaved();
            };
        });
    if (queued)
        watch.started();
    else
        ctx.message(false, trf("notes.busy", {{"task", taskLabel(watch.name)}}));
}

void ReviewNotes::draw(ConsoleContext& ctx) {
    const bool saving = ctx.busy(m_addTask.name) || ctx.busy(m_editTask.name) || ctx.busy(m_deleteTask.name);
    busyLine(ctx, m_loadTask.name, tr("notes.loading"));
    busyLine(ctx, m_addTask.name, tr("notes.adding"));
    busyLine(ctx, m_editTask.name, tr("notes.saving"));
    busyLine(ctx, m_deleteTask.name, tr("notes.deleting"));
    if (!m_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kReviewRed);
        ImGui::TextWrapped("%s", m_error.c_str());
        ImGui::PopStyleColor();
    }
    if (m_loadTask.failed && !m_notesFor) {
        ImGui::PushStyleColor(ImGuiCol_Text, kReviewRed);
        ImGui::TextWrapped("%s", tr("notes.load_failed"));
        ImGui::PopStyleColor();
        ImGui::SameLine();
        if (ImGui::SmallButton(trId("notes.retry").c_str())) m_wanted = true;
    }

    if (m_notes.empty()) {
        if (m_notesFor) ImGui::TextDisabled("%s", tr("notes.none"));
    } else {
        drawTable(ctx, saving);
    }
    drawDeletePopup(ctx, saving);

    ImGui::Spacing();
    ImGui::Separator();
    drawAddForm(ctx, saving);
}

void ReviewNotes::drawTable(ConsoleContext& ctx, bool saving) {
    if (!ImGui::BeginTable("notes", 6, kReviewTableFlags)) return;
    // The note and its owner share the width; the other columns fit what they hold. Left to the
    // table's proportional default, the wrapped note measured nothing on its first frame and the
    // button column took the whole row.
    ImGui::TableSetupColumn(tr("notes.col_kind"), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(tr("notes.col_note"), ImGuiTableColumnFlags_WidthStretch, 5.0f);
    ImGui::TableSetupColumn(tr("notes.col_owner"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(tr("notes.col_status"), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(tr("notes.col_written"), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    for (const SessionNote& note : m_notes) {
        ImGui::PushID(static_cast<int>(note.id));
        const bool editing = m_editing == note.id;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(noteKindLabel(note.kind));
        ImGui::TableNextColumn();
        if (editing) {
            ImGui::InputTextMultiline("##text", &m_editText,
                                      ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 4));
        } else {
            ctx.noticeText(note.text);
            ImGui::TextWrapped("%s", note.text.c_str());
        }
        ImGui::TableNextColumn();
        if (editing) {
            ImGui::SetNextItemWidth(-FLT_MIN);
            ImGui::InputText("##owner", &m_editOwner);
        } else if (note.owner.empty()) {
            ImGui::TextDisabled("—");
        } else {
            ctx.noticeText(note.owner);
            ImGui::TextWrapped("%s", note.owner.c_str());
        }
        ImGui::TableNextColumn();
        drawActionStatus(ctx, note, editing, saving);
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", figures::formatLocalTime(note.utcMs).c_str());
        ImGui::TableNextColumn();
        ImGui::BeginDisabled(saving);
        if (editing) {
            if (ImGui::SmallButton(trId("notes.save").c_str())) {
                const int64_t id = note.id;
                NoteChange edit{m_editText, m_editOwner, std::nullopt, std::nullopt};
                if (note.kind == "action") edit.due = m_editDue;
                change(
                    ctx, m_editTask, [id, edit](NotesStore& store, int64_t) { store.edit(id, edit); },
                    [this, id] {
                        if (m_editing == id) m_editing = 0;
                    });
            }
            ImGui::SameLine();
            if (ImGui::SmallButton(trId("common.cancel").c_str())) m_editing = 0;
        } else {
            if (ImGui::SmallButton(trId("notes.edit").c_str())) {
                m_editing = note.id;
                m_editText = note.text;
                m_editOwner = note.owner;
                m_editDue = note.due;
            }
            ImGui::SameLine();
            if (ImGui::SmallButton(trId("notes.delete").c_str())) {
                m_deleting = note.id;
                m_openDeletePopup = true;
            }
        }
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void ReviewNotes::drawActionStatus(ConsoleContext& ctx, const SessionNote& note, bool editing, bool saving) {
    if (note.kind != "action") {
        ImGui::TextDisabled("—");
        return;
    }
    static constexpr const char* kStatuses[] = {"open", "done", "dropped"};
    static constexpr const char* kStatusLabels[] = {trKey("notes.status_open"), trKey("notes.status_done"),
                                                    trKey("notes.status_dropped")};
    int current = 0;
    for (int i = 0; i < 3; ++i)
        if (note.status == kStatuses[i]) current = i;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    ImGui::BeginDisabled(saving);
    if (ImGui::BeginCombo("##status", tr(kStatusLabels[current]))) {
        for (int i = 0; i < 3; ++i)
            if (ImGui::Selectable((std::string(tr(kStatusLabels[i])) + "###" + kStatuses[i]).c_str(),
                                  i == current) &&
                i != current) {
                const int64_t id = note.id;
                const std::string status = kStatuses[i];
                change(ctx, m_editTask,
                       [id, status](NotesStore& store, int64_t) {
                           store.edit(id, {std::nullopt, std::nullopt, std::nullopt, status});
                       },
                       {});
            }
        ImGui::EndCombo();
    }
    ImGui::EndDisabled();
    if (editing) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
        ImGui::InputTextWithHint("##due", "YYYY-MM-DD", &m_editDue);
    } else if (!note.due.empty()) {
        // An open action past its day is what the next review must not miss.
        const bool late =
            note.status == "open" && note.due < figures::formatLocalTime(nowUtcMs()).substr(0, 10);
        if (late)
            ImGui::TextColored(ImVec4(0.95f, 0.35f, 0.35f, 1.0f), "%s",
                               trf("notes.due_late", {{"due", note.due}}).c_str());
        else
            ImGui::TextDisabled("%s", trf("notes.due", {{"due", note.due}}).c_str());
    }
}

void ReviewNotes::drawDeletePopup(ConsoleContext& ctx, bool saving) {
    // Opened here, outside the rows' ID scopes, so the popup's ID matches.
    if (m_openDeletePopup) {
        ImGui::OpenPopup((std::string(tr("notes.delete_title")) + "###delete note").c_str());
        m_openDeletePopup = false;
    }
    if (!ImGui::BeginPopupModal((std::string(tr("notes.delete_title")) + "###delete note").c_str(), nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize))
        return;
    const auto found = std::find_if(m_notes.begin(), m_notes.end(),
                                    [&](const SessionNote& n) { return n.id == m_deleting; });
    if (found == m_notes.end()) {
        ImGui::CloseCurrentPopup(); // gone meanwhile (another desk, another session selected)
    } else {
        ImGui::TextUnformatted(trf("notes.delete_question", {{"kind", noteKindLabel(found->kind)}}).c_str());
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextDisabled("%s", found->text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::BeginDisabled(saving);
        if (ImGui::Button(trId("notes.delete").c_str())) {
            const int64_t id = found->id;
            change(
                ctx, m_deleteTask, [id](NotesStore& store, int64_t) { store.remove(id); },
                [this, id] {
                    if (m_deleting == id) m_deleting = 0;
                    if (m_editing == id) m_editing = 0;
                });
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button(trId("common.cancel").c_str())) {
            m_deleting = 0;
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::EndPopup();
}

void ReviewNotes::drawAddForm(ConsoleContext& ctx, bool saving) {
    ImGui::TextUnformatted(tr("notes.add_title"));
    ImGui::SetNextItemWidth(220);
    if (ImGui::BeginCombo(trId("notes.kind").c_str(), tr(kNoteKindLabels[m_draft.kind]))) {
        for (int i = 0; i < kNoteKindCount; ++i)
            if (ImGui::Selectable((std::string(tr(kNoteKindLabels[i])) + "###" + kNoteKinds[i]).c_str(),
                                  i == m_draft.kind))
                m_draft.kind = i;
        ImGui::EndCombo();
    }
    ImGui::InputTextMultiline("##new note", &m_draft.text, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 5));
    markLastItem(ctx, "review_note_text");
    ImGui::SetNextItemWidth(260);
    ImGui::InputTextWithHint(trId("notes.owner").c_str(), tr("notes.owner_hint"), &m_draft.owner);
    ImGui::SameLine();
    if (std::string(kNoteKinds[m_draft.kind]) == "action") {
        ImGui::SetNextItemWidth(140);
        ImGui::InputTextWithHint(trId("notes.due_label").c_str(), tr("notes.due_hint"), &m_draft.due);
        ImGui::SameLine();
    }
    const bool blank = m_draft.text.find_first_not_of(" \t\r\n") == std::string::npos;
    ImGui::BeginDisabled(saving || blank || !m_session);
    const bool addClicked = ImGui::Button(trId("notes.add").c_str());
    markLastItem(ctx, "review_add_note");
    if (addClicked) {
        const std::string kind = kNoteKinds[m_draft.kind], noteText = m_draft.text, owner = m_draft.owner;
        const std::string due = kind == "action" ? m_draft.due : std::string();
        change(
            ctx, m_addTask,
            [kind, noteText, owner, due](NotesStore& store, int64_t session) {
                store.add(session, kind, noteText, owner, due);
            },
            [this, noteText] {
                // Keeps what was typed since the note was sent.
                if (m_draft.text == noteText) m_draft.text.clear();
            });
    }
    ImGui::EndDisabled();
}

} // namespace hawker::studio::console
