#include "review_view.hpp"
#include "json_fields.hpp"
#include "ui_format.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <stdexcept>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "hawker/studio/analytics/kpi_targets.hpp"
#include "hawker/studio/report/report_csv.hpp"
#include "hawker/studio/report/report_html.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/store/database.hpp"

namespace hawker::studio::console {

using nlohmann::json;

namespace {

constexpr const char* kNoteKinds[] = {"goal", "result", "gap", "cause", "improvement", "action"};
constexpr const char* kNoteKindLabels[] = {"goal 目标",  "result 结果",      "gap 差距",
                                           "cause 原因", "improvement 改进", "action 行动"};
constexpr int kNoteKindCount = static_cast<int>(std::size(kNoteKinds));

constexpr ImU32 kCardBlue = IM_COL32(80, 150, 240, 255);
constexpr ImU32 kGmvGreen = IM_COL32(110, 210, 120, 255);
const ImVec4 kRed(0.95f, 0.35f, 0.35f, 1.0f);
const ImVec4 kGreen(0.45f, 0.85f, 0.45f, 1.0f);
const ImVec4 kAmber(0.95f, 0.70f, 0.25f, 1.0f);
const ImVec4 kDim(0.60f, 0.60f, 0.60f, 1.0f);
constexpr ImU32 kOverrunRow = IM_COL32(150, 40, 40, 110);
constexpr ImU32 kCurrentRow = IM_COL32(40, 90, 150, 110);

const char* noteKindLabel(const std::string& kind) {
    for (int i = 0; i < kNoteKindCount; ++i)
        if (kind == kNoteKinds[i]) return kNoteKindLabels[i];
    return kind.c_str();
}

std::string yuanOf(double cents) {
    return formatYuan(std::llround(cents));
}

std::string percent(double fraction, int decimals = 1) {
    char out[32];
    std::snprintf(out, sizeof out, "%.*f%%", decimals, fraction * 100.0);
    return out;
}

std::string duration(double seconds) {
    const bool negative = seconds < 0;
    const auto total = static_cast<long long>(std::llround(std::fabs(seconds)));
    char out[32];
    if (total >= 3600)
        std::snprintf(out, sizeof out, "%s%lld:%02lld:%02lld", negative ? "-" : "", total / 3600,
                      total / 60 % 60, total % 60);
    else
        std::snprintf(out, sizeof out, "%s%lld:%02lld", negative ? "-" : "", total / 60, total % 60);
    return out;
}

std::string localTime(int64_t utcMs) {
    const std::time_t seconds = static_cast<std::time_t>(utcMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%d %H:%M", &local);
    return out;
}

/// The report's units follow from its keys' names (the metric definitions' convention).
std::string formatMetric(const std::string& key, const json& value) {
    const std::optional<double> v = numberOf(value);
    if (!v) return "—";
    if (key.ends_with("_cents")) return yuanOf(*v);
    if (key.ends_with("_rate") || key == "sell_through") return percent(*v, 2);
    if (key.ends_with("_seconds") || key.ends_with("_s")) return duration(*v);
    if (std::fabs(*v - std::round(*v)) < 1e-9) return formatCount(std::llround(*v));
    char out[32];
    std::snprintf(out, sizeof out, "%.1f", *v);
    return out;
}

std::string formatMetric(const json& parent, const char* key) {
    return formatMetric(key, memberOf(parent, key));
}

ImVec4 statusVec(const std::string& status) {
    return ImGui::ColorConvertU32ToFloat4(statusColor(status));
}

void textUnformatted(const std::string& value) {
    ImGui::TextUnformatted(value.c_str(), value.c_str() + value.size());
}

void busyLine(ConsoleContext& ctx, const std::string& task, const char* what) {
    if (!ctx.busy(task)) return;
    const float fraction = ctx.tasks().progress(task);
    if (fraction > 0)
        ImGui::TextDisabled("%s… %.0f%%", what, static_cast<double>(fraction) * 100.0);
    else
        ImGui::TextDisabled("%s…", what);
}

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                        ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;

/// The session's database must already exist: opening a missing path would
/// make a new, empty one and review nothing.
void requireDatabase(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path)) throw StoreError("no session database at " + path.string());
}

std::vector<ChartBand> onAirBands(const json& report) {
    std::vector<ChartBand> bands;
    const json& onAir = memberOf(report, "onair");
    auto add = [&](const char* key, const char* labelKey, bool offer) {
        const json& list = memberOf(onAir, key);
        if (!list.is_array()) return;
        for (const json& item : list)
            bands.push_back({static_cast<double>(integerAt(item, "start_offset_ms")) / 1000.0,
                             static_cast<double>(integerAt(item, "end_offset_ms")) / 1000.0,
                             stringAt(item, labelKey), offer});
    };
    add("cards", "sku", false);
    add("offers", "id", true);
    return bands;
}

std::vector<FunnelStep> funnelOf(const json& summary) {
    const std::pair<const char*, const char*> stages[] = {{"uv", "Viewers UV 观看"},
                                                          {"product_click_uv", "Product clicks 点击"},
                                                          {"add_to_cart_uv", "Add to cart 加购"},
                                                          {"order_created_uv", "Orders 下单"},
                                                          {"buyers", "Paid 支付"}};
    std::vector<FunnelStep> found;
    for (const auto& [key, label] : stages)
        if (const std::optional<double> v = numberAt(summary, key)) found.push_back({label, *v});
    // A stage that is zero while a later one is not was not reported by the
    // platform (many send no cart events); it would read as a 0 % step.
    std::vector<FunnelStep> steps;
    for (size_t i = 0; i < found.size(); ++i) {
        const bool laterCounted = std::any_of(found.begin() + static_cast<std::ptrdiff_t>(i) + 1, found.end(),
                                              [](const FunnelStep& s) { return s.value > 0; });
        if (found[i].value <= 0 && laterCounted && i > 0) continue;
        steps.push_back(found[i]);
    }
    return steps;
}

std::shared_ptr<const ReviewView::LoadedReport> prepareReport(int64_t sessionId, json report) {
    auto out = std::make_shared<ReviewView::LoadedReport>();
    out->sessionId = sessionId;
    const std::vector<ChartBand> bands = onAirBands(report);

    out->online.title = "Online viewers 在线人数 (end of each minute)";
    out->gmv.title = "GMV per minute 每分钟成交额";
    out->gmvTotal.title = "GMV so far 累计成交额";
    double total = 0;
    if (const json& minutes = memberOf(report, "per_minute"); minutes.is_array() && !minutes.empty()) {
        // Each minute's figure is drawn at its end, after the show's start at
        // 0 with nobody on and nothing sold: a one-minute rehearsal is a line,
        // not a lone dot at 0:00.
        for (LineChart* chart : {&out->online, &out->gmv, &out->gmvTotal})
            chart->values.push_back(0);
        for (const json& minute : minutes) {
            const double gmv = numberAt(minute, "gmv_cents").value_or(0);
            total += gmv;
            out->online.values.push_back(static_cast<float>(numberAt(minute, "viewers_end").value_or(0)));
            out->gmv.values.push_back(static_cast<float>(gmv));
            out->gmvTotal.values.push_back(static_cast<float>(total));
        }
    }
    for (LineChart* chart : {&out->online, &out->gmv, &out->gmvTotal}) {
        chart->secondsPerSample = 60;
        chart->bands = bands;
    }
    out->online.color = kCardBlue;
    for (LineChart* chart : {&out->gmv, &out->gmvTotal}) {
        chart->unit = "¥";
        chart->valueScale = 100;
        chart->color = kGmvGreen;
    }

    out->funnel = funnelOf(memberOf(report, "summary"));

    const json& unitTargets = memberOf(memberOf(memberOf(report, "session"), "targets"), "units");
    if (const json& products = memberOf(report, "products"); products.is_object()) {
        for (const auto& [sku, p] : products.items()) {
            ReviewView::LoadedReport::ProductRow row;
            row.sku = sku;
            row.name = stringAt(p, "name");
            row.onAirSeconds = numberAt(p, "onair_seconds").value_or(0);
            row.clicks = integerAt(p, "clicks");
            row.clickUv = integerAt(p, "click_uv");
            row.paidOrders = integerAt(p, "paid_orders");
            row.units = integerAt(p, "units");
            row.gmvCents = integerAt(p, "gmv_cents");
            row.gmvOnAirCents = integerAt(p, "gmv_onair_cents");
            if (const std::optional<double> goal = numberAt(unitTargets, sku.c_str()))
                row.targetUnits = std::llround(*goal);
            out->products.push_back(std::move(row));
        }
    }
    std::stable_sort(out->products.begin(), out->products.end(), [](const auto& a, const auto& b) {
        return a.gmvCents != b.gmvCents ? a.gmvCents > b.gmvCents : a.units > b.units;
    });
    out->json = std::make_shared<const json>(std::move(report));
    return out;
}

/// The report as exported: the notes as they are now, not as they were when it was built.
json withNotes(const json& report, const std::optional<std::vector<SessionNote>>& notes) {
    json out = report;
    if (!notes) return out;
    json list = json::array();
    for (const SessionNote& note : *notes)
        list.push_back({{"kind", note.kind},
                        {"text", note.text},
                        {"owner", note.owner},
                        {"utc_ms", note.utcMs},
                        {"id", note.id}});
    out["notes"] = std::move(list);
    return out;
}

/// KPI tiles of a report made before the report carried "kpis": GMV, UV and
/// conversion against the session's targets.
json kpisFromSummary(const json& report) {
    const json& summary = memberOf(report, "summary");
    const json& targets = memberOf(memberOf(report, "session"), "targets");
    json kpis = json::array();
    const std::pair<const char*, const char*> tiles[] = {
        {"gmv_cents", "GMV"}, {"uv", "UV"}, {"pcu", "Peak viewers"}, {"conversion_rate", "Conversion"}};
    for (const auto& [key, label] : tiles) {
        const json& value = memberOf(summary, key);
        json tile = {
            {"key", key}, {"label", label}, {"value", value}, {"target", nullptr}, {"status", "none"}};
        if (const std::optional<double> goal = numberAt(targets, key)) {
            tile["target"] = *goal;
            tile["status"] = value.is_number() ? targetStatus(value.get<double>(), *goal) : "red";
        }
        kpis.push_back(std::move(tile));
    }
    return kpis;
}

} // namespace

