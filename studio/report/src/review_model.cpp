#include "hawker/studio/report/review_model.hpp"

#include "hawker/studio/analytics/funnel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "hawker/studio/analytics/kpi_targets.hpp"
#include "hawker/studio/base/clock.hpp"
#include "hawker/studio/base/figures.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/money.hpp"
#include "hawker/studio/base/percent.hpp"
#include "hawker/studio/base/phrase_json.hpp"
#include "hawker/studio/base/translations.hpp"
#include "hawker/studio/report/review_text.hpp"
#include "hawker/studio/show/selling_spec.hpp"
#include "incidents.hpp"

namespace hawker::studio {

using nlohmann::json;
using namespace json_read;

namespace {

std::vector<ReviewBand> onAirBands(const json& report) {
    std::vector<ReviewBand> bands;
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

void fillSeries(const json& report, ReviewOverview& out) {
    out.online.title = i18n::tr("review_model.chart_online");
    out.gmv.title = i18n::tr("review_model.chart_gmv");
    out.gmvTotal.title = i18n::tr("review_model.chart_gmv_total");
    for (ReviewSeries* money : {&out.gmv, &out.gmvTotal}) {
        money->unit = "¥";
        money->valueScale = 100;
    }
    const json& minutes = memberOf(report, "per_minute");
    if (!minutes.is_array() || minutes.empty()) return;
    // Each minute's figure is drawn at its end, after the show's start at 0
    // with nobody on and nothing sold: a one-minute rehearsal is a line, not
    // a lone dot at 0:00.
    for (ReviewSeries* series : {&out.online, &out.gmv, &out.gmvTotal})
        series->values.push_back(0);
    double total = 0;
    for (const json& minute : minutes) {
        const double gmv = numberAt(minute, "gmv_cents").value_or(0);
        total += gmv;
        out.online.values.push_back(static_cast<float>(numberAt(minute, "viewers_end").value_or(0)));
        out.gmv.values.push_back(static_cast<float>(gmv));
        out.gmvTotal.values.push_back(static_cast<float>(total));
    }
}

std::vector<ReviewFunnelStep> funnelOf(const json& summary) {
    std::vector<ReviewFunnelStep> steps;
    for (const FunnelStep& step : funnelSteps(summary)) {
        steps.push_back({funnelStepLabel(step.key), step.count, step.ofPrevious, step.notComparable});
    }
    return steps;
}

/// A tile's status against its target, in words (its colour says it too).
std::string statusWord(const std::string& status) {
    if (status == "red") return i18n::tr("review_model.status_red");
    if (status == "amber") return i18n::tr("review_model.status_amber");
    if (status == "green") return i18n::tr("review_model.status_green");
    return {};
}

/// KPI tiles of a report made before the report carried "kpis": GMV, UV,
/// peak viewers and conversion against the session's targets.
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

std::vector<ReviewKpiTile> kpiTilesOf(const json& report) {
    const json* kpis = &memberOf(report, "kpis");
    json fallback;
    if (!kpis->is_array() || kpis->empty()) {
        fallback = kpisFromSummary(report);
        kpis = &fallback;
    }
    std::vector<ReviewKpiTile> tiles;
    for (const json& tile : *kpis) {
        const std::string key = stringAt(tile, "key");
        ReviewKpiTile out;
        // The report's JSON names it in English, once for every reader; keys added later keep that name.
        out.label = kpiName(key, i18n::currentLanguage(), stringAt(tile, "label"));
        out.status = stringAt(tile, "status");
        out.value = reviewMetric(key, memberOf(tile, "value"));
        if (const std::optional<double> target = numberAt(tile, "target"))
            out.target = i18n::trf("review_model.target", {{"value", reviewMetric(key, json(*target))}}) +
                         "  " + statusWord(out.status);
        tiles.push_back(std::move(out));
    }
    return tiles;
}

std::vector<ReviewFigure> summaryFigures(const json& report) {
    const json& summary = memberOf(report, "summary");
    const std::pair<const char*, const char*> figures[] = {
        {"pv", i18n::trKey("review_model.figure_pv")},
        {"pcu", i18n::trKey("review_model.figure_pcu")},
        {"acu", i18n::trKey("review_model.figure_acu")},
        {"avg_watch_s", i18n::trKey("review_model.figure_avg_watch_s")},
        {"engaged_uv", i18n::trKey("review_model.figure_engaged_uv")},
        {"comments", i18n::trKey("review_model.figure_comments")},
        {"likes", i18n::trKey("review_model.figure_likes")},
        {"new_followers", i18n::trKey("review_model.figure_new_followers")},
        {"paid_orders", i18n::trKey("review_model.figure_paid_orders")},
        {"buyers", i18n::trKey("review_model.figure_buyers")},
        {"units", i18n::trKey("review_model.figure_units")},
        {"aov_cents", i18n::trKey("review_model.figure_aov_cents")},
        {"net_sales_cents", i18n::trKey("review_model.figure_net_sales_cents")},
        {"refund_rate", i18n::trKey("review_model.figure_refund_rate")},
        {"uv_value_cents", i18n::trKey("review_model.figure_uv_value_cents")},
        {"coupon_usage_rate", i18n::trKey("review_model.figure_coupon_usage_rate")},
    };
    std::vector<ReviewFigure> out;
    for (const auto& [key, label] : figures)
        out.push_back({i18n::tr(label), reviewMetricAt(summary, key)});
    return out;
}

std::vector<ReviewProductRow> productRows(const json& report) {
    struct Counted {
        std::string sku, name;
        double onAirSeconds = 0;
        int64_t clicks = 0, clickUv = 0, paidOrders = 0, units = 0, gmvCents = 0, gmvOnAirCents = 0;
        std::optional<int64_t> targetUnits;
    };
    std::vector<Counted> counted;
    const json& unitTargets = memberOf(memberOf(memberOf(report, "session"), "targets"), "units");
    if (const json& products = memberOf(report, "products"); products.is_object()) {
        for (const auto& [sku, p] : products.items()) {
            Counted row;
            row.sku = sku;
            row.name = stringAt(p, "name");
            row.onAirSeconds = numberAt(p, "onair_seconds").value_or(0);
            row.clicks = integerAt(p, "clicks");
            row.clickUv = integerAt(p, "click_uv");
            row.paidOrders = integerAt(p, "paid_orders");
            row.units = integerAt(p, "units");
            row.gmvCents = integerAt(p, "gmv_cents");
            row.gmvOnAirCents = integerAt(p, "gmv_onair_cents");
            if (const std::optional<double> goal = numberAt(unitTargets, sku))
                row.targetUnits = std::llround(*goal);
            counted.push_back(std::move(row));
        }
    }
    std::stable_sort(counted.begin(), counted.end(), [](const Counted& a, const Counted& b) {
        return a.gmvCents != b.gmvCents ? a.gmvCents > b.gmvCents : a.units > b.units;
    });

    std::vector<ReviewProductRow> rows;
    for (const Counted& c : counted) {
        ReviewProductRow row;
        row.title = c.name.empty() ? c.sku : c.name;
        row.sku = c.name.empty() ? "" : c.sku;
        const std::string units = figures::formatCount(c.units);
        if (c.targetUnits) {
            row.target = {figures::formatCount(*c.targetUnits)};
            row.units = {units, c.units >= *c.targetUnits ? ReviewTone::Good : ReviewTone::Bad};
        } else {
            row.target = {"—", ReviewTone::Dim};
            row.units = {units};
        }
        row.paidOrders = figures::formatCount(c.paidOrders);
        row.gmv = figures::formatYuan(c.gmvCents);
        row.gmvOnAir = figures::formatYuan(c.gmvOnAirCents);
        row.clicks = figures::formatCount(c.clicks);
        row.clickUv = figures::formatCount(c.clickUv);
        row.onAir = c.onAirSeconds > 0 ? ReviewText{figures::formatClock(c.onAirSeconds)}
                                       : ReviewText{i18n::tr("review_model.never"), ReviewTone::Dim};
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<ReviewShowingRow> showingRows(const json& report) {
    std::vector<ReviewShowingRow> rows;
    for (const json& s : listAt(report, "card_showings")) {
        const std::string name = stringAt(s, "name"), sku = stringAt(s, "sku");
        rows.push_back({(name.empty() ? sku : name) + " #" + reviewMetricAt(s, "showing"),
                        figures::formatOffset(numberAt(s, "start_offset_ms")) + "–" +
                            figures::formatOffset(numberAt(s, "end_offset_ms")),
                        reviewMetric("onair_seconds", memberOf(s, "seconds")), // a duration, as a clock
                        reviewMetricAt(s, "views"), reviewMetricAt(s, "clicks"),
                        reviewMetricAt(s, "paid_orders"), reviewMetricAt(s, "gmv_cents"),
                        reviewMetricAt(s, "gpm_cents"), reviewMetricAt(s, "gmv_per_minute_cents")});
    }
    return rows;
}

std::vector<ReviewOfferRow> offerRows(const json& report) {
    std::vector<ReviewOfferRow> rows;
    const json& offers = memberOf(report, "offers");
    if (!offers.is_array()) return rows;
    for (const json& offer : offers) {
        ReviewOfferRow row;
        row.id = stringAt(offer, "id");
        if (const std::string variant = stringAt(offer, "variant"); !variant.empty())
            row.variant = "[" + variant + "]";
        row.sku = stringAt(offer, "sku");
        row.price = reviewMetricAt(offer, "price_cents");
        row.soldOfQuantity = reviewMetricAt(offer, "sold") + " / " + reviewMetricAt(offer, "quantity");
        row.sellThrough = reviewMetricAt(offer, "sell_through");
        row.soldOutAfter = reviewMetricAt(offer, "sold_out_after_s");
        row.ended = stringAt(offer, "end_reason");
        row.buyers = reviewMetricAt(offer, "buyers");
        row.gmv = reviewMetricAt(offer, "gmv_cents");
        rows.push_back(std::move(row));
    }
    return rows;
}

void fillSegments(const json& report, ReviewModel& out) {
    const json& segments = memberOf(report, "segments");
    if (!segments.is_array() || segments.empty()) return;
    int overruns = 0;
    for (const json& segment : segments) {
        const int planned = static_cast<int>(integerAt(segment, "planned_seconds"));
        const double actual = numberAt(segment, "actual_seconds").value_or(0);
        ReviewSegmentRow row;
        row.overrun = planned > 0 && actual > planned;
        overruns += row.overrun ? 1 : 0;
        row.number = std::to_string(integerAt(segment, "index") + 1);
        row.title = stringAt(segment, "title");
        row.kind = stringAt(segment, "kind");
        if (const std::optional<SegmentKind> kind = parseSegmentKind(row.kind))
            row.kind = i18n::tr(segmentKindKey(*kind));
        row.sku = stringAt(segment, "sku");
        row.planned = planned > 0 ? figures::formatClock(planned) : figures::kMissing;
        row.actual = figures::formatClock(actual);
        if (planned > 0) {
            const double over = actual - planned;
            row.over = row.overrun ? ReviewText{"+" + figures::formatClock(over), ReviewTone::Bad}
                                   : ReviewText{figures::formatClock(over), ReviewTone::Dim};
        }
        row.enters = reviewMetricAt(segment, "enters");
        row.clicks = reviewMetricAt(segment, "clicks");
        row.paidOrders = reviewMetricAt(segment, "paid_orders");
        row.gmv = reviewMetricAt(segment, "gmv_cents");
        out.segments.push_back(std::move(row));
    }
    if (overruns > 0)
        out.segmentsVerdict = {
            overruns == 1 ? std::string(i18n::tr("review_model.one_overrun"))
                          : i18n::trf("review_model.overruns", {{"count", std::to_string(overruns)}}),
            ReviewTone::Bad};
    else
        out.segmentsVerdict = {i18n::tr("review_model.no_overrun"), ReviewTone::Good};
}

void fillComparison(const json& report, ReviewModel& out) {
    const json& rows = memberOf(report, "comparison");
    if (!rows.is_array()) return;
    out.hasEarlierSessions = rows.size() >= 2;
    std::optional<double> currentGmv;
    for (const json& row : rows)
        if (flagAt(row, "current")) currentGmv = numberAt(row, "gmv_cents");
    for (const json& row : rows) {
        ReviewComparisonRow line;
        line.current = flagAt(row, "current");
        line.name = "#" + std::to_string(integerAt(row, "id")) + " " + stringAt(row, "title");
        if (const std::string variant = stringAt(row, "variant"); !variant.empty())
            line.name += " [" + variant + "]";
        if (line.current) line.name += i18n::tr("review_model.this_one");
        line.started = figures::formatLocalTime(integerAt(row, "start_utc_ms"));
        line.uv = reviewMetricAt(row, "uv");
        line.buyers = reviewMetricAt(row, "buyers");
        line.paidOrders = reviewMetricAt(row, "paid_orders");
        line.gmv = reviewMetricAt(row, "gmv_cents");
        line.conversion = reviewMetricAt(row, "conversion_rate");
        const std::optional<double> gmv = numberAt(row, "gmv_cents");
        if (!line.current && currentGmv && gmv && *gmv > 0) {
            const double change = *currentGmv / *gmv - 1.0;
            line.change = {"GMV " + figures::formatPercentChange(change),
                           change >= 0 ? ReviewTone::Good : ReviewTone::Bad};
        }
        out.comparison.push_back(std::move(line));
    }
}

std::vector<ReviewAbRow> abRows(const json& report) {
    std::vector<ReviewAbRow> rows;
    const json& tests = memberOf(report, "ab");
    if (!tests.is_array()) return rows;
    for (const json& test : tests) {
        ReviewAbRow row;
        row.dimension = stringAt(test, "dimension");
        row.a = stringAt(test, "a") + ": " + reviewMetric("a_rate", memberOf(test, "a_rate"));
        row.b = stringAt(test, "b") + ": " + reviewMetric("b_rate", memberOf(test, "b_rate"));
        if (const std::optional<double> p = numberAt(test, "p_value")) {
            char text[32];
            std::snprintf(text, sizeof text, "%.4f", *p);
            row.pValue = {text};
        } else {
            row.pValue = {"—", ReviewTone::Dim};
        }
        if (flagAt(test, "significant"))
            row.verdict = {i18n::tr("review_model.significant"), ReviewTone::Good};
        else if (const std::string note = stringAt(test, "note"); !note.empty())
            row.verdict = {note, ReviewTone::Dim};
        else
            row.verdict = {i18n::tr("review_model.not_significant"), ReviewTone::Dim};
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<ReviewAlertRow> alertRows(const json& report) {
    std::vector<ReviewAlertRow> rows;
    const json& alerts = memberOf(report, "alerts");
    if (!alerts.is_array()) return rows;
    for (const json& alert : alerts) {
        ReviewAlertRow row;
        row.at = figures::formatClock(static_cast<double>(integerAt(alert, "offset_ms")) / 1000.0);
        row.level = stringAt(alert, "level");
        const std::string kpi = stringAt(alert, "kpi");
        row.rule = stringAt(alert, "rule") + (kpi.empty() ? "" : " / " + kpi);
        row.message = i18n::sayStored(memberOf(alert, "phrase"), stringAt(alert, "message"));
        row.acknowledged = flagAt(alert, "acknowledged")
                               ? ReviewText{"✓", ReviewTone::Good}
                               : ReviewText{i18n::tr("review_model.no"), ReviewTone::Dim};
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace

ReviewModel prepareReview(const json& report) {
    ReviewModel out;
    out.overview.kpis = kpiTilesOf(report);
    out.overview.figures = summaryFigures(report);
    out.overview.paidEngagement = paidEngagementText(memberOf(report, "paid_engagement"));
    for (const json& action : listAt(report, "open_actions"))
        out.overview.openActions.push_back(
            openActionText(action) +
            i18n::trf("review_model.from", {{"title", stringAt(action, "session_title")}}));
    out.overview.bands = onAirBands(report);
    for (const json& incident : listAt(report, "incidents"))
        out.overview.incidents.push_back(
            {numberAt(incident, "offset_ms").value_or(0) / 1000.0, incidentLine(incident)});
    fillSeries(report, out.overview);
    out.overview.funnel = funnelOf(memberOf(report, "summary"));
    out.products = productRows(report);
    out.offers = offerRows(report);
    out.showings = showingRows(report);
    fillSegments(report, out);
    fillComparison(report, out);
    out.abTests = abRows(report);
    out.alerts = alertRows(report);
    return out;
}

json reportWithNotes(const json& report, const std::optional<std::vector<SessionNote>>& notes) {
    json out = report;
    if (!notes) return out;
    json list = json::array();
    for (const SessionNote& note : *notes)
        list.push_back(noteJson(note));
    out["notes"] = std::move(list);
    return out;
}

} // namespace hawker::studio
