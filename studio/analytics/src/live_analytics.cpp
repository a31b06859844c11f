#include "hawker/studio/analytics/live_analytics.hpp"

#include <algorithm>

#include "hawker/capture/fault_injection.hpp"
#include "hawker/studio/analytics/funnel.hpp"
#include "hawker/studio/analytics/kpi_targets.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/base/phrase_json.hpp"
#include "hawker/studio/store/notes_store.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {
/// Ticks waiting for the worker beyond this are dropped (live): the next one
/// covers their time, the simulator simply advances further.
constexpr size_t kMaxQueuedTicks = 8;
constexpr size_t kRecentCommentsShown = 30;
/// Alert rows the database did not take are tried again this often.
constexpr auto kAlertRetry = std::chrono::seconds(3);
const Actor kOrderFeed{"order-feed", Role::Ingest};

std::optional<int64_t> targetOf(const json& targets, const char* key) {
    if (!json_read::numberAt(targets, key)) return std::nullopt;
    return json_read::integerAt(targets, key);
}

std::string hex(int64_t value) {
    static const char* digits = "0123456789abcdef";
    std::string out(16, '0');
    auto v = static_cast<uint64_t>(value);
    for (int i = 15; i >= 0; --i, v >>= 4)
        out[static_cast<size_t>(i)] = digits[v & 15];
    return out;
}
} // namespace

LiveAnalytics::LiveAnalytics(LiveAnalyticsConfig config, const ShowSpec& show, EventIngest& ingest,
                             const std::filesystem::path& database, CommandSink sink, HealthProbe health)
    : m_config(std::move(config)), m_show(show), m_ingest(ingest), m_db(database), m_sink(std::move(sink)),
      m_health(std::move(health)), m_evaluator(m_config.rules), m_metrics(m_config.startUtcMs, std::nullopt) {
    for (const AlertRuleSpec& rule : m_config.rules)
        if (rule.kind == AlertKind::NegativeComments)
            m_negativeKeywords.insert(m_negativeKeywords.end(), rule.keywords.begin(), rule.keywords.end());
    if (m_negativeKeywords.empty()) m_negativeKeywords = defaultNegativeKeywords();
    // The targets the pace rules judge against, read once rather than every second.
    const json targets =
        json::parse(m_config.targetsJson.empty() ? "{}" : m_config.targetsJson, nullptr, false);
    if (targets.is_object()) {
        m_targetGmvCents = targetOf(targets, "gmv_cents");
        m_targetUv = targetOf(targets, "uv");
    }
    m_schedule.setPlan(m_config.plan);
    m_metrics.setSchedule(&m_schedule);
    m_nowUtcMs = m_config.startUtcMs;
    // Alert ids go on from the file's last one (earlier sessions' included).
    Statement last = m_db.prepare("SELECT coalesce(max(id), 0) FROM alerts");
    if (last.step()) m_lastAlertId = last.integer(0);
    // The open actions of earlier shows of this title or tag, for the host's prompter before the show.
    // Read once: a show does not wait on them, and a database that cannot answer leaves the list empty.
    m_openActions = json::array();
    try {
        for (const OpenAction& action : NotesStore(m_db).openActionsBefore(m_config.sessionId))
            m_openActions.push_back(openActionJson(action));
    } catch (const StoreError& error) {
        logWarning(std::string("the open actions of earlier shows could not be read: ") + error.what());
    }
    if (m_config.simulator) m_simulator = std::make_unique<AudienceSimulator>(*m_config.simulator);
    m_thread = std::thread([this] { run(); });
}

