// The console review's model: what each tab draws, worked out from a report
// without the UI. Hand-made reports pin every rule (units by key, sort order,
// overruns, comparison against this session); one report built from a real
// SQLite session checks the model reads what buildSessionReport writes.

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/base/clock.hpp"
#include "hawker/studio/base/percent.hpp"
#include "hawker/studio/base/translations.hpp"
#include "hawker/studio/report/review_model.hpp"
#include "hawker/studio/report/review_sessions.hpp"
#include "hawker/studio/report/review_text.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/store/event_store.hpp"

#include "session_metrics_fixtures.hpp"
#include "temp_db.hpp"

using namespace hawker::studio;
using nlohmann::json;

namespace {

/// Times in these tests are written in UTC whatever the machine's zone.
class UtcZone {
public:
    UtcZone() {
        if (const char* tz = std::getenv("TZ")) m_old = tz;
        setenv("TZ", "UTC", 1);
        tzset();
    }
    ~UtcZone() {
        if (m_old)
            setenv("TZ", m_old->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }
    UtcZone(const UtcZone&) = delete;
    UtcZone& operator=(const UtcZone&) = delete;

private:
    std::optional<std::string> m_old;
};

json report() {
    return json::parse(R"json({
  "session": {"id": 3, "title": "晚八点 美妆专场", "targets": {"units": {"SKU1": 50, "SKU3": 20}}},
  "summary": {"pv": 1450, "uv": 1000, "pcu": 310, "acu": 108.3, "avg_watch_s": 52.0, "engaged_uv": 240,
              "comments": 380, "likes": 5200, "new_followers": 44, "paid_orders": 62, "buyers": 50,
              "units": 70, "gmv_cents": 613800, "net_sales_cents": 603900, "refund_rate": 0.016,
              "product_click_uv": 300, "add_to_cart_uv": 0, "order_created_uv": 80, "aov_cents": 9900.0,
              "uv_value_cents": 613.8, "coupon_usage_rate": null, "conversion_rate": 0.05},
  "kpis": [{"key": "gmv_cents", "label": "GMV", "value": 613800, "target": 2000000, "status": "red"},
           {"key": "uv", "label": "UV", "value": 1000, "target": 1100, "status": "amber"},
           {"key": "conversion_rate", "label": "Conversion", "value": 0.05, "target": 0.03,
            "status": "green"},
           {"key": "pcu", "label": "PCU", "value": 310, "target": null, "status": "none"}],
  "per_minute": [{"minute": 0, "gmv_cents": 0, "viewers_end": 95},
                 {"minute": 1, "gmv_cents": 79200, "viewers_end": 180},
                 {"minute": 2, "gmv_cents": 297000, "viewers_end": 310}],
  "products": {
    "SKU1": {"name": "精华液 30ml", "onair_seconds": 180.5, "clicks": 2400, "click_uv": 200,
             "paid_orders": 55, "units": 60, "gmv_cents": 544500, "gmv_onair_cents": 495000},
    "SKU2": {"name": "", "onair_seconds": 0, "clicks": 30, "click_uv": 25, "paid_orders": 0, "units": 0,
             "gmv_cents": 0, "gmv_onair_cents": 0},
    "SKU3": {"name": "面膜", "onair_seconds": 60, "clicks": 90, "click_uv": 75, "paid_orders": 7,
             "units": 10, "gmv_cents": 69300, "gmv_onair_cents": 30000},
    "SKU4": {"name": "眼霜", "onair_seconds": 3725, "clicks": 5, "click_uv": 5, "paid_orders": 1,
             "units": 12, "gmv_cents": 69300, "gmv_onair_cents": 69300}},
  "segments": [
    {"index": 0, "title": "开场", "kind": "opening", "sku": "", "planned_seconds": 60, "actual_seconds": 75.0,
     "enters": 150, "clicks": 2, "paid_orders": 0, "gmv_cents": 0},
    {"index": 1, "title": "精华液讲解", "kind": "product", "sku": "SKU1", "planned_seconds": 240,
     "actual_seconds": 200.0, "enters": 500, "clicks": 240, "paid_orders": 50, "gmv_cents": 495000},
    {"index": 2, "title": "加场", "kind": "qa", "sku": "", "actual_seconds": 30.0}],
  "offers": [
    {"id": "flash1", "sku": "SKU1", "price_cents": 9900, "quantity": 50, "sold": 50, "sell_through": 1.0,
     "sold_out_after_s": 42.0, "end_reason": "sold_out", "buyers": 48, "gmv_cents": 495000},
    {"id": "flash2", "variant": "B", "sku": "SKU3", "price_cents": 6930, "quantity": 40, "sold": 10,
     "sell_through": 0.25, "sold_out_after_s": null, "end_reason": "timeout", "buyers": 9,
     "gmv_cents": 69300}],
  "onair": {"cards": [{"sku": "SKU1", "start_offset_ms": 5000, "end_offset_ms": 185000}],
            "offers": [{"id": "flash1", "start_offset_ms": 120000, "end_offset_ms": 162000}]},
  "comparison": [
    {"id": 1, "title": "美妆专场", "start_utc_ms": 1699000000000, "uv": 800, "buyers": 40, "paid_orders": 45,
     "gmv_cents": 500000, "conversion_rate": 0.05, "current": false},
    {"id": 2, "title": "美妆专场", "variant": "B", "start_utc_ms": 1699500000000, "uv": 900,
     "gmv_cents": 700000, "current": false},
    {"id": 3, "title": "晚八点 美妆专场", "start_utc_ms": 1700000000000, "uv": 1000, "buyers": 50,
     "paid_orders": 62, "gmv_cents": 613800, "conversion_rate": 0.05, "current": true}],
  "ab": [{"dimension": "offer variant", "a": "A", "b": "B", "a_rate": 0.05, "b_rate": 0.031,
          "p_value": 0.03125, "significant": true},
         {"dimension": "session variant", "a": "A", "b": "B", "a_rate": 0.05, "b_rate": 0.049,
          "p_value": null, "significant": false, "note": "too few buyers to test"},
         {"dimension": "title", "a": "X", "b": "Y", "a_rate": 0.05, "b_rate": 0.04, "p_value": 0.4,
          "significant": false}],
  "alerts": [{"offset_ms": 65000, "level": "red", "rule": "pace", "kpi": "gmv_cents",
              "message": "GMV is 20 % behind", "acknowledged": true},
             {"offset_ms": 3725000, "level": "amber", "rule": "source_lost", "message": "cam2 lost"}]
})json");
}

} // namespace