bool ReviewView::TaskWatch::check(const ConsoleContext& ctx) {
    if (!waiting || ctx.busy(name)) return false;
    waiting = false;
    failed = true;
    return true;
}

ReviewView::ReviewView() : Panel("Review 复盘", PanelPlace{0, 0, 1, 1}) {}

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
    m_notes.clear();
    m_notesFor.reset();
    m_notesError.clear();
    m_draft.text.clear();
    m_editing = 0;
    m_deleting = 0;
    m_exported.clear();
    const Session* session = selectedSession();
    // A planned session has no report yet; its notes can already be written.
    m_reportWanted = session && session->startUtcMs.has_value();
    m_notesWanted = true;
    const std::filesystem::path dir = ctx.database().parent_path();
    const std::string id = std::to_string(sessionId);
    m_htmlPath = (dir / ("report-" + id + ".html")).string();
    m_csvDir = (dir / ("report-" + id + "-csv")).string();
}

void ReviewView::loadSessions(ConsoleContext& ctx) {
    const std::filesystem::path path = ctx.database();
    const bool queued = ctx.tasks().run(
        Lane::Queries, m_sessionsTask.name, [this, path, &ctx](TaskProgress&) -> TaskRunner::Deferred {
            requireDatabase(path);
            Database db(path, Database::Threading::OneThread);
            std::vector<Session> sessions = SessionStore(db).list();
            std::stable_sort(sessions.begin(), sessions.end(), [](const Session& a, const Session& b) {
                const int64_t ta = a.startUtcMs.value_or(a.createdUtcMs);
                const int64_t tb = b.startUtcMs.value_or(b.createdUtcMs);
                return ta != tb ? ta > tb : a.id > b.id;
            });
            return [this, sessions, &ctx] {
                m_sessionsTask.arrived();
                m_sessions = sessions;
                // The session asked for on the command line opens first, once.
                if (const auto wanted = ctx.reviewSession(); wanted && !m_selected && !m_openedWanted) {
                    m_openedWanted = true;
                    for (const Session& session : m_sessions)
                        if (session.id == *wanted) select(ctx, *wanted);
                    if (!m_selected)
                        ctx.message(false,
                                    "review: no session " + std::to_string(*wanted) + " in the database");
                }
                if (m_selected && !selectedSession()) {
                    m_selected.reset();
                    m_report.reset();
                    m_notes.clear();
                    m_notesFor.reset();
                }
            };
        });
    if (queued)
        m_sessionsTask.started();
    else
        ctx.message(false, "sessions: still loading, try again");
}

