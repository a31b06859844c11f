#include "hawker/studio/report/session_report.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "card_showings.hpp"
#include "hawker/studio/analytics/funnel.hpp"
#include "hawker/studio/analytics/order_reconciliation.hpp"
#include "hawker/studio/base/phrase_json.hpp"
#include "hawker/studio/report/session_comparison.hpp"
#include "hawker/studio/report/session_replay.hpp"
#include "hawker/studio/store/event_replay.hpp"
#include "hawker/studio/store/notes_store.hpp"
#include "hawker/studio/store/timeline_table.hpp"
#include "incidents.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

constexpr size_t kTopComments = 50;

/// Offsets from the session start for the page's time axis; open ends are the session end.
int64_t offsetOf(int64_t utcMs, int64_t start, int64_t end) {
    return std::min(utcMs, end) - start;
}

json nullableSeconds(const std::optional<int64_t>& from, const std::optional<int64_t>& to) {
    if (!from || !to) return nullptr;
    return static_cast<double>(*to - *from) / 1000.0;
}

std::vector<PlannedSegment> loadPlan(Database& db, int64_t session) {
    std::vector<PlannedSegment> plan;
    Statement rows = db.prepare(
        "SELECT idx, kind, title, sku, planned_seconds FROM rundown WHERE session_id = ?1 ORDER BY idx");
    rows.bind(1, session);
    while (rows.step())
        plan.push_back({static_cast<int>(rows.integer(0)), rows.text(1), rows.text(2), rows.text(3),
                        static_cast<int>(rows.integer(4))});
    return plan;
}

json windowJson(const WindowCounts& c) {
    return {{"enters", c.enters},
            {"comments", c.comments},
            {"likes", c.likes},
            {"clicks", c.clicks},
            {"paid_orders", c.paidOrders},
            {"units", c.units},
            {"gmv_cents", c.gmvCents},
            {"buyers", static_cast<int64_t>(c.buyers.size())}};
}

json notesJson(Database& db, int64_t session) {
    json notes = json::array();
    for (const SessionNote& note : NotesStore(db).list(session))
        notes.push_back(noteJson(note));
    return notes;
}

/// The open actions of earlier shows of this title or tag: the top of this review.
json openActionsJson(Database& db, int64_t session) {
    json out = json::array();
    for (const OpenAction& a : NotesStore(db).openActionsBefore(session))
        out.push_back(openActionJson(a));
    return out;
}

json alertsJson(Database& db, int64_t session, int64_t start) {
    json alerts = json::array();
    Statement rows = db.prepare("SELECT utc_ms, rule, kpi, level, message, acknowledged_utc_ms, phrase FROM "
                                "alerts WHERE session_id = ?1 ORDER BY utc_ms, id");
    rows.bind(1, session);
    while (rows.step()) {
        // The phrase as stored (null for none): the JSON does not change with the reader's language.
        const std::optional<i18n::Phrase> said = i18n::phraseFromJsonText(rows.isNull(6) ? "" : rows.text(6));
        alerts.push_back({{"offset_ms", rows.integer(0) - start},
                          {"rule", rows.text(1)},
                          {"kpi", rows.text(2)},
                          {"level", rows.text(3)},
                          {"message", rows.text(4)},
                          {"phrase", said ? i18n::phraseJson(*said) : json(nullptr)},
                          {"acknowledged", !rows.isNull(5)}});
    }
    return alerts;
}

} // namespace

OnAirSchedule loadSchedule(Database& db, const Session& session) {
    OnAirSchedule schedule;
    schedule.setPlan(loadPlan(db, session.id));
    const int64_t start = session.startUtcMs.value_or(0);
    readTimeline(db, session.id, 0, [&](const StoredTimelineRow& stored) {
        // Program time onto the session start: the same clock the show (and
        // an offline rehearsal's simulated audience) ran on.
        const int64_t at = stored.programMs ? start + *stored.programMs : stored.utcMs;
        if (stored.row) schedule.apply(at, *stored.row);
    });
    return schedule;
}