TEST(ReviewText, FiguresAreWrittenInTheUnitTheirKeyNames) {
    EXPECT_EQ(reviewMetric("gmv_cents", json(129900)), "¥1,299.00");
    EXPECT_EQ(reviewMetric("gmv_cents", json(-2550)), "-¥25.50");
    EXPECT_EQ(reviewMetric("uv_value_cents", json(613.8)), "¥6.14");
    EXPECT_EQ(reviewMetric("conversion_rate", json(0.125)), "12.50%");
    EXPECT_EQ(reviewMetric("sell_through", json(1.0)), "100.00%");
    EXPECT_EQ(reviewMetric("avg_watch_s", json(52.4)), "0:52");
    EXPECT_EQ(reviewMetric("watch_seconds", json(3727)), "1:02:07");
    EXPECT_EQ(reviewMetric("pv", json(1234567)), "1,234,567");
    EXPECT_EQ(reviewMetric("acu", json(108.25)), "108.2");
    EXPECT_EQ(reviewMetric("pv", json(nullptr)), "—");
    EXPECT_EQ(reviewMetric("pv", json("12")), "—");
    EXPECT_EQ(reviewMetricAt(json::object(), "pv"), "—");
    EXPECT_EQ(figures::formatClock(-30), "-0:30");
    EXPECT_EQ(figures::formatPercent(-0.0512), "-5.1%");
    const UtcZone utc;
    EXPECT_EQ(figures::formatLocalTime(1700000000000), "2023-11-14 22:13");
}