void ReviewView::loadReport(ConsoleContext& ctx, int64_t sessionId) {
    const std::filesystem::path path = ctx.database();
    const bool queued =
        ctx.tasks().run(Lane::Queries, m_reportTask.name,
                        [this, path, sessionId](TaskProgress& progress) -> TaskRunner::Deferred {
                            requireDatabase(path);
                            Database db(path, Database::Threading::OneThread);
                            progress.set(0.05f);
                            json report = buildSessionReport(db, sessionId);
                            progress.set(0.9f);
                            std::shared_ptr<const LoadedReport> loaded =
                                prepareReport(sessionId, std::move(report));
                            return [this, loaded] {
                                m_reportTask.arrived();
                                // A report of a session no longer selected is dropped; the new
                                // selection has asked for its own.
                                if (m_selected == loaded->sessionId) m_report = loaded;
                            };
                        });
    if (queued)
        m_reportTask.started();
    else
        m_reportWanted = true; // lane full: try again next frame
}

void ReviewView::loadNotes(ConsoleContext& ctx, int64_t sessionId) {
    const std::filesystem::path path = ctx.database();
    const bool queued = ctx.tasks().run(Lane::Queries, m_notesTask.name,
                                        [this, path, sessionId](TaskProgress&) -> TaskRunner::Deferred {
                                            requireDatabase(path);
                                            Database db(path, Database::Threading::OneThread);
                                            std::vector<SessionNote> notes = NotesStore(db).list(sessionId);
                                            return [this, sessionId, notes] {
                                                m_notesTask.arrived();
                                                if (m_selected != sessionId) return;
                                                m_notes = notes;
                                                m_notesFor = sessionId;
                                            };
                                        });
    if (queued)
        m_notesTask.started();
    else
        m_notesWanted = true;
}

void ReviewView::changeNotes(ConsoleContext& ctx, TaskWatch& watch,
                             std::function<void(NotesStore&, int64_t session)> change,
                             std::function<void()> onSaved) {
    if (!m_selected) return;
    const int64_t sessionId = *m_selected;
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
                if (m_selected != sessionId) return;
                m_notes = list;
                m_notesFor = sessionId;
                m_notesError.clear();
                if (onSaved) onSaved();
            };
        });
    if (queued)
        watch.started();
    else
        ctx.message(false, watch.name + ": still busy with the last one, try again");
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
    if (m_selected && m_notesWanted && !ctx.busy(m_notesTask.name)) {
        m_notesWanted = false;
        loadNotes(ctx, *m_selected);
    }
}

void ReviewView::drawContent(ConsoleContext& ctx) {
    if (ctx.database().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kAmber);
        ImGui::TextWrapped("No session database (start with --db DB).");
        ImGui::PopStyleColor();
        ImGui::TextWrapped("The review reads sessions, reports and 复盘 notes from the show's SQLite file.");
        return;
    }

    m_sessionsTask.check(ctx);
    m_reportTask.check(ctx);
    m_notesTask.check(ctx);
    m_htmlTask.check(ctx);
    m_csvTask.check(ctx);
    const bool addFailed = m_addTask.check(ctx);
    const bool editFailed = m_editTask.check(ctx);
    const bool deleteFailed = m_deleteTask.check(ctx);
    if (addFailed || editFailed || deleteFailed) {
        // The list may no longer match the file (another desk, a partial
        // change): show what the database holds; the form keeps the text.
        m_notesError = "The note was not saved — see the message line for why.";
        m_notesWanted = true;
    }
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
    ImGui::TextUnformatted("Sessions 场次");
    ImGui::SameLine();
    const bool busy = ctx.busy(m_sessionsTask.name);
    ImGui::BeginDisabled(busy);
    if (ImGui::SmallButton("Refresh")) loadSessions(ctx);
    ImGui::EndDisabled();
    busyLine(ctx, m_sessionsTask.name, "Loading sessions");
    ImGui::Separator();
    if (m_sessions.empty() && !busy) {
        ImGui::TextWrapped(m_sessionsTask.failed ? "Could not read the sessions (see the message line)."
                                                 : "No sessions in this database yet.");
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
            if (!session.tag.empty()) ImGui::Text("tag: %s", session.tag.c_str());
            if (!session.platforms.empty()) ImGui::Text("platforms: %s", session.platforms.c_str());
            if (!session.variant.empty()) ImGui::Text("A/B variant: %s", session.variant.c_str());
            ImGui::EndTooltip();
        }
        // Two lines in one selectable: the title, then state and start in colour.
        const ImVec2 at = ImGui::GetItemRectMin();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const std::string title = "#" + std::to_string(session.id) + "  " + session.title;
        draw->AddText(at, ImGui::GetColorU32(ImGuiCol_Text), title.c_str());
        const ImVec4 stateColor = session.state == "live"      ? kGreen
                                  : session.state == "planned" ? kAmber
                                                               : kDim;
        const ImVec2 second(at.x, at.y + lineHeight + style.ItemSpacing.y * 0.5f);
        draw->AddText(second, ImGui::ColorConvertFloat4ToU32(stateColor), session.state.c_str());
        std::string detail = session.rehearsal ? "  彩排 rehearsal" : "";
        detail += "  " + (session.startUtcMs ? localTime(*session.startUtcMs) : std::string("not started"));
        draw->AddText(ImVec2(second.x + ImGui::CalcTextSize(session.state.c_str()).x, second.y),
                      ImGui::GetColorU32(ImGuiCol_TextDisabled), detail.c_str());
        ImGui::PopID();
    }
}

