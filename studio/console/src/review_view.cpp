#include "review_view.hpp"

#include <algorithm>
#include <filesystem>
#include <string>

#include <imgui.h>

#include "hawker/studio/report/review_sessions.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/store/database.hpp"
#include "review_tabs.hpp"

namespace hawker::studio::console {

namespace {

void noticeTexts(ConsoleContext& context, const nlohmann::json& value) {
    if (value.is_string())
        context.noticeText(value.get_ref<const std::string&>());
    else if (value.is_structured())
        for (const nlohmann::json& item : value)
            noticeTexts(context, item);
}

} // namespace

ReviewView::ReviewView() : Panel("Review 复盘", trKey("review.title"), PanelPlace{0, 0, 1, 1}) {}

const Session* ReviewView::selectedSession() const {
    if (!m_selected) return nullptr;
    for (const Session& session : m_sessions)
        if (session.id == *m_selected) return &session;
    return nullptr;
}

void ReviewView::select(const ConsoleContext& ctx, int64_t sessionId) {
    if (m_selected == sessionId) return;
    m_selected = sessionId;
    m_report.reset();
    m_reportTask.failed = false;
    m_notes.select(sessionId);
    m_export.select(ctx.database().parent_path(), sessionId);
    const Session* session = selectedSession();
    // A planned session has no report yet; its notes can already be written.
    m_reportWanted = session && session->startUtcMs.has_value();
}

void ReviewView::loadSessions(ConsoleContext& ctx) {
    const std::filesystem::path path = ctx.database();
    const bool queued = ctx.tasks().run(
        Lane::Queries, m_sessionsTask.name, [this, path, &ctx](TaskProgress&) -> TaskRunner::Deferred {
            requireDatabase(path);
            Database db(path, Database::Threading::OneThread);
            std::vector<Session> sessions = SessionStore(db).list();
            sortNewestFirst(sessions);
            return [this, sessions, &ctx] {
                m_sessionsTask.arrived();
                m_sessions = sessions;
                // Titles, tags and hosts come from the database, not the show file: their characters go
                // to the font atlas (added off the UI thread) like a comment's.
                for (const Session& session : m_sessions)
                    for (const std::string* text : {&session.title, &session.tag, &session.host})
                        ctx.noticeText(*text);
                // The session asked for on the command line opens first, once.
                if (const auto wanted = ctx.reviewSession(); wanted && !m_selected && !m_openedWanted) {
                    m_openedWanted = true;
                    for (const Session& session : m_sessions)
                        if (session.id == *wanted) select(ctx, *wanted);
                    if (!m_selected)
                        ctx.message(false, trf("review.no_such_session", {{"id", std::to_string(*wanted)}}));
                }
                if (m_selected && !selectedSession()) {
                    m_selected.reset();
                    m_report.reset();
                    m_notes.deselect();
                }
            };
        });
    if (queued)
        m_sessionsTask.started();
    else
        ctx.message(false, tr("review.sessions_loading"));
}

void ReviewView::loadReport(ConsoleContext& ctx, int64_t sessionId) {
    const std::filesystem::path path = ctx.database();
    const bool queued =
        ctx.tasks().run(Lane::Queries, m_reportTask.name,
                        [this, path, sessionId, &ctx](TaskProgress& progress) -> TaskRunner::Deferred {
                            requireDatabase(path);
                            Database db(path, Database::Threading::OneThread);
                            progress.set(0.05f);
                            nlohmann::json report = buildSessionReport(db, sessionId);
                            progress.set(0.9f);
                            std::shared_ptr<const LoadedReport> loaded =
                                loadedReport(sessionId, std::move(report));
                            return [this, loaded, &ctx] {
                                m_reportTask.arrived();
                                // A report of a session no longer selected is dropped; the new
                                // selection has asked for its own.
                                if (m_selected == loaded->sessionId) m_report = loaded;
                                // Every text of the report (products, segments, notes, comments) may
                                // need glyphs the atlas was not built with.
                                noticeTexts(ctx, *loaded->json);
                            };
                        });
    if (queued)
        m_reportTask.started();
    else
        m_reportWanted = true; // lane full: try again next frame
}

void ReviewView::startPendingTasks(ConsoleContext& ctx) {
    if (!m_sessionsLoadedOnce) {
        m_sessionsLoadedOnce = true;
        loadSessions(ctx);
    }
    // Asked-for loads wait for the one still running, so clicking through
    // sessions quickly ends with the last one clicked, never a refused task.
    if (m_selected && m_reportWanted && !ctx.busy(m_reportTask.name)) {
        m_reportWanted = false;
        loadReport(ctx, *m_selected);
    }
    m_notes.startPending(ctx);
}

void ReviewView::drawContent(ConsoleContext& ctx) {
    if (ctx.database().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kReviewAmber);
        ImGui::TextWrapped("%s", tr("review.no_database"));
        ImGui::PopStyleColor();
        ImGui::TextWrapped("%s", tr("review.reads_from"));
        return;
    }