TEST(ReviewModel, OverviewTilesFiguresSeriesAndBands) {
    const ReviewModel model = prepareReview(report());
    const ReviewOverview& o = model.overview;

    ASSERT_EQ(o.kpis.size(), 4u);
    EXPECT_EQ(o.kpis[0].label, "GMV");
    EXPECT_EQ(o.kpis[0].value, "¥6,138.00");
    EXPECT_EQ(o.kpis[0].status, "red");
    EXPECT_EQ(o.kpis[0].target, "target ¥20,000.00  behind");
    EXPECT_EQ(o.kpis[1].target, "target 1,100  slightly behind");
    EXPECT_EQ(o.kpis[2].value, "5.00%");
    EXPECT_EQ(o.kpis[2].target, "target 3.00%  on target");
    EXPECT_EQ(o.kpis[3].value, "310");
    EXPECT_FALSE(o.kpis[3].target.has_value());

    ASSERT_EQ(o.figures.size(), 16u);
    EXPECT_EQ(o.figures[0].label, "Views (PV)");
    EXPECT_EQ(o.figures[0].value, "1,450");
    EXPECT_EQ(o.figures[2].value, "108.3");   // ACU keeps its fraction
    EXPECT_EQ(o.figures[3].value, "0:52");    // average watch time
    EXPECT_EQ(o.figures[11].value, "¥99.00"); // order value
    EXPECT_EQ(o.figures[13].value, "1.60%");  // refund rate
    EXPECT_EQ(o.figures[14].value, "¥6.14");  // UV value
    EXPECT_EQ(o.figures[15].value, "—");      // coupon usage: null

    // A 0 at the start, then each minute at its end; the total adds up.
    EXPECT_EQ(o.online.values, (std::vector<float>{0, 95, 180, 310}));
    EXPECT_EQ(o.gmv.values, (std::vector<float>{0, 0, 79200, 297000}));
    EXPECT_EQ(o.gmvTotal.values, (std::vector<float>{0, 0, 79200, 376200}));
    EXPECT_EQ(o.gmv.unit, "¥");
    EXPECT_EQ(o.gmv.valueScale, 100.0f);
    EXPECT_EQ(o.online.unit, "");

    ASSERT_EQ(o.bands.size(), 2u);
    EXPECT_EQ(o.bands[0].label, "SKU1");
    EXPECT_DOUBLE_EQ(o.bands[0].fromSeconds, 5.0);
    EXPECT_DOUBLE_EQ(o.bands[0].toSeconds, 185.0);
    EXPECT_FALSE(o.bands[0].offer);
    EXPECT_EQ(o.bands[1].label, "flash1");
    EXPECT_TRUE(o.bands[1].offer);
}

TEST(ReviewModel, FunnelKeepsAStageThePlatformDidNotReportAndTheNextIsNotComparable) {
    const ReviewModel model = prepareReview(report());
    // add_to_cart_uv is 0 while orders were created later: the cart stage shows its 0, and the orders
    // have no share of it (not "∞ %"), with the reason.
    const std::vector<ReviewFunnelStep>& funnel = model.overview.funnel;
    ASSERT_EQ(funnel.size(), 5u);
    EXPECT_EQ(funnel[0].label, "Viewers");
    EXPECT_EQ(funnel[0].value, 1000);
    EXPECT_EQ(funnel[1].value, 300);
    EXPECT_DOUBLE_EQ(*funnel[1].ofPrevious, 0.3);
    EXPECT_EQ(funnel[2].value, 0);
    EXPECT_EQ(funnel[3].label, "Placed an order");
    EXPECT_EQ(funnel[3].value, 80);
    EXPECT_FALSE(funnel[3].ofPrevious);
    EXPECT_NE(funnel[3].notComparable.find("不可比"), std::string::npos);
    EXPECT_EQ(funnel[4].label, "Paid");
    EXPECT_DOUBLE_EQ(*funnel[4].ofPrevious, 50.0 / 80.0);

    // Nobody paid: the zeros are counted stages, kept.
    json none = report();
    none["summary"]["order_created_uv"] = 0;
    none["summary"]["buyers"] = 0;
    none["summary"]["product_click_uv"] = 0;
    EXPECT_EQ(prepareReview(none).overview.funnel.size(), 5u);
}

TEST(ReviewModel, KpiTilesOfAnOlderReportComeFromItsSummaryAndTargets) {
    json older = report();
    older.erase("kpis");
    older["session"]["targets"] = {{"gmv_cents", 500000}, {"conversion_rate", 0.1}};
    older["summary"]["conversion_rate"] = nullptr;
    const std::vector<ReviewKpiTile> kpis = prepareReview(older).overview.kpis;
    ASSERT_EQ(kpis.size(), 4u);
    EXPECT_EQ(kpis[0].label, "GMV");
    EXPECT_EQ(kpis[0].value, "¥6,138.00");
    EXPECT_EQ(kpis[0].status, "green"); // ahead of its target
    EXPECT_EQ(kpis[0].target, "target ¥5,000.00  on target");
    EXPECT_EQ(kpis[1].label, "UV");
    EXPECT_EQ(kpis[1].status, "none");
    EXPECT_FALSE(kpis[1].target.has_value());
    EXPECT_EQ(kpis[2].label, "Peak viewers");
    EXPECT_EQ(kpis[3].value, "—");
    EXPECT_EQ(kpis[3].status, "red"); // a target and nothing counted
}