void ReviewView::drawSession(ConsoleContext& ctx) {
    const Session* session = selectedSession();
    if (!session) {
        ImGui::TextDisabled("Select a session on the left to review it.");
        return;
    }

    textUnformatted("#" + std::to_string(session->id) + "  " + session->title);
    ImGui::SameLine();
    ImGui::TextDisabled("%s%s", session->state.c_str(), session->rehearsal ? " · 彩排 rehearsal" : "");
    if (session->startUtcMs) {
        std::string when = localTime(*session->startUtcMs);
        if (session->endUtcMs)
            when += " → " + localTime(*session->endUtcMs) + "  (" +
                    duration(static_cast<double>(*session->endUtcMs - *session->startUtcMs) / 1000.0) + ")";
        else
            when += " → still live (the report runs up to now)";
        ImGui::TextDisabled("%s", when.c_str());
    }

    const bool building = ctx.busy(m_reportTask.name);
    if (session->startUtcMs) {
        ImGui::BeginDisabled(building);
        if (ImGui::Button(m_report ? "Rebuild report" : "Build report")) m_reportWanted = true;
        ImGui::EndDisabled();
        ImGui::SameLine();
        busyLine(ctx, m_reportTask.name, "Building the report");
        if (!building && m_reportTask.failed && !m_report) {
            ImGui::PushStyleColor(ImGuiCol_Text, kRed);
            ImGui::TextWrapped("The report could not be built — see the message line.");
            ImGui::PopStyleColor();
        }
    } else {
        ImGui::TextWrapped("Planned, not started: there is no report yet. Notes can already be written.");
    }
    ImGui::Separator();

    const std::shared_ptr<const LoadedReport> report = m_report; // kept alive for the whole frame
    if (ImGui::BeginTabBar("review tabs")) {
        if (report) {
            const json& data = *report->json;
            // A report that just arrived opens on its overview (the notes tab
            // was the only one while it was being built).
            const bool fresh = report.get() != m_overviewShownFor;
            m_overviewShownFor = report.get();
            if (ImGui::BeginTabItem("Overview 概览", nullptr, fresh ? ImGuiTabItemFlags_SetSelected : 0)) {
                drawOverview(*report, ctx.fonts().large);
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem("Products 商品")) {
                drawProducts(*report);
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem("Segments 环节")) {
                drawSegments(data);
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem("Comparison 对比")) {
                drawComparison(data);
                ImGui::EndTabItem();
            }
            const json& alerts = memberOf(data, "alerts");
            const std::string alertsLabel =
                "Alerts 告警 (" + std::to_string(alerts.is_array() ? alerts.size() : 0) + ")###alerts";
            if (ImGui::BeginTabItem(alertsLabel.c_str())) {
                drawAlerts(data);
                ImGui::EndTabItem();
            }
        }
        const std::string notesLabel = "复盘 notes (" + std::to_string(m_notes.size()) + ")###notes";
        const bool notesOpen = ImGui::BeginTabItem(notesLabel.c_str());
        ctx.markRegion("review_tab_notes", ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                       ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y);
        if (notesOpen) {
            drawNotes(ctx);
            ImGui::EndTabItem();
        }
        if (report && ImGui::BeginTabItem("Export 导出")) {
            drawExport(ctx);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
}

void ReviewView::drawOverview(const LoadedReport& report, ImFont* large) {
    const json& data = *report.json;
    drawKpiTiles(data, large);

    ImGui::Spacing();
    const json& summary = memberOf(data, "summary");
    const std::pair<const char*, const char*> figures[] = {
        {"pv", "Views PV 场观"},
        {"pcu", "Peak PCU 最高在线"},
        {"acu", "Average ACU 平均在线"},
        {"avg_watch_s", "Avg watch 人均时长"},
        {"engaged_uv", "Engaged 互动人数"},
        {"comments", "Comments 评论"},
        {"likes", "Likes 点赞"},
        {"new_followers", "New followers 新增关注"},
        {"paid_orders", "Paid orders 成交订单"},
        {"buyers", "Buyers 成交人数"},
        {"units", "Units 件数"},
        {"aov_cents", "Order value 笔单价"},
        {"net_sales_cents", "Net sales 净成交"},
        {"refund_rate", "Refund rate 退款率"},
        {"uv_value_cents", "UV value UV价值"},
        {"coupon_usage_rate", "Coupon usage 核销率"},
    };
    if (ImGui::BeginTable("summary", 8, kTableFlags)) {
        for (const auto& [key, label] : figures) {
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", label);
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(summary, key));
        }
        ImGui::EndTable();
    }

    ImGui::Spacing();
    if (report.online.values.empty()) {
        ImGui::TextDisabled("No minute of the show has been counted yet.");
    } else {
        ImGui::TextDisabled("Bands: blue = a product card on air, orange = a flash sale 秒杀 on sale.");
        drawLineChart(report.online, ImVec2(-1, 170));
        ImGui::Checkbox("Cumulative GMV 累计", &m_cumulativeGmv);
        drawLineChart(m_cumulativeGmv ? report.gmvTotal : report.gmv, ImVec2(-1, 170));
    }

    ImGui::Spacing();
    ImGui::TextUnformatted("Funnel 转化漏斗");
    if (report.funnel.size() >= 2)
        drawFunnel(report.funnel, std::min(ImGui::GetContentRegionAvail().x, 640.0f));
    else
        ImGui::TextDisabled("Not enough counted to draw a funnel.");
}

void ReviewView::drawKpiTiles(const json& report, ImFont* large) {
    json fallback;
    const json* kpis = &memberOf(report, "kpis");
    if (!kpis->is_array() || kpis->empty()) {
        fallback = kpisFromSummary(report);
        kpis = &fallback;
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const float figureHeight = large ? large->FontSize : ImGui::GetFontSize();
    const float width = std::max(200.0f, figureHeight * 6.5f);
    const float height = ImGui::GetTextLineHeightWithSpacing() * 2 + figureHeight + style.ItemSpacing.y +
                         style.WindowPadding.y * 2;
    const float rightEdge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const size_t count = kpis->size();
    for (size_t i = 0; i < count; ++i) {
        const json& tile = (*kpis)[i];
        const std::string key = stringAt(tile, "key");
        const std::string status = stringAt(tile, "status");
        ImGui::PushID(static_cast<int>(i));
        ImGui::BeginChild("kpi", ImVec2(width, height), true,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        const ImVec2 min = ImGui::GetWindowPos();
        ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + 5, min.y + height),
                                                  statusColor(status));
        ImGui::TextDisabled("%s", stringAt(tile, "label").c_str());
        if (large) ImGui::PushFont(large);
        textUnformatted(formatMetric(key, memberOf(tile, "value")));
        if (large) ImGui::PopFont();
        if (const std::optional<double> target = numberAt(tile, "target")) {
            ImGui::PushStyleColor(ImGuiCol_Text, statusVec(status));
            textUnformatted("target " + formatMetric(key, json(*target)) + "  " + status);
            ImGui::PopStyleColor();
        } else {
            ImGui::TextDisabled("no target");
        }
        ImGui::EndChild();
        ImGui::PopID();
        const float next = ImGui::GetItemRectMax().x + style.ItemSpacing.x + width;
        if (i + 1 < count && next < rightEdge) ImGui::SameLine();
    }
}

void ReviewView::drawProducts(const LoadedReport& report) {
    if (report.products.empty()) {
        ImGui::TextDisabled("No product was on air or sold in this session.");
    } else if (ImGui::BeginTable("products", 9, kTableFlags)) {
        ImGui::TableSetupColumn("Product 商品", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn("Target units 目标");
        ImGui::TableSetupColumn("Units 件数");
        ImGui::TableSetupColumn("Paid orders");
        ImGui::TableSetupColumn("GMV");
        ImGui::TableSetupColumn("GMV on air");
        ImGui::TableSetupColumn("Clicks");
        ImGui::TableSetupColumn("Click UV");
        ImGui::TableSetupColumn("On air 讲解");
        ImGui::TableHeadersRow();
        for (const LoadedReport::ProductRow& row : report.products) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            textUnformatted(row.name.empty() ? row.sku : row.name);
            if (!row.name.empty()) {
                ImGui::SameLine();
                ImGui::TextDisabled("%s", row.sku.c_str());
            }
            ImGui::TableNextColumn();
            if (row.targetUnits)
                textUnformatted(formatCount(*row.targetUnits));
            else
                ImGui::TextDisabled("—");
            ImGui::TableNextColumn();
            if (row.targetUnits)
                ImGui::TextColored(row.units >= *row.targetUnits ? kGreen : kRed, "%s",
                                   formatCount(row.units).c_str());
            else
                textUnformatted(formatCount(row.units));
            ImGui::TableNextColumn();
            textUnformatted(formatCount(row.paidOrders));
            ImGui::TableNextColumn();
            textUnformatted(yuanOf(static_cast<double>(row.gmvCents)));
            ImGui::TableNextColumn();
            textUnformatted(yuanOf(static_cast<double>(row.gmvOnAirCents)));
            ImGui::TableNextColumn();
            textUnformatted(formatCount(row.clicks));
            ImGui::TableNextColumn();
            textUnformatted(formatCount(row.clickUv));
            ImGui::TableNextColumn();
            if (row.onAirSeconds > 0)
                textUnformatted(duration(row.onAirSeconds));
            else
                ImGui::TextDisabled("never");
        }
        ImGui::EndTable();
    }

    const json& offers = memberOf(*report.json, "offers");
    if (!offers.is_array() || offers.empty()) return;
    ImGui::Spacing();
    ImGui::TextUnformatted("Flash sales 秒杀");
    if (ImGui::BeginTable("offers", 9, kTableFlags)) {
        for (const char* heading : {"Offer", "Product", "Deal price", "Sold / quantity", "Sell-through",
                                    "Sold out after", "Ended", "Buyers", "GMV"})
            ImGui::TableSetupColumn(heading);
        ImGui::TableHeadersRow();
        for (const json& offer : offers) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            textUnformatted(stringAt(offer, "id"));
            if (const std::string variant = stringAt(offer, "variant"); !variant.empty()) {
                ImGui::SameLine();
                ImGui::TextDisabled("[%s]", variant.c_str());
            }
            ImGui::TableNextColumn();
            textUnformatted(stringAt(offer, "sku"));
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(offer, "price_cents"));
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(offer, "sold") + " / " + formatMetric(offer, "quantity"));
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(offer, "sell_through"));
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(offer, "sold_out_after_s"));
            ImGui::TableNextColumn();
            textUnformatted(stringAt(offer, "end_reason"));
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(offer, "buyers"));
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(offer, "gmv_cents"));
        }
        ImGui::EndTable();
    }
}