json buildSessionReport(Database& db, int64_t sessionId, const ReportOptions& options) {
    const SessionReplay replay = replaySession(db, sessionId);
    const Session* session = &replay.session;
    const int64_t start = replay.start, end = replay.end;
    const OnAirSchedule& schedule = *replay.schedule;
    const SessionMetrics& metrics = *replay.metrics;
    const MetricsSummary summary = metrics.summary(end);

    json report;
    json targets = json::parse(session->targetsJson.empty() ? "{}" : session->targetsJson, nullptr, false);
    report["session"] = {{"id", session->id},
                         {"title", session->title},
                         {"tag", session->tag},
                         {"host", session->host},
                         {"state", session->state},
                         {"rehearsal", session->rehearsal},
                         {"variant", session->variant},
                         {"start_utc_ms", start},
                         {"end_utc_ms", end},
                         {"platforms", session->platforms},
                         {"targets", targets.is_discarded() ? json::object() : targets}};
    report["summary"] = summaryJson(summary);
    report["per_minute"] = perMinuteJson(metrics.perMinute(end));
    report["kpis"] = kpisAgainstTargets(summary, metrics, session->targetsJson, 1.0);

    const auto& names = replay.products;
    std::set<std::string> skus;
    for (const auto& [sku, name] : names)
        if (metrics.products().count(sku) || schedule.cards().count(sku)) skus.insert(sku);
    for (const auto& [sku, counts] : metrics.products())
        skus.insert(sku);
    for (const auto& [sku, intervals] : schedule.cards())
        skus.insert(sku);
    json products = json::object();
    for (const std::string& sku : skus) {
        auto counts = metrics.products().find(sku);
        const ProductCounts empty;
        const ProductCounts& c = counts == metrics.products().end() ? empty : counts->second;
        auto name = names.find(sku);
        products[sku] = {{"name", name == names.end() ? "" : name->second.name},
                         {"in_catalog", name != names.end()},
                         {"onair_seconds", schedule.onAirSeconds(sku, start, end)},
                         {"clicks", c.clicks},
                         {"click_uv", static_cast<int64_t>(c.clickViewers.size())},
                         {"paid_orders", c.paidOrders},
                         {"units", c.units},
                         {"gmv_cents", c.gmvCents},
                         {"gmv_onair_cents", c.gmvOnAirCents}};
    }
    report["products"] = std::move(products);
    std::map<std::string, std::string> productTitles;
    for (const auto& [sku, name] : names)
        productTitles[sku] = name.name;
    report["card_showings"] = cardShowingsJson(schedule, metrics, productTitles, start, end);

    json segments = json::array();
    for (size_t i = 0; i < schedule.segments().size(); ++i) {
        const SegmentWindow& w = schedule.segments()[i];
        const WindowCounts counts = i < metrics.segments().size() ? metrics.segments()[i] : WindowCounts{};
        json item = windowJson(counts);
        item["index"] = w.plan.index;
        item["title"] = w.plan.title;
        item["kind"] = w.plan.kind;
        item["sku"] = w.plan.sku;
        item["planned_seconds"] = w.plan.plannedSeconds;
        item["start_offset_ms"] = offsetOf(w.start, start, end);
        item["end_offset_ms"] = offsetOf(w.end, start, end);
        item["actual_seconds"] = static_cast<double>(std::min(w.end, end) - w.start) / 1000.0;
        segments.push_back(std::move(item));
    }
    report["segments"] = std::move(segments);

    json offers = json::array();
    json onairOffers = json::array();
    for (size_t i = 0; i < schedule.offers().size(); ++i) {
        const OfferWindow& o = schedule.offers()[i];
        const WindowCounts counts = metrics.offerCounts(i);
        const OnAirInterval sale = o.saleInterval();
        json item = {{"id", o.id},
                     {"sku", o.sku},
                     {"price_cents", o.priceCents},
                     {"quantity", o.quantity},
                     {"sold", o.sold},
                     {"sell_through",
                      o.quantity > 0 ? json(static_cast<double>(o.sold) / static_cast<double>(o.quantity))
                                     : json(nullptr)},
                     {"sold_out_after_s", nullableSeconds(o.onSale, o.soldOut)},
                     {"announced_offset_ms", o.announced - start},
                     {"start_offset_ms", o.onSale ? json(*o.onSale - start) : json(nullptr)},
                     {"end_offset_ms", o.onSale ? json(offsetOf(sale.end, start, end)) : json(nullptr)},
                     {"end_reason", o.endReason},
                     {"paid_orders", counts.paidOrders},
                     {"units", counts.units},
                     {"gmv_cents", counts.gmvCents},
                     {"buyers", static_cast<int64_t>(counts.buyers.size())},
                     {"click_uv", static_cast<int64_t>(counts.clickers.size())},
                     {"variant", o.variant}};
        offers.push_back(std::move(item));
        if (o.onSale)
            onairOffers.push_back({{"id", o.id},
                                   {"start_offset_ms", *o.onSale - start},
                                   {"end_offset_ms", offsetOf(sale.end, start, end)}});
    }
    report["offers"] = std::move(offers);

    json cards = json::array();
    for (const auto& [sku, intervals] : schedule.cards())
        for (const OnAirInterval& interval : intervals)
            cards.push_back({{"sku", sku},
                             {"start_offset_ms", interval.start - start},
                             {"end_offset_ms", offsetOf(interval.end, start, end)}});
    json scenes = json::array();
    for (const SceneInterval& scene : schedule.scenes())
        scenes.push_back({{"scene", scene.scene},
                          {"start_offset_ms", scene.interval.start - start},
                          {"end_offset_ms", offsetOf(scene.interval.end, start, end)}});
    report["onair"] = {
        {"cards", std::move(cards)}, {"offers", std::move(onairOffers)}, {"scenes", std::move(scenes)}};

    // The show log shows each row's text as stored; it counts nothing.
    json timeline = json::array();
    readTimeline(db, sessionId, 0, [&](const StoredTimelineRow& stored) {
        const int64_t at = stored.programMs ? start + *stored.programMs : stored.utcMs;
        timeline.push_back({{"offset_ms", at - start}, {"event", stored.event}, {"detail", stored.text}});
    });
    report["timeline"] = std::move(timeline);

    json comments = json::array();
    const auto recent = metrics.recentComments();
    for (size_t i = recent.size() > kTopComments ? recent.size() - kTopComments : 0; i < recent.size(); ++i)
        comments.push_back(feedCommentJson(recent[i], start));
    report["top_comments"] = std::move(comments);
    report["paid_engagement"] = paidEngagementJson(metrics.paidEngagement());
    report["funnel"] = funnelJson(funnelSteps(report["summary"]));

    report["comparison"] = compareWithEarlierSessions(db, *session, summary, options);
    report["ab"] = abTests(db, *session, summary, options);
    for (json& test : offerVariantTests(report["offers"]))
        report["ab"].push_back(std::move(test));
    report["notes"] = notesJson(db, sessionId);
    report["open_actions"] = openActionsJson(db, sessionId);
    report["alerts"] = alertsJson(db, sessionId, start);
    report["incidents"] = incidentsJson(db, sessionId, start, end);
    report["reconciliation"] = reconcileOrders(db, sessionId).toJson();
    report["events_counted"] = metrics.eventsCounted();
    return report;
}

} // namespace hawker::studio