TEST(ReviewModel, ProductsByGmvThenUnitsAgainstTheirTargets) {
    const std::vector<ReviewProductRow> rows = prepareReview(report()).products;
    ASSERT_EQ(rows.size(), 4u);
    // SKU3 and SKU4 sold the same GMV: more units first.
    EXPECT_EQ(rows[0].title, "精华液 30ml");
    EXPECT_EQ(rows[1].title, "眼霜");
    EXPECT_EQ(rows[2].title, "面膜");
    EXPECT_EQ(rows[3].title, "SKU2"); // no name: the sku is the title
    EXPECT_EQ(rows[3].sku, "");
    EXPECT_EQ(rows[0].sku, "SKU1");

    EXPECT_EQ(rows[0].target.text, "50");
    EXPECT_EQ(rows[0].units.text, "60");
    EXPECT_EQ(rows[0].units.tone, ReviewTone::Good);
    EXPECT_EQ(rows[2].units.text, "10");
    EXPECT_EQ(rows[2].units.tone, ReviewTone::Bad); // 10 of 20
    EXPECT_EQ(rows[1].target.text, "—");
    EXPECT_EQ(rows[1].target.tone, ReviewTone::Dim);
    EXPECT_EQ(rows[1].units.tone, ReviewTone::Plain);

    EXPECT_EQ(rows[0].gmv, "¥5,445.00");
    EXPECT_EQ(rows[0].gmvOnAir, "¥4,950.00");
    EXPECT_EQ(rows[0].clicks, "2,400");
    EXPECT_EQ(rows[0].onAir.text, "3:01");
    EXPECT_EQ(rows[1].onAir.text, "1:02:05");
    EXPECT_EQ(rows[3].onAir.text, "never");
    EXPECT_EQ(rows[3].onAir.tone, ReviewTone::Dim);
}

TEST(ReviewModel, FlashSalesShowSellThroughAndSellOutTime) {
    const std::vector<ReviewOfferRow> offers = prepareReview(report()).offers;
    ASSERT_EQ(offers.size(), 2u);
    EXPECT_EQ(offers[0].id, "flash1");
    EXPECT_EQ(offers[0].variant, "");
    EXPECT_EQ(offers[0].price, "¥99.00");
    EXPECT_EQ(offers[0].soldOfQuantity, "50 / 50");
    EXPECT_EQ(offers[0].sellThrough, "100.00%");
    EXPECT_EQ(offers[0].soldOutAfter, "0:42");
    EXPECT_EQ(offers[0].ended, "sold_out");
    EXPECT_EQ(offers[0].buyers, "48");
    EXPECT_EQ(offers[1].variant, "[B]");
    EXPECT_EQ(offers[1].sellThrough, "25.00%");
    EXPECT_EQ(offers[1].soldOutAfter, "—");
}

TEST(ReviewModel, SegmentsMarkOverrunsAgainstThePlan) {
    const ReviewModel model = prepareReview(report());
    ASSERT_EQ(model.segments.size(), 3u);
    const ReviewSegmentRow& opening = model.segments[0];
    EXPECT_EQ(opening.number, "1");
    EXPECT_EQ(opening.title, "开场");
    EXPECT_EQ(opening.planned, "1:00");
    EXPECT_EQ(opening.actual, "1:15");
    EXPECT_TRUE(opening.overrun);
    EXPECT_EQ(opening.over.text, "+0:15");
    EXPECT_EQ(opening.over.tone, ReviewTone::Bad);
    EXPECT_EQ(opening.gmv, "¥0.00");

    const ReviewSegmentRow& product = model.segments[1];
    EXPECT_FALSE(product.overrun);
    EXPECT_EQ(product.over.text, "-0:40");
    EXPECT_EQ(product.over.tone, ReviewTone::Dim);
    EXPECT_EQ(product.paidOrders, "50");

    const ReviewSegmentRow& unplanned = model.segments[2];
    EXPECT_EQ(unplanned.planned, "—");
    EXPECT_EQ(unplanned.over.text, "");
    EXPECT_FALSE(unplanned.overrun);
    EXPECT_EQ(unplanned.enters, "—");

    EXPECT_EQ(model.segmentsVerdict.text, "1 segment ran over the plan.");
    EXPECT_EQ(model.segmentsVerdict.tone, ReviewTone::Bad);

    json kept = report();
    kept["segments"][0]["actual_seconds"] = 60;
    const ReviewModel onTime = prepareReview(kept);
    EXPECT_EQ(onTime.segmentsVerdict.text, "Every segment kept to its planned time.");
    EXPECT_EQ(onTime.segmentsVerdict.tone, ReviewTone::Good);

    kept["segments"] = json::array();
    EXPECT_EQ(prepareReview(kept).segmentsVerdict.text, "");
}