void ReviewView::drawSegments(const json& report) {
    const json& segments = memberOf(report, "segments");
    if (!segments.is_array() || segments.empty()) {
        ImGui::TextDisabled("This session had no run of show 直播脚本.");
        return;
    }
    int overruns = 0;
    if (ImGui::BeginTable("segments", 11, kTableFlags)) {
        ImGui::TableSetupColumn("#");
        ImGui::TableSetupColumn("Segment 环节", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        for (const char* heading : {"Kind", "Product", "Planned 计划", "Actual 实际", "Over 超时", "Enters",
                                    "Clicks", "Paid orders", "GMV"})
            ImGui::TableSetupColumn(heading);
        ImGui::TableHeadersRow();
        for (const json& segment : segments) {
            const int planned = static_cast<int>(integerAt(segment, "planned_seconds"));
            const double actual = numberAt(segment, "actual_seconds").value_or(0);
            const bool overrun = planned > 0 && actual > planned;
            overruns += overrun ? 1 : 0;
            ImGui::TableNextRow();
            if (overrun) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, kOverrunRow);
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(integerAt(segment, "index") + 1));
            ImGui::TableNextColumn();
            textUnformatted(stringAt(segment, "title"));
            ImGui::TableNextColumn();
            textUnformatted(stringAt(segment, "kind"));
            ImGui::TableNextColumn();
            textUnformatted(stringAt(segment, "sku"));
            ImGui::TableNextColumn();
            textUnformatted(planned > 0 ? duration(planned) : "—");
            ImGui::TableNextColumn();
            textUnformatted(duration(actual));
            ImGui::TableNextColumn();
            if (planned > 0) {
                const double over = actual - planned;
                if (overrun)
                    ImGui::TextColored(kRed, "+%s", duration(over).c_str());
                else
                    ImGui::TextDisabled("%s", duration(over).c_str());
            }
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(segment, "enters"));
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(segment, "clicks"));
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(segment, "paid_orders"));
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(segment, "gmv_cents"));
        }
        ImGui::EndTable();
    }
    if (overruns > 0)
        ImGui::TextColored(kRed, "%d segment%s ran over the plan.", overruns, overruns == 1 ? "" : "s");
    else
        ImGui::TextColored(kGreen, "Every segment kept to its planned time.");
}