    m_sessionsTask.check(ctx);
    m_reportTask.check(ctx);
    m_notes.checkTasks(ctx);
    m_export.checkTasks(ctx);
    m_clips.checkTasks(ctx);
    m_trend.checkTasks(ctx);
    startPendingTasks(ctx);

    const float listWidth = std::clamp(ImGui::GetContentRegionAvail().x * 0.26f, 230.0f, 380.0f);
    ImGui::BeginChild("sessions", ImVec2(listWidth, 0), true);
    drawSessionList(ctx);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("session", ImVec2(0, 0), false);
    drawSession(ctx);
    ImGui::EndChild();
}

void ReviewView::drawSessionList(ConsoleContext& ctx) {
    ImGui::TextUnformatted(tr("review.sessions"));
    ImGui::SameLine();
    const bool busy = ctx.busy(m_sessionsTask.name);
    ImGui::BeginDisabled(busy);
    if (ImGui::SmallButton(trId("review.refresh").c_str())) loadSessions(ctx);
    ImGui::EndDisabled();
    busyLine(ctx, m_sessionsTask.name, tr("review.loading_sessions"));
    ImGui::Separator();
    if (m_sessions.empty() && !busy) {
        ImGui::TextWrapped("%s",
                           m_sessionsTask.failed ? tr("review.sessions_failed") : tr("review.no_sessions"));
        return;
    }

    const float lineHeight = ImGui::GetTextLineHeight();
    const ImGuiStyle& style = ImGui::GetStyle();
    for (const Session& session : m_sessions) {
        ImGui::PushID(static_cast<int>(session.id));
        const bool selected = m_selected == session.id;
        if (ImGui::Selectable("##session", selected, 0, ImVec2(0, lineHeight * 2 + style.ItemSpacing.y)))
            select(ctx, session.id);
        if (ImGui::IsItemHovered() &&
            (!session.tag.empty() || !session.platforms.empty() || !session.variant.empty())) {
            ImGui::BeginTooltip();
            if (!session.tag.empty())
                ImGui::TextUnformatted(trf("review.tag", {{"tag", session.tag}}).c_str());
            if (!session.platforms.empty())
                ImGui::TextUnformatted(trf("review.platforms", {{"platforms", session.platforms}}).c_str());
            if (!session.variant.empty())
                ImGui::TextUnformatted(trf("review.variant", {{"variant", session.variant}}).c_str());
            ImGui::EndTooltip();
        }
        // Two lines in one selectable: the title, then state and start in colour.
        const ImVec2 at = ImGui::GetItemRectMin();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->AddText(at, ImGui::GetColorU32(ImGuiCol_Text), reviewSessionName(session).c_str());
        const ImVec4 stateColor = session.state == "live"      ? kReviewGreen
                                  : session.state == "planned" ? kReviewAmber
                                                               : kReviewDim;
        const ImVec2 second(at.x, at.y + lineHeight + style.ItemSpacing.y * 0.5f);
        const std::string state = reviewStateWord(session.state);
        draw->AddText(second, ImGui::ColorConvertFloat4ToU32(stateColor), state.c_str());
        draw->AddText(ImVec2(second.x + ImGui::CalcTextSize(state.c_str()).x, second.y),
                      ImGui::GetColorU32(ImGuiCol_TextDisabled), reviewSessionDetail(session).c_str());
        ImGui::PopID();
    }
}