TEST(ReviewModel, ComparisonWeighsThisSessionAgainstEachEarlierOne) {
    const UtcZone utc;
    const ReviewModel model = prepareReview(report());
    EXPECT_TRUE(model.hasEarlierSessions);
    ASSERT_EQ(model.comparison.size(), 3u);
    const ReviewComparisonRow& first = model.comparison[0];
    EXPECT_EQ(first.name, "#1 美妆专场");
    EXPECT_EQ(first.started, "2023-11-03 08:26");
    EXPECT_EQ(first.gmv, "¥5,000.00");
    EXPECT_EQ(first.change.text, "GMV +22.8%"); // 6138 against 5000
    EXPECT_EQ(first.change.tone, ReviewTone::Good);
    EXPECT_EQ(model.comparison[1].name, "#2 美妆专场 [B]");
    EXPECT_EQ(model.comparison[1].change.text, "GMV -12.3%"); // 6138 against 7000
    EXPECT_EQ(model.comparison[1].change.tone, ReviewTone::Bad);
    EXPECT_EQ(model.comparison[1].buyers, "—");
    const ReviewComparisonRow& current = model.comparison[2];
    EXPECT_TRUE(current.current);
    EXPECT_EQ(current.name, "#3 晚八点 美妆专场  (this one)");
    EXPECT_EQ(current.change.text, "");
    EXPECT_EQ(current.conversion, "5.00%");

    json alone = report();
    alone["comparison"] = json::array({report()["comparison"][2]});
    const ReviewModel single = prepareReview(alone);
    EXPECT_FALSE(single.hasEarlierSessions);
    EXPECT_EQ(single.comparison.size(), 1u);
}

TEST(ReviewModel, AbTestsSayWhatTheirPValueMeans) {
    const std::vector<ReviewAbRow> tests = prepareReview(report()).abTests;
    ASSERT_EQ(tests.size(), 3u);
    EXPECT_EQ(tests[0].a, "A: 5.00%");
    EXPECT_EQ(tests[0].b, "B: 3.10%");
    EXPECT_EQ(tests[0].pValue.text, "0.0312");
    EXPECT_EQ(tests[0].pValue.tone, ReviewTone::Plain);
    EXPECT_EQ(tests[0].verdict.text, "significant");
    EXPECT_EQ(tests[0].verdict.tone, ReviewTone::Good);
    EXPECT_EQ(tests[1].pValue.text, "—");
    EXPECT_EQ(tests[1].pValue.tone, ReviewTone::Dim);
    EXPECT_EQ(tests[1].verdict.text, "too few buyers to test");
    EXPECT_EQ(tests[2].verdict.text, "not significant");
    EXPECT_EQ(tests[2].verdict.tone, ReviewTone::Dim);
}

TEST(ReviewModel, AlertsNameTheirRuleAndWhetherSomeoneSawThem) {
    const std::vector<ReviewAlertRow> alerts = prepareReview(report()).alerts;
    ASSERT_EQ(alerts.size(), 2u);
    EXPECT_EQ(alerts[0].at, "1:05");
    EXPECT_EQ(alerts[0].level, "red");
    EXPECT_EQ(alerts[0].rule, "pace / gmv_cents");
    EXPECT_EQ(alerts[0].message, "GMV is 20 % behind");
    EXPECT_EQ(alerts[0].acknowledged.text, "✓");
    EXPECT_EQ(alerts[0].acknowledged.tone, ReviewTone::Good);
    EXPECT_EQ(alerts[1].at, "1:02:05");
    EXPECT_EQ(alerts[1].rule, "source_lost");
    EXPECT_EQ(alerts[1].acknowledged.text, "no");
}