void ReviewView::drawComparison(const json& report) {
    const json& rows = memberOf(report, "comparison");
    if (!rows.is_array() || rows.size() < 2) {
        ImGui::TextWrapped("No earlier session of the same title or tag to compare with (rehearsals are "
                           "left out).");
    }
    std::optional<double> currentGmv;
    if (rows.is_array())
        for (const json& row : rows)
            if (memberOf(row, "current").is_boolean() && memberOf(row, "current").get<bool>())
                currentGmv = numberAt(row, "gmv_cents");
    if (rows.is_array() && !rows.empty() && ImGui::BeginTable("comparison", 8, kTableFlags)) {
        ImGui::TableSetupColumn("Session 场次", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        for (const char* heading :
             {"Started", "UV", "Buyers", "Paid orders", "GMV", "Conversion", "This session vs it"})
            ImGui::TableSetupColumn(heading);
        ImGui::TableHeadersRow();
        for (const json& row : rows) {
            const bool current =
                memberOf(row, "current").is_boolean() && memberOf(row, "current").get<bool>();
            ImGui::TableNextRow();
            if (current) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, kCurrentRow);
            ImGui::TableNextColumn();
            std::string name = "#" + std::to_string(integerAt(row, "id")) + " " + stringAt(row, "title");
            if (const std::string variant = stringAt(row, "variant"); !variant.empty())
                name += " [" + variant + "]";
            if (current) name += "  (this one)";
            textUnformatted(name);
            ImGui::TableNextColumn();
            textUnformatted(localTime(integerAt(row, "start_utc_ms")));
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(row, "uv"));
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(row, "buyers"));
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(row, "paid_orders"));
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(row, "gmv_cents"));
            ImGui::TableNextColumn();
            textUnformatted(formatMetric(row, "conversion_rate"));
            ImGui::TableNextColumn();
            const std::optional<double> gmv = numberAt(row, "gmv_cents");
            if (!current && currentGmv && gmv && *gmv > 0) {
                const double change = *currentGmv / *gmv - 1.0;
                ImGui::TextColored(change >= 0 ? kGreen : kRed, "GMV %s%s", change >= 0 ? "+" : "",
                                   percent(change).c_str());
            }
        }
        ImGui::EndTable();
    }

    const json& tests = memberOf(report, "ab");
    if (!tests.is_array() || tests.empty()) return;
    ImGui::Spacing();
    ImGui::TextUnformatted("A/B tests (chi-square on conversion)");
    if (ImGui::BeginTable("ab", 5, kTableFlags)) {
        for (const char* heading : {"Compared", "A", "B", "p-value", "Verdict"})
            ImGui::TableSetupColumn(heading);
        ImGui::TableHeadersRow();
        for (const json& test : tests) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            textUnformatted(stringAt(test, "dimension"));
            ImGui::TableNextColumn();
            textUnformatted(stringAt(test, "a") + ": " + formatMetric("a_rate", memberOf(test, "a_rate")));
            ImGui::TableNextColumn();
            textUnformatted(stringAt(test, "b") + ": " + formatMetric("b_rate", memberOf(test, "b_rate")));
            ImGui::TableNextColumn();
            if (const std::optional<double> p = numberAt(test, "p_value"))
                ImGui::Text("%.4f", *p);
            else
                ImGui::TextDisabled("—");
            ImGui::TableNextColumn();
            const bool significant =
                memberOf(test, "significant").is_boolean() && memberOf(test, "significant").get<bool>();
            if (significant)
                ImGui::TextColored(kGreen, "significant");
            else if (const std::string note = stringAt(test, "note"); !note.empty())
                ImGui::TextDisabled("%s", note.c_str());
            else
                ImGui::TextDisabled("not significant");
        }
        ImGui::EndTable();
    }
}