LiveAnalytics::~LiveAnalytics() {
    {
        std::lock_guard lock(m_queueMutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void LiveAnalytics::onTimeline(const TimelineRow& row) {
    // Called on the compositor thread too (settle): only a short lock of its
    // own, never the metrics lock a batch of events may be holding.
    std::lock_guard lock(m_timelineMutex);
    m_pendingTimeline.push_back({m_config.startUtcMs + row.programMs, row});
}

void LiveAnalytics::applyPendingTimeline() {
    std::vector<PendingRow> rows;
    {
        std::lock_guard lock(m_timelineMutex);
        rows.swap(m_pendingTimeline);
    }
    for (const PendingRow& pending : rows)
        m_schedule.apply(pending.utcMs, pending.row);
}

void LiveAnalytics::onEvents(const std::vector<ViewerEvent>& fresh) {
    std::vector<ViewerEvent> newOrders;
    {
        std::lock_guard lock(m_mutex);
        applyPendingTimeline(); // what was on air before these events are counted
        for (const ViewerEvent& e : fresh) {
            // A platform retries its order_paid webhook under a new event id:
            // an order sells once. The metrics keep each order they count, so
            // they say when an order is paid for the first time.
            const bool firstPaid = m_metrics.add(e);
            if (e.type == EventType::OrderPaid) {
                const int64_t key = orderKey(e.orderId);
                const bool sell = firstPaid ? !m_soldBeforeStart.contains(key)
                                            : !m_metrics.inWindow(e.ts) && !m_metrics.paid(e.orderId) &&
                                                  m_soldBeforeStart.insert(key);
                if (sell) newOrders.push_back(e);
            }
            if (e.type == EventType::Comment || e.type == EventType::PaidEngagement)
                for (const std::string& word : m_negativeKeywords)
                    if (e.text.find(word) != std::string::npos) {
                        ++m_negativeComments;
                        break;
                    }
        }
    }
    if (!newOrders.empty()) sellFromOrders(newOrders);
}

void LiveAnalytics::onOrderResolved(const ViewerEvent& pending, const std::vector<ViewerEvent>& lines) {
    bool resolved = false;
    {
        std::lock_guard lock(m_mutex);
        resolved = m_metrics.resolve(pending, lines);
    }
    // The pending product matched no offer when the order came: its SKUs sell now, once.
    if (resolved) sellFromOrders(lines);
}

void LiveAnalytics::removeComment(const std::string& eventId) {
    std::lock_guard lock(m_mutex);
    m_metrics.removeComment(eventId);
}

void LiveAnalytics::raise(const std::string& ruleId, const std::string& kpi, const std::string& level,
                          const i18n::Phrase& said) {
    const std::string message =
        i18n::say(i18n::Language::En, said) + " / " + i18n::say(i18n::Language::ZhCN, said);
    {
        std::lock_guard lock(m_mutex);
        const int64_t now = m_nowUtcMs ? m_nowUtcMs
                                       : std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count();
        m_alerts.push_back({++m_lastAlertId, now, ruleId, kpi, level, message, false, {}, 0, false, said});
        m_unstoredAlerts.insert(m_lastAlertId);
    }
    logWarning("alert " + level + " " + ruleId + ": " + message);
    // Stored with the next second's alerts (the worker is the one writer).
}

void LiveAnalytics::sellFromOrders(const std::vector<ViewerEvent>& fresh) {
    // A paid order for the product of a running flash sale drains the sale:
    // the platform's order feed is what sells, the countdown shows it. The
    // state here is the last program second's, so a sale that launched since
    // may still read as pre-launch: such a sale is asked too, and the show
    // controller, which has the state of the moment, refuses the order if the
    // sale is not on sale when the command runs.
    std::shared_ptr<const ShowState> state;
    {
        std::lock_guard lock(m_mutex);
        state = m_lastState;
    }
    if (!state) return;
    for (const ViewerEvent& e : fresh) {
        if (e.type != EventType::OrderPaid) continue;
        // A sale on sale first; one about to launch (maybe launched by now) otherwise.
        const std::string* slot = nullptr;
        for (const auto& [name, offer] : state->offers) {
            if (offer.sku != e.sku) continue;
            if (offer.phase == OfferState::Phase::OnSale) {
                slot = &name;
                break;
            }
            if (offer.phase == OfferState::Phase::PreLaunch && !slot) slot = &name;
        }
        if (!slot) continue;
        const CommandResult result =
            m_sink(Command::named(
                       "offer.sell",
                       {{"slot", *slot}, {"quantity", std::to_string(e.quantity)}, {"buyer", hex(e.viewer)}}),
                   kOrderFeed);
        (void)result; // refusals (not on sale, sold out, over the limit) are in the audit log
    }
}

void LiveAnalytics::tick(int64_t programMs, std::shared_ptr<const ShowState> state, bool wait) {
    uint64_t sequence = 0;
    {
        std::lock_guard lock(m_queueMutex);
        if (m_stopping) return;
        if (!wait && m_queue.size() >= kMaxQueuedTicks) m_queue.pop_front();
        sequence = ++m_queued;
        m_queue.push_back({programMs, std::move(state), sequence});
    }
    m_wake.notify_one();
    if (!wait) return;
    std::unique_lock lock(m_queueMutex);
    m_done.wait(lock, [&] { return m_processed >= sequence || m_stopping; });
}

void LiveAnalytics::finish(int64_t programMs) {
    {
        std::unique_lock lock(m_queueMutex);
        const uint64_t last = m_queued;
        m_wake.notify_one();
        m_done.wait(lock, [&] { return m_processed >= last || m_stopping; });
    }
    const int64_t end = m_config.startUtcMs + programMs;
    if (m_simulator && !m_simulator->finished()) {
        std::vector<json> events = m_simulator->finish(end);
        if (!events.empty()) {
            try {
                m_ingest.ingestBatch(m_config.sessionId, json{{"events", std::move(events)}}.dump(),
                                     EventOrigin::Simulator);
            } catch (const std::exception& error) {
                logWarning(std::string("simulated audience: ") + error.what());
            }
        }
    }
    std::lock_guard lock(m_mutex);
    m_nowUtcMs = std::max(m_nowUtcMs, end);
}

void LiveAnalytics::run() {
    for (;;) {
        Tick tick;
        {
            std::unique_lock lock(m_queueMutex);
            m_wake.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            if (m_stopping) return;
            tick = std::move(m_queue.front());
            m_queue.pop_front();
        }
        try {
            capture::injectFault("analytics.tick");
            process(tick);
        } catch (const std::exception& error) {
            // A tick is a boundary: log, carry on with the next second.
            logWarning(std::string("live analytics: ") + error.what());
        } catch (...) {
            logWarning("live analytics: a tick failed with an unknown error");
        }
        {
            std::lock_guard lock(m_queueMutex);
            m_processed = tick.sequence;
        }
        m_done.notify_all();
    }
}

void LiveAnalytics::process(const Tick& tick) {
    {
        std::lock_guard lock(m_mutex);
        applyPendingTimeline();
        m_lastState = tick.state;
        m_nowUtcMs = std::max(m_nowUtcMs, m_config.startUtcMs + tick.programMs);
    }
    if (m_simulator) {
        try {
            simulate(tick);
            m_simulatorError.clear();
        } catch (const std::exception& error) {
            // Its events were not acknowledged, so they are not counted; the
            // alerts are judged all the same (one says why). Logged once.
            if (m_simulatorError != error.what()) {
                m_simulatorError = error.what();
                logWarning("simulated audience: events not stored: " + m_simulatorError);
            }
        }
    }
    judgeAlerts(tick);
}

OnAirView LiveAnalytics::viewOf(const ShowState& state, int64_t programMs) {
    OnAirView view;
    view.scene = state.program;
    int64_t newest = -1;
    for (const auto& [slot, graphic] : state.graphics) {
        if (graphic.kind != "card" || graphic.hiddenAtMs || graphic.shownAtMs < newest) continue;
        newest = graphic.shownAtMs;
        view.cardSku = graphic.sku;
    }
    if (const ProductSpec* product = view.cardSku.empty() ? nullptr : m_show.findProduct(view.cardSku))
        view.cardPriceCents = product->priceCents;
    for (const auto& [slot, offer] : state.offers) {
        if (offer.phase == OfferState::Phase::OnSale) {
            view.offerSku = offer.sku;
            view.offerPriceCents = offer.dealPriceCents;
            view.offerRemaining = offer.remaining;
            view.offerPerBuyerLimit = offer.perBuyerLimit;
        } else if (offer.phase == OfferState::Phase::PreLaunch) {
            view.prelaunch = true;
        }
    }
    // Viewers drift away when nothing on screen changes.
    const std::string look =
        view.scene + "|" + view.cardSku + "|" + view.offerSku + (view.prelaunch ? "|p" : "");
    if (look != m_lastLook) {
        m_lastLook = look;
        m_lastChangeMs = programMs;
    }
    view.msSinceLastChange = programMs - m_lastChangeMs;
    return view;
}

void LiveAnalytics::simulate(const Tick& tick) {
    if (!tick.state) return;
    const OnAirView view = viewOf(*tick.state, tick.programMs);
    std::vector<json> events = m_simulator->advance(m_config.startUtcMs + tick.programMs, view);
    if (events.empty()) return;
    // Through the same validation and writer as the HTTP endpoint.
    const json reply = m_ingest.ingestBatch(m_config.sessionId, json{{"events", std::move(events)}}.dump(),
                                            EventOrigin::Simulator);
    if (!reply.at("rejected").empty())
        logWarning("simulated audience: " + std::to_string(reply.at("rejected").size()) +
                   " events refused, e.g. " + reply.at("rejected")[0].dump());
}

void LiveAnalytics::judgeAlerts(const Tick& tick) {
    AlertInputs in;
    in.targetGmvCents = m_targetGmvCents;
    in.targetUv = m_targetUv;
    in.paceFraction = m_config.plannedSeconds > 0
                          ? static_cast<double>(tick.programMs) / 1000.0 / m_config.plannedSeconds
                          : 0;
    if (tick.state) {
        // Stock that matters now: running flash sales, and the card on air.
        for (const auto& [slot, offer] : tick.state->offers)
            if (offer.phase == OfferState::Phase::OnSale) in.stockLeft[offer.sku] = offer.remaining;
        for (const auto& [slot, graphic] : tick.state->graphics) {
            if (graphic.kind != "card" || graphic.hiddenAtMs || in.stockLeft.count(graphic.sku)) continue;
            auto live = tick.state->live.find(graphic.sku);
            std::optional<int64_t> stock;
            if (live != tick.state->live.end()) stock = live->second.stock;
            if (!stock)
                if (const ProductSpec* product = m_show.findProduct(graphic.sku)) stock = product->stock;
            if (stock) in.stockLeft[graphic.sku] = *stock;
        }
    }
    if (m_health) {
        const LiveHealth health = m_health();
        in.unhealthyOutputs = health.unhealthyOutputs;
        in.lostSources = health.lostSources;
        in.database = health.database;
        in.droppedFrames = health.droppedFrames;
        in.laggedFrames = health.laggedFrames;
        in.offProfile = health.offProfile;
        in.audio = health.audio;
    }
    std::vector<LiveAlert> raised;
    {
        std::lock_guard lock(m_mutex);
        in.nowUtcMs = m_nowUtcMs;
        in.summary = m_metrics.summary(m_nowUtcMs);
        in.negativeComments = m_negativeComments;
        for (const AlertLevelChange& change : m_evaluator.evaluate(in)) {
            raised.push_back({++m_lastAlertId,
                              in.nowUtcMs,
                              change.ruleId,
                              change.kpi,
                              change.level,
                              change.message,
                              false,
                              {},
                              0,
                              false,
                              change.said});
            m_unstoredAlerts.insert(raised.back().id);
        }
        for (const std::string& rule : m_evaluator.recovered())
            for (LiveAlert& alert : m_alerts)
                if (alert.ruleId == rule) alert.cleared = true;
        m_alerts.insert(m_alerts.end(), raised.begin(), raised.end());
    }
    for (const LiveAlert& alert : raised)
        logWarning("alert " + alert.level + " " + alert.ruleId + ": " + alert.message);
    // Alerts raised while the database does not take writes (one of them may
    // say so) are stored once it does.
    storeAlerts();
}

bool LiveAnalytics::storeAlerts(bool now) {
    std::lock_guard store(m_storeMutex);
    if (!now && m_alertsFailing && std::chrono::steady_clock::now() < m_alertsRetryAt) return false;
    std::vector<LiveAlert> rows;
    {
        std::lock_guard lock(m_mutex);
        for (int64_t id : m_unstoredAlerts)
            for (const LiveAlert& alert : m_alerts)
                if (alert.id == id) rows.push_back(alert);
    }
    if (rows.empty()) return true;
    try {
        m_db.transaction([&] {
            // The row as it is now: new, or acknowledged since it was stored.
            Statement upsert = m_db.prepare(
                "INSERT INTO alerts (id, session_id, utc_ms, rule, kpi, level, message, acknowledged_utc_ms, "
                "acknowledged_by, phrase) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                "ON CONFLICT (id) DO UPDATE SET acknowledged_utc_ms = excluded.acknowledged_utc_ms, "
                "acknowledged_by = excluded.acknowledged_by WHERE alerts.session_id = excluded.session_id");
            for (const LiveAlert& alert : rows) {
                upsert.bind(1, alert.id)
                    .bind(2, m_config.sessionId)
                    .bind(3, alert.utcMs)
                    .bind(4, alert.ruleId);
                upsert.bind(5, alert.kpi).bind(6, alert.level).bind(7, alert.message);
                if (alert.acknowledged)
                    upsert.bind(8, alert.acknowledgedUtcMs).bind(9, alert.acknowledgedBy);
                else
                    upsert.bindNull(8).bindNull(9);
                if (alert.said.key.empty())
                    upsert.bindNull(10);
                else
                    upsert.bind(10, i18n::phraseJson(alert.said).dump());
                upsert.run();
            }
        });
    } catch (const std::exception& error) {
        if (!m_alertsFailing)
            logWarning(std::string("alerts kept until the database takes them: ") + error.what());
        m_alertsFailing = true;
        m_alertsRetryAt = std::chrono::steady_clock::now() + kAlertRetry;
        return false;
    }
    m_alertsFailing = false;
    std::lock_guard lock(m_mutex);
    for (const LiveAlert& row : rows)
        for (const LiveAlert& alert : m_alerts)
            if (alert.id == row.id && alert.acknowledged == row.acknowledged) m_unstoredAlerts.erase(row.id);
    return true;
}

std::vector<LiveAlert> LiveAnalytics::alerts() const {
    std::lock_guard lock(m_mutex);
    return m_alerts;
}

bool LiveAnalytics::acknowledge(int64_t alertId, const std::string& who) {
    {
        std::lock_guard lock(m_mutex);
        auto found = std::find_if(m_alerts.begin(), m_alerts.end(),
                                  [&](const LiveAlert& a) { return a.id == alertId; });
        if (found == m_alerts.end()) return false;
        if (found->acknowledged && !m_unstoredAlerts.count(alertId)) return true;
        if (!found->acknowledged) {
            found->acknowledged = true;
            found->acknowledgedBy = who;
            found->acknowledgedUtcMs = nowUtcMs();
        }
        m_unstoredAlerts.insert(alertId);
    }
    if (!storeAlerts(true))
        throw StoreError(
            "alert " + std::to_string(alertId) +
            " is acknowledged here but not stored yet: the database is not writable; it is stored "
            "when it is");
    return true;
}

json LiveAnalytics::summaryJson() const {
    std::lock_guard lock(m_mutex);
    return hawker::studio::summaryJson(m_metrics.summary(m_nowUtcMs));
}

json LiveAnalytics::snapshot() const {
    std::lock_guard lock(m_mutex);
    const MetricsSummary summary = m_metrics.summary(m_nowUtcMs);
    const double elapsed = static_cast<double>(m_nowUtcMs - m_config.startUtcMs) / 1000.0;
    const double pace = m_config.plannedSeconds > 0 ? std::min(1.0, elapsed / m_config.plannedSeconds) : 1.0;
    json out;
    out["session_id"] = m_config.sessionId;
    out["elapsed_s"] = elapsed;
    out["planned_s"] = m_config.plannedSeconds;
    out["summary"] = hawker::studio::summaryJson(summary);
    out["online"] = summary.present;
    out["kpis"] = kpisAgainstTargets(summary, m_metrics, m_config.targetsJson, pace);
    out["kpi_status"] = m_evaluator.kpiStatus();
    out["per_minute"] = perMinuteJson(m_metrics.perMinute(m_nowUtcMs));
    json alerts = json::array();
    for (const LiveAlert& a : m_alerts)
        alerts.push_back({{"id", a.id},
                          {"offset_ms", a.utcMs - m_config.startUtcMs},
                          {"rule", a.ruleId},
                          {"kpi", a.kpi},
                          {"level", a.level},
                          {"message", a.message},
                          {"phrase", i18n::phraseJson(a.said)},
                          {"acknowledged", a.acknowledged},
                          {"acknowledged_by", a.acknowledgedBy},
                          {"cleared", a.cleared}});
    out["alerts"] = std::move(alerts);
    json comments = json::array();
    const auto recent = m_metrics.recentComments();
    for (size_t i = recent.size() > kRecentCommentsShown ? recent.size() - kRecentCommentsShown : 0;
         i < recent.size(); ++i) {
        bool negative = false;
        for (const std::string& word : m_negativeKeywords)
            negative = negative || recent[i].text.find(word) != std::string::npos;
        json comment = feedCommentJson(recent[i], m_config.startUtcMs);
        comment["negative"] = negative;
        comments.push_back(std::move(comment));
    }
    out["comments"] = std::move(comments);
    out["paid_engagement"] = paidEngagementJson(m_metrics.paidEngagement());
    out["funnel"] = funnelJson(funnelSteps(out["summary"]));
    out["open_actions"] = m_openActions;
    json products = json::object();
    for (const auto& [sku, c] : m_metrics.products())
        products[sku] = {
            {"clicks", c.clicks},          {"click_uv", static_cast<int64_t>(c.clickViewers.size())},
            {"paid_orders", c.paidOrders}, {"units", c.units},
            {"gmv_cents", c.gmvCents},     {"gmv_onair_cents", c.gmvOnAirCents}};
    out["products"] = std::move(products);
    out["negative_comments"] = m_negativeComments;
    return out;
}

} // namespace hawker::studio