TEST(ReviewModel, AnAlertWithAPhraseIsSaidInTheReadersLanguage) {
    namespace i18n = hawker::studio::i18n;
    json stored = report();
    stored["alerts"][1]["phrase"] = {{"key", "alert_text.signal_lost"}, {"args", {{"sources", "cam2"}}}};
    const i18n::Language before = i18n::currentLanguage();
    i18n::setLanguage(i18n::Language::ZhCN);
    const std::vector<ReviewAlertRow> zh = prepareReview(stored).alerts;
    i18n::setLanguage(i18n::Language::En);
    const std::vector<ReviewAlertRow> en = prepareReview(stored).alerts;
    i18n::setLanguage(before);
    ASSERT_EQ(zh.size(), 2u);
    ASSERT_EQ(en.size(), 2u);
    EXPECT_EQ(zh[1].message, "信号丢失：cam2");
    EXPECT_EQ(en[1].message, "signal lost: cam2");
    // Without a phrase (stored before alerts had phrases): the message as stored.
    EXPECT_EQ(zh[0].message, "GMV is 20 % behind");
}

TEST(ReviewModel, OddReportsGiveEmptyTabsNotExceptions) {
    for (const json& odd : {json(nullptr), json::array({1, 2}), json("report"), json::object(),
                            json::parse(R"({"summary": [], "per_minute": {}, "products": [1],
                                           "segments": "x", "offers": [null, 3], "comparison": 7,
                                           "ab": [{}], "alerts": [[]], "kpis": [5],
                                           "onair": {"cards": [{"sku": 12}]}})")}) {
        ReviewModel model;
        ASSERT_NO_THROW(model = prepareReview(odd)) << odd.dump();
        EXPECT_TRUE(model.products.empty()) << odd.dump();
        EXPECT_TRUE(model.segments.empty()) << odd.dump();
        EXPECT_TRUE(model.overview.online.values.empty()) << odd.dump();
        EXPECT_FALSE(model.hasEarlierSessions) << odd.dump();
        ASSERT_EQ(model.overview.figures.size(), 16u);
        for (const ReviewFigure& figure : model.overview.figures)
            EXPECT_EQ(figure.value, "—") << figure.label << " of " << odd.dump();
    }
    // Rows of junk are still rows, with dashes where figures were.
    const ReviewModel junk =
        prepareReview(json::parse(R"({"offers": [null, 3], "ab": [{}], "alerts": [[]]})"));
    ASSERT_EQ(junk.offers.size(), 2u);
    EXPECT_EQ(junk.offers[0].price, "—");
    ASSERT_EQ(junk.abTests.size(), 1u);
    EXPECT_EQ(junk.abTests[0].verdict.text, "not significant");
    ASSERT_EQ(junk.alerts.size(), 1u);
    EXPECT_EQ(junk.alerts[0].at, "0:00");
}

TEST(ReviewModel, ExportCarriesTheNotesAsTheyAreNow) {
    const json base = {{"summary", {{"uv", 3}}}, {"notes", json::array({{{"text", "stale"}}})}};
    EXPECT_EQ(reportWithNotes(base, std::nullopt), base); // not loaded: the report's own

    SessionNote note;
    note.id = 7;
    note.sessionId = 3;
    note.utcMs = 1700000000000;
    note.kind = "action";
    note.text = "更早开秒杀";
    note.owner = "小王";
    const json out = reportWithNotes(base, std::vector<SessionNote>{note});
    ASSERT_EQ(out["notes"].size(), 1u);
    EXPECT_EQ(out["notes"][0]["kind"], "action");
    EXPECT_EQ(out["notes"][0]["text"], "更早开秒杀");
    EXPECT_EQ(out["notes"][0]["owner"], "小王");
    EXPECT_EQ(out["notes"][0]["utc_ms"], 1700000000000);
    EXPECT_EQ(out["notes"][0]["id"], 7);
    EXPECT_EQ(out["summary"]["uv"], 3);
    EXPECT_EQ(reportWithNotes(base, std::vector<SessionNote>{})["notes"], json::array());
}

