#pragma once
// The merchandiser's post-show review (复盘): pick a session, read its report
// (KPIs against targets, charts with what was on air, funnel, products,
// segments, earlier sessions, alerts), keep the 复盘 notes and export the
// report. It only reads the session database and writes notes; it never
// sends a command to the program.
//
// This is the shell: the session list, the selected session's header and the
// tab bar. The report is prepared off the UI thread by studio/report's review
// model (review_common.hpp), its tabs are drawn by review_tabs.hpp, the notes
// by ReviewNotes and the export by ReviewExport.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "hawker/studio/store/session_store.hpp"
#include "panel.hpp"
#include "review_clips.hpp"
#include "review_common.hpp"
#include "review_export.hpp"
#include "review_notes.hpp"
#include "review_trend.hpp"

namespace hawker::studio::console {

class ReviewView : public Panel {
public:
    ReviewView();
    void drawContent(ConsoleContext& ctx) override;

private:
    void startPendingTasks(ConsoleContext& ctx);
    void loadSessions(ConsoleContext& ctx);
    void loadReport(ConsoleContext& ctx, int64_t sessionId);
    void select(const ConsoleContext& ctx, int64_t sessionId);
    const Session* selectedSession() const;

    void drawSessionList(ConsoleContext& ctx);
    void drawSession(ConsoleContext& ctx);
    void drawTabs(ConsoleContext& ctx);

    bool m_sessionsLoadedOnce = false;
    const void* m_overviewShownFor = nullptr; ///< the report whose overview tab was opened
    bool m_openedWanted = false;              ///< the --session to open first was looked for
    std::vector<Session> m_sessions;          ///< newest first

    std::optional<int64_t> m_selected;
    bool m_reportWanted = false;
    std::shared_ptr<const LoadedReport> m_report; ///< of the selected session only
    bool m_cumulativeGmv = false;

    ReviewNotes m_notes;
    ReviewExport m_export;
    ReviewClips m_clips;
    ReviewTrend m_trend;

    TaskWatch m_sessionsTask{"review sessions"}, m_reportTask{"review report"};
};

} // namespace hawker::studio::console