void ReviewView::drawSession(ConsoleContext& ctx) {
    const Session* session = selectedSession();
    if (!session) {
        ImGui::TextDisabled("%s", tr("review.select_session"));
        return;
    }

    textUnformatted(reviewSessionName(*session));
    ImGui::SameLine();
    ImGui::TextDisabled("%s", reviewSessionState(*session).c_str());
    if (const std::optional<std::string> span = reviewSessionSpan(*session))
        ImGui::TextDisabled("%s", span->c_str());

    const bool building = ctx.busy(m_reportTask.name);
    if (session->startUtcMs) {
        ImGui::BeginDisabled(building);
        if (ImGui::Button(m_report ? trId("review.rebuild_report").c_str()
                                   : trId("review.build_report").c_str()))
            m_reportWanted = true;
        ImGui::EndDisabled();
        ImGui::SameLine();
        busyLine(ctx, m_reportTask.name, tr("review.building_report"));
        if (!building && m_reportTask.failed && !m_report) {
            ImGui::PushStyleColor(ImGuiCol_Text, kReviewRed);
            ImGui::TextWrapped("%s", tr("review.report_failed"));
            ImGui::PopStyleColor();
        }
    } else {
        ImGui::TextWrapped("%s", tr("review.planned_no_report"));
    }
    ImGui::Separator();
    drawTabs(ctx);
}

void ReviewView::drawTabs(ConsoleContext& ctx) {
    const std::shared_ptr<const LoadedReport> report = m_report; // kept alive for the whole frame
    if (!ImGui::BeginTabBar("review tabs")) return;
    if (report) {
        const ReviewModel& model = report->model;
        // A report that just arrived opens on its overview (the notes tab
        // was the only one while it was being built).
        const bool fresh = report.get() != m_overviewShownFor;
        m_overviewShownFor = report.get();
        if (ImGui::BeginTabItem(trId("review.tab_overview").c_str(), nullptr,
                                fresh ? ImGuiTabItemFlags_SetSelected : 0)) {
            drawReviewOverview(*report, ctx.fonts().large, m_cumulativeGmv);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(trId("review.tab_products").c_str())) {
            drawReviewProducts(model);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(trId("review.tab_segments").c_str())) {
            drawReviewSegments(model);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(trId("review.tab_comparison").c_str())) {
            drawReviewComparison(model);
            ImGui::EndTabItem();
        }
        const std::string alertsLabel =
            trf("review.tab_alerts", {{"count", std::to_string(model.alerts.size())}}) + "###alerts";
        if (ImGui::BeginTabItem(alertsLabel.c_str())) {
            drawReviewAlerts(model);
            ImGui::EndTabItem();
        }
    }
    const std::string notesLabel =
        trf("review.tab_notes", {{"count", std::to_string(m_notes.count())}}) + "###notes";
    const bool notesOpen = ImGui::BeginTabItem(notesLabel.c_str());
    ctx.markRegion("review_tab_notes", ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                   ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y);
    if (notesOpen) {
        m_notes.draw(ctx);
        ImGui::EndTabItem();
    }
    if (report && ImGui::BeginTabItem(trId("review.tab_trend").c_str())) {
        if (const Session* session = selectedSession())
            m_trend.select(report->sessionId, session->title, session->tag, session->host);
        m_trend.draw(ctx);
        ImGui::EndTabItem();
    }
    if (report && ImGui::BeginTabItem(trId("review.tab_clips").c_str())) {
        m_clips.select(ctx, report->sessionId);
        m_clips.draw(ctx);
        ImGui::EndTabItem();
    }
    if (report && ImGui::BeginTabItem(trId("review.tab_export").c_str())) {
        m_export.draw(ctx, report, m_notes.notesOf(report->sessionId));
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
}

} // namespace hawker::studio::console
