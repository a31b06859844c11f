#pragma once
// The merchandiser's post-show review (复盘): pick a session, read its report
// (KPIs against targets, charts with what was on air, funnel, products,
// segments, earlier sessions, alerts), keep the 复盘 notes and export the
// report. It only reads the session database and writes notes; it never
// sends a command to the program.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chart_drawing.hpp"
#include "hawker/studio/store/notes_store.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "panel.hpp"

namespace hawker::studio::console {

class ReviewView : public Panel {
public:
    ReviewView();
    void drawContent(ConsoleContext& ctx) override;

    /// A built report with what the frame draws from it worked out on the
    /// query lane, so a long show's report costs the UI thread nothing.
    struct LoadedReport {
        int64_t sessionId = 0;
        std::shared_ptr<const nlohmann::json> json;
        LineChart online, gmv, gmvTotal;
        std::vector<FunnelStep> funnel;
        struct ProductRow {
            std::string sku, name;
            double onAirSeconds = 0;
            int64_t clicks = 0, clickUv = 0, paidOrders = 0, units = 0, gmvCents = 0, gmvOnAirCents = 0;
            std::optional<int64_t> targetUnits;
        };
        std::vector<ProductRow> products; ///< by GMV, best first
    };

private:
    /// Whether a task started by this view ended without its result arriving:
    /// the runner already reported the error, the view only has to notice.
    struct TaskWatch {
        std::string name;
        bool waiting = false;
        bool failed = false;
        void started() {
            waiting = true;
            failed = false;
        }
        void arrived() {
            waiting = false;
            failed = false;
        }
        /// True in the frame the task is found to have failed.
        bool check(const ConsoleContext& ctx);
    };

    struct NoteDraft {
        int kind = 5; ///< index into the note kinds; action items are the most common
        std::string text, owner;
    };

    void startPendingTasks(ConsoleContext& ctx);
    void loadSessions(ConsoleContext& ctx);
    void loadReport(ConsoleContext& ctx, int64_t sessionId);
    void loadNotes(ConsoleContext& ctx, int64_t sessionId);
    /// Runs a change to the notes, then lists them again on the same connection.
    void changeNotes(ConsoleContext& ctx, TaskWatch& watch,
                     std::function<void(NotesStore&, int64_t session)> change, std::function<void()> onSaved);
    void select(const ConsoleContext& ctx, int64_t sessionId);
    const Session* selectedSession() const;

    void drawSessionList(ConsoleContext& ctx);
    void drawSession(ConsoleContext& ctx);
    void drawOverview(const LoadedReport& report, ImFont* large);
    void drawKpiTiles(const nlohmann::json& report, ImFont* large);
    void drawProducts(const LoadedReport& report);
    void drawSegments(const nlohmann::json& report);
    void drawComparison(const nlohmann::json& report);
    void drawAlerts(const nlohmann::json& report);
    void drawNotes(ConsoleContext& ctx);
    void drawExport(ConsoleContext& ctx);

    bool m_sessionsLoadedOnce = false;
    const void* m_overviewShownFor = nullptr; ///< the report whose overview tab was opened
    bool m_openedWanted = false;              ///< the --session to open first was looked for
    std::vector<Session> m_sessions;          ///< newest first

    std::optional<int64_t> m_selected;
    bool m_reportWanted = false, m_notesWanted = false;
    std::shared_ptr<const LoadedReport> m_report; ///< of the selected session only
    std::optional<int64_t> m_notesFor;            ///< the session m_notes belongs to
    std::vector<SessionNote> m_notes;
    std::string m_notesError;

    NoteDraft m_draft;
    int64_t m_editing = 0; ///< note being edited inline; 0: none
    std::string m_editText, m_editOwner;
    int64_t m_deleting = 0; ///< note the confirmation popup asks about
    bool m_openDeletePopup = false;
    bool m_cumulativeGmv = false;

    std::string m_htmlPath, m_csvDir;
    std::vector<std::string> m_exported;

    TaskWatch m_sessionsTask{"review sessions"}, m_reportTask{"review report"}, m_notesTask{"review notes"},
        m_addTask{"review note add"}, m_editTask{"review note edit"}, m_deleteTask{"review note delete"},
        m_htmlTask{"review export html"}, m_csvTask{"review export csv"};
};

} // namespace hawker::studio::console