TEST(ReviewSessions, NewestFirstInTheListsWords) {
    const UtcZone utc;
    std::vector<Session> sessions(4);
    sessions[0].id = 1;
    sessions[0].startUtcMs = 1700000000000;
    sessions[1].id = 2; // planned, made after every start
    sessions[1].createdUtcMs = 1800000000000;
    sessions[2].id = 3;
    sessions[2].startUtcMs = 1700000000000; // same start as #1: the higher id first
    sessions[3].id = 4;
    sessions[3].startUtcMs = 1600000000000;
    sortNewestFirst(sessions);
    std::vector<int64_t> order;
    for (const Session& s : sessions)
        order.push_back(s.id);
    EXPECT_EQ(order, (std::vector<int64_t>{2, 3, 1, 4}));

    Session ended;
    ended.id = 12;
    ended.title = "Spring sale";
    ended.state = "ended";
    ended.rehearsal = true;
    ended.startUtcMs = 1700000000000;
    ended.endUtcMs = 1700000000000 + 3723000;
    EXPECT_EQ(reviewSessionName(ended), "#12  Spring sale");
    EXPECT_EQ(reviewSessionState(ended), "ended · 彩排 rehearsal");
    EXPECT_EQ(reviewSessionDetail(ended), "  彩排 rehearsal  2023-11-14 22:13");
    EXPECT_EQ(reviewSessionSpan(ended), "2023-11-14 22:13 → 2023-11-14 23:15  (1:02:03)");

    Session live = ended;
    live.rehearsal = false;
    live.state = "live";
    live.endUtcMs.reset();
    EXPECT_EQ(reviewSessionState(live), "live");
    EXPECT_EQ(reviewSessionSpan(live), "2023-11-14 22:13 → still live (the report runs up to now)");

    Session planned;
    planned.state = "planned";
    EXPECT_EQ(reviewSessionDetail(planned), "  not started");
    EXPECT_FALSE(reviewSessionSpan(planned).has_value());
}

TEST(ReviewModel, ReadsTheReportBuiltFromARealSession) {
    using namespace metrics_fixtures;
    TempDb file;
    Database db(file.path);
    SessionStore sessions(db);
    const int64_t id = sessions.create("Review model", "", kS, false).id;
    sessions.setPlan(id, "douyin", R"({"gmv_cents": 50000, "units": {"SKU1": 3}})");
    const std::vector<ViewerEvent> events = {
        viewStart(kS + 1 * kSec, 1),
        viewStart(kS + 2 * kSec, 2),
        viewStart(kS + 3 * kSec, 3),
        click(kS + 10 * kSec, 1, "SKU1"),
        click(kS + 11 * kSec, 2, "SKU1"),
        orderPaid(kS + 70 * kSec, 1, "o1", "SKU1", 2, 19800),
        orderPaid(kS + 80 * kSec, 2, "o2", "SKU1", 1, 9900),
        orderPaid(kS + 90 * kSec, 3, "o3", "SKU2", 1, 4500),
    };
    db.transaction([&] { EventStore(db).insert(id, events, kS + 100 * kSec); });
    sessions.end(id, kS + 3 * kMin);

    const ReviewModel model = prepareReview(buildSessionReport(db, id));
    ASSERT_FALSE(model.overview.kpis.empty());
    EXPECT_EQ(model.overview.kpis[0].value, "¥342.00");
    EXPECT_EQ(model.overview.kpis[0].target, "target ¥500.00  behind");
    ASSERT_EQ(model.products.size(), 2u);
    EXPECT_EQ(model.products[0].title, "SKU1");
    EXPECT_EQ(model.products[0].gmv, "¥297.00");
    EXPECT_EQ(model.products[0].units.text, "3");
    EXPECT_EQ(model.products[0].units.tone, ReviewTone::Good); // 3 of 3
    EXPECT_EQ(model.products[0].clicks, "2");
    EXPECT_EQ(model.products[1].gmv, "¥45.00");
    // Three minutes: a 0 at the start, then each minute's GMV at its end.
    EXPECT_EQ(model.overview.gmv.values, (std::vector<float>{0, 0, 34200, 0}));
    EXPECT_EQ(model.overview.gmvTotal.values.back(), 34200.0f);
    ASSERT_GE(model.overview.funnel.size(), 2u);
    EXPECT_EQ(model.overview.funnel.front().value, 3); // three viewers
    EXPECT_EQ(model.overview.funnel.back().label, "Paid");
    EXPECT_EQ(model.overview.funnel.back().value, 3); // three buyers
}