void ReviewView::drawAlerts(const json& report) {
    const json& alerts = memberOf(report, "alerts");
    if (!alerts.is_array() || alerts.empty()) {
        ImGui::TextColored(kGreen, "No alert was raised during this session.");
        return;
    }
    if (ImGui::BeginTable("alerts", 5, kTableFlags)) {
        ImGui::TableSetupColumn("At");
        ImGui::TableSetupColumn("Level");
        ImGui::TableSetupColumn("Rule / KPI");
        ImGui::TableSetupColumn("Message", ImGuiTableColumnFlags_WidthStretch, 4.0f);
        ImGui::TableSetupColumn("Acknowledged");
        ImGui::TableHeadersRow();
        for (const json& alert : alerts) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            textUnformatted(duration(static_cast<double>(integerAt(alert, "offset_ms")) / 1000.0));
            ImGui::TableNextColumn();
            const std::string level = stringAt(alert, "level");
            ImGui::TextColored(statusVec(level), "%s", level.c_str());
            ImGui::TableNextColumn();
            textUnformatted(stringAt(alert, "rule") +
                            (stringAt(alert, "kpi").empty() ? "" : " / " + stringAt(alert, "kpi")));
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", stringAt(alert, "message").c_str());
            ImGui::TableNextColumn();
            const bool acknowledged =
                memberOf(alert, "acknowledged").is_boolean() && memberOf(alert, "acknowledged").get<bool>();
            if (acknowledged)
                ImGui::TextColored(kGreen, "✓");
            else
                ImGui::TextDisabled("no");
        }
        ImGui::EndTable();
    }
}

void ReviewView::drawNotes(ConsoleContext& ctx) {
    const bool saving = ctx.busy(m_addTask.name) || ctx.busy(m_editTask.name) || ctx.busy(m_deleteTask.name);
    busyLine(ctx, m_notesTask.name, "Loading notes");
    busyLine(ctx, m_addTask.name, "Adding the note");
    busyLine(ctx, m_editTask.name, "Saving the note");
    busyLine(ctx, m_deleteTask.name, "Deleting the note");
    if (!m_notesError.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kRed);
        ImGui::TextWrapped("%s", m_notesError.c_str());
        ImGui::PopStyleColor();
    }
    if (m_notesTask.failed && !m_notesFor) {
        ImGui::PushStyleColor(ImGuiCol_Text, kRed);
        ImGui::TextWrapped("Could not read the notes (see the message line).");
        ImGui::PopStyleColor();
        ImGui::SameLine();
        if (ImGui::SmallButton("Retry")) m_notesWanted = true;
    }

    if (m_notes.empty()) {
        if (m_notesFor)
            ImGui::TextDisabled("No 复盘 notes yet: goal, result, gap, cause, improvement, action.");
    } else if (ImGui::BeginTable("notes", 5, kTableFlags)) {
        ImGui::TableSetupColumn("Kind 类型");
        ImGui::TableSetupColumn("Note 内容", ImGuiTableColumnFlags_WidthStretch, 5.0f);
        ImGui::TableSetupColumn("Owner 负责人", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Written");
        ImGui::TableSetupColumn("##actions");
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
                ImGui::TextWrapped("%s", note.text.c_str());
            }
            ImGui::TableNextColumn();
            if (editing) {
                ImGui::SetNextItemWidth(-FLT_MIN);
                ImGui::InputText("##owner", &m_editOwner);
            } else if (note.owner.empty()) {
                ImGui::TextDisabled("—");
            } else {
                ImGui::TextWrapped("%s", note.owner.c_str());
            }
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", localTime(note.utcMs).c_str());
            ImGui::TableNextColumn();
            ImGui::BeginDisabled(saving);
            if (editing) {
                if (ImGui::SmallButton("Save")) {
                    const int64_t id = note.id;
                    const std::string newText = m_editText, newOwner = m_editOwner;
                    changeNotes(
                        ctx, m_editTask,
                        [id, newText, newOwner](NotesStore& store, int64_t) {
                            store.edit(id, newText, newOwner);
                        },
                        [this, id] {
                            if (m_editing == id) m_editing = 0;
                        });
                }
                ImGui::SameLine();
                if (ImGui::SmallButton("Cancel")) m_editing = 0;
            } else {
                if (ImGui::SmallButton("Edit")) {
                    m_editing = note.id;
                    m_editText = note.text;
                    m_editOwner = note.owner;
                }
                ImGui::SameLine();
                if (ImGui::SmallButton("Delete")) {
                    m_deleting = note.id;
                    m_openDeletePopup = true;
                }
            }
            ImGui::EndDisabled();
            ImGui::PopID();
        }
        ImGui::EndTable();
    }

    // Opened here, outside the rows' ID scopes, so the popup's ID matches.
    if (m_openDeletePopup) {
        ImGui::OpenPopup("Delete note?###delete note");
        m_openDeletePopup = false;
    }
    if (ImGui::BeginPopupModal("Delete note?###delete note", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        const auto found = std::find_if(m_notes.begin(), m_notes.end(),
                                        [&](const SessionNote& n) { return n.id == m_deleting; });
        if (found == m_notes.end()) {
            ImGui::CloseCurrentPopup(); // gone meanwhile (another desk, another session selected)
        } else {
            ImGui::Text("Delete this %s note? This cannot be undone.", noteKindLabel(found->kind));
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
            ImGui::TextDisabled("%s", found->text.c_str());
            ImGui::PopTextWrapPos();
            ImGui::BeginDisabled(saving);
            if (ImGui::Button("Delete")) {
                const int64_t id = found->id;
                changeNotes(
                    ctx, m_deleteTask, [id](NotesStore& store, int64_t) { store.remove(id); },
                    [this, id] {
                        if (m_deleting == id) m_deleting = 0;
                        if (m_editing == id) m_editing = 0;
                    });
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndDisabled();
            ImGui::SameLine();
            if (ImGui::Button("Cancel")) {
                m_deleting = 0;
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::EndPopup();
    }

    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted("Add a note 添加复盘");
    ImGui::SetNextItemWidth(220);
    if (ImGui::BeginCombo("Kind", kNoteKindLabels[m_draft.kind])) {
        for (int i = 0; i < kNoteKindCount; ++i)
            if (ImGui::Selectable(kNoteKindLabels[i], i == m_draft.kind)) m_draft.kind = i;
        ImGui::EndCombo();
    }
    ImGui::InputTextMultiline("##new note", &m_draft.text, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 5));
    ctx.markRegion("review_note_text", ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                   ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y);
    ImGui::SetNextItemWidth(260);
    ImGui::InputTextWithHint("Owner", "who follows it up 负责人", &m_draft.owner);
    ImGui::SameLine();
    const bool blank = m_draft.text.find_first_not_of(" \t\r\n") == std::string::npos;
    ImGui::BeginDisabled(saving || blank || !m_selected);
    const bool addClicked = ImGui::Button("Add note");
    ctx.markRegion("review_add_note", ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                   ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y);
    if (addClicked) {
        const std::string kind = kNoteKinds[m_draft.kind], noteText = m_draft.text, owner = m_draft.owner;
        changeNotes(
            ctx, m_addTask,
            [kind, noteText, owner](NotesStore& store, int64_t session) {
                store.add(session, kind, noteText, owner);
            },
            [this, noteText] {
                // Keeps what was typed since the note was sent.
                if (m_draft.text == noteText) m_draft.text.clear();
            });
    }
    ImGui::EndDisabled();
}

void ReviewView::drawExport(ConsoleContext& ctx) {
    const std::shared_ptr<const LoadedReport> report = m_report;
    if (!report) return;
    std::optional<std::vector<SessionNote>> notes;
    if (m_notesFor == report->sessionId) notes = m_notes;
    ConsoleContext* context = &ctx;

    ImGui::TextWrapped("One self-contained HTML page (opens offline in any browser), and the tables as "
                       "CSV files for Excel.");
    ImGui::Spacing();

    ImGui::SetNextItemWidth(-160);
    ImGui::InputText("HTML file", &m_htmlPath);
    const bool writingHtml = ctx.busy(m_htmlTask.name);
    ImGui::BeginDisabled(writingHtml || m_htmlPath.empty());
    if (ImGui::Button("Export HTML")) {
        const std::filesystem::path path = m_htmlPath;
        const bool queued = ctx.tasks().run(
            Lane::Queries, m_htmlTask.name,
            [this, report, notes, path, context](TaskProgress& progress) -> TaskRunner::Deferred {
                const std::string html = renderReportHtml(withNotes(*report->json, notes));
                progress.set(0.8f);
                if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
                std::ofstream out(path, std::ios::binary | std::ios::trunc);
                out.write(html.data(), static_cast<std::streamsize>(html.size()));
                out.close();
                if (!out) throw std::runtime_error("cannot write " + path.string());
                return [this, path, context] {
                    m_htmlTask.arrived();
                    m_exported.push_back(path.string());
                    context->message(true, "report written to " + path.string());
                };
            });
        if (queued)
            m_htmlTask.started();
        else
            ctx.message(false, "export: still busy with the last one, try again");
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    busyLine(ctx, m_htmlTask.name, "Writing");

    ImGui::SetNextItemWidth(-160);
    ImGui::InputText("CSV folder", &m_csvDir);
    const bool writingCsv = ctx.busy(m_csvTask.name);
    ImGui::BeginDisabled(writingCsv || m_csvDir.empty());
    if (ImGui::Button("Export CSV")) {
        const std::filesystem::path dir = m_csvDir;
        const bool queued =
            ctx.tasks().run(Lane::Queries, m_csvTask.name,
                            [this, report, notes, dir, context](TaskProgress&) -> TaskRunner::Deferred {
                                const std::vector<std::filesystem::path> files =
                                    writeReportCsv(withNotes(*report->json, notes), dir);
                                return [this, dir, files, context] {
                                    m_csvTask.arrived();
                                    for (const std::filesystem::path& file : files)
                                        m_exported.push_back(file.string());
                                    context->message(true, std::to_string(files.size()) +
                                                               " CSV files written to " + dir.string());
                                };
                            });
        if (queued)
            m_csvTask.started();
        else
            ctx.message(false, "export: still busy with the last one, try again");
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    busyLine(ctx, m_csvTask.name, "Writing");

    if (!m_exported.empty()) {
        ImGui::Spacing();
        ImGui::TextUnformatted("Written 已导出:");
        for (const std::string& file : m_exported)
            ImGui::BulletText("%s", file.c_str());
    }
}

} // namespace hawker::studio::console
