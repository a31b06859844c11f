// Paid engagement (a YouTube Super Chat or Super Sticker): the event contract, its round trip through
// SQLite, what the metrics, the live feed and the report make of it, and how its amount is written.
// It is counted by currency and never becomes GMV.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/session_metrics.hpp"
#include "hawker/studio/base/money.hpp"
#include "hawker/studio/base/viewer_hasher.hpp"
#include "hawker/studio/report/report_html.hpp"
#include "hawker/studio/report/review_model.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/store/database.hpp"
#include "hawker/studio/store/event_store.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "hawker/studio/store/viewer_event.hpp"

#include "session_metrics_fixtures.hpp"
#include "temp_db.hpp"

using namespace hawker::studio;
using namespace hawker::studio::metrics_fixtures;
using nlohmann::json;

namespace {

const ViewerHasher& hasher() {
    static const ViewerHasher h(std::string(32, 'p'));
    return h;
}

ViewerEvent paid(int64_t ts, int64_t viewer, const std::string& currency, int64_t micros,
                 const std::string& text = "加油") {
    ViewerEvent e = event(EventType::PaidEngagement, ts, viewer);
    e.currency = currency;
    e.amountMicros = micros;
    e.text = text;
    e.maskedName = "王***";
    return e;
}

std::string refusal(json event) {
    std::string reason;
    EXPECT_FALSE(parseEvent(event, hasher(), reason)) << event.dump();
    return reason;
}

} // namespace

TEST(PaidEngagementEvent, TheContractKeepsAmountCurrencyTextAndAMaskedName) {
    const json good = {{"id", "yt-1"},
                       {"type", "paid_engagement"},
                       {"ts", 1796472003000},
                       {"platform", "youtube"},
                       {"viewer", "youtube:UC2"},
                       {"amount_micros", 5000000},
                       {"currency", "USD"},
                       {"text", "加油"},
                       {"name", "王小明"}};
    std::string reason;
    const auto e = parseEvent(good, hasher(), reason);
    ASSERT_TRUE(e) << reason;
    EXPECT_EQ(e->type, EventType::PaidEngagement);
    EXPECT_EQ(e->amountMicros, 5000000);
    EXPECT_EQ(e->currency, "USD");
    EXPECT_EQ(e->text, "加油");
    EXPECT_EQ(e->amountCents, 0); // not the shop's money
    EXPECT_EQ(e->maskedName.find("小明"), std::string::npos);
    EXPECT_EQ(e->viewer, hasher().key("youtube:UC2"));

    json sticker = good;
    sticker.erase("text"); // a Super Sticker has no words
    EXPECT_TRUE(parseEvent(sticker, hasher(), reason)) << reason;

    json lower = good, noCurrency = good, zero = good, noAmount = good, longCurrency = good;
    lower["currency"] = "usd";
    noCurrency.erase("currency");
    zero["amount_micros"] = 0;
    noAmount.erase("amount_micros");
    longCurrency["currency"] = "DOLLARS";
    EXPECT_EQ(refusal(lower), "currency must be an ISO 4217 code of three capital letters, like USD");
    EXPECT_EQ(refusal(noCurrency), "currency is missing");
    EXPECT_NE(refusal(zero).find("amount_micros is out of range"), std::string::npos);
    EXPECT_EQ(refusal(noAmount), "amount_micros is missing");
    EXPECT_NE(refusal(longCurrency).find("currency"), std::string::npos);

    // The typed path (a connector's fields) answers the same.
    EventFields fields;
    fields.id = "yt-1";
    fields.type = "paid_engagement";
    fields.ts = 1796472003000;
    fields.viewer = "youtube:UC2";
    fields.amountMicros = 5000000;
    fields.currency = "usd";
    std::string typedReason;
    EXPECT_FALSE(eventFromFields(fields, hasher(), typedReason));
    EXPECT_EQ(typedReason, refusal(lower));
    fields.currency = "USD";
    const auto typed = eventFromFields(fields, hasher(), typedReason);
    ASSERT_TRUE(typed) << typedReason;
    EXPECT_EQ(typed->amountMicros, 5000000);
}

TEST(PaidEngagementEvent, SurvivesTheStoreAndShowsInTheBiView) {
    TempDb temp("paid");
    Database db(temp.path);
    SessionStore sessions(db);
    const int64_t id = sessions.create("show", "", kS, false).id;
    EventStore store(db);
    db.transaction([&] { store.insert(id, {paid(kS + 1000, 7, "JPY", 500'000'000, "")}, kS + 2000); });

    std::vector<ViewerEvent> read;
    store.forEachBatch(id, kS, kS + kMin, 16, [&](std::vector<ViewerEvent>& batch) {
        read.insert(read.end(), batch.begin(), batch.end());
    });
    ASSERT_EQ(read.size(), 1u);
    EXPECT_EQ(read[0].type, EventType::PaidEngagement);
    EXPECT_EQ(read[0].currency, "JPY");
    EXPECT_EQ(read[0].amountMicros, 500'000'000);
    EXPECT_EQ(read[0].maskedName, "王***");

    Statement row = db.prepare("SELECT type, currency, amount_micros, amount_cents FROM v_events");
    ASSERT_TRUE(row.step());
    EXPECT_EQ(row.text(0), "paid_engagement");
    EXPECT_EQ(row.text(1), "JPY");
    EXPECT_EQ(row.integer(2), 500'000'000);
    EXPECT_TRUE(row.isNull(3));

    // One table of event types: the database names every type as the code does.
    Statement types = db.prepare("SELECT code, name FROM event_types ORDER BY code");
    int count = 0;
    while (types.step()) {
        ASSERT_LT(types.integer(0), kEventTypeCount);
        EXPECT_EQ(types.text(1), toString(static_cast<EventType>(types.integer(0))));
        ++count;
    }
    EXPECT_EQ(count, kEventTypeCount);
}

TEST(PaidEngagementMetrics, CountedByCurrencyAsEngagementNeverAsSales) {
    const int64_t end = kS + 10 * kMin;
    SessionMetrics m(kS, end);
    m.add(viewStart(kS + 1 * kSec, 1));
    m.add(viewStart(kS + 2 * kSec, 2));
    m.add(paid(kS + 10 * kSec, 1, "USD", 5'000'000));
    m.add(paid(kS + 11 * kSec, 2, "USD", 2'000'000, ""));
    m.add(paid(kS + 12 * kSec, 1, "JPY", 500'000'000));
    m.add(comment(kS + 13 * kSec, 1));
    m.add(paid(end + 1, 2, "USD", 9'000'000)); // after the window: not counted

    const MetricsSummary s = m.summary(end);
    EXPECT_EQ(s.paidEngagements, 3);
    EXPECT_EQ(s.comments, 1);  // a Super Chat is not also a comment
    EXPECT_EQ(s.engagedUv, 2); // v2 engaged only by paying
    EXPECT_EQ(s.gmvCents, 0);
    EXPECT_EQ(s.paidOrders, 0);
    const std::vector<PaidEngagementTotal> totals = m.paidEngagement();
    ASSERT_EQ(totals.size(), 2u);
    EXPECT_EQ(totals[0].currency, "JPY");
    EXPECT_EQ(totals[0].count, 1);
    EXPECT_EQ(totals[0].amountMicros, 500'000'000);
    EXPECT_EQ(totals[1].currency, "USD");
    EXPECT_EQ(totals[1].count, 2);
    EXPECT_EQ(totals[1].amountMicros, 7'000'000);
    EXPECT_FALSE(summaryJson(s).contains("paid_engagements")); // the summary keeps DESIGN.md's keys

    // The feed keeps paid messages with their amounts, a sticker without words included.
    const auto feed = m.recentComments();
    ASSERT_EQ(feed.size(), 4u);
    EXPECT_EQ(feed[0].amountMicros, 5'000'000);
    EXPECT_EQ(feed[1].text, "");
    EXPECT_EQ(feed[3].amountMicros, 0); // the plain comment
    const json entry = feedCommentJson(feed[0], kS);
    EXPECT_EQ(entry["paid"]["currency"], "USD");
    EXPECT_EQ(entry["paid"]["amount_micros"], 5'000'000);
    EXPECT_FALSE(feedCommentJson(feed[3], kS).contains("paid"));
    EXPECT_TRUE(m.removeComment(feed[0].id)); // the platform deleted it: it leaves the feed, still counted
    EXPECT_EQ(m.recentComments().size(), 3u);
    EXPECT_EQ(m.summary(end).paidEngagements, 3);
}

TEST(PaidEngagementReport, TheReportListsEachCurrencyAndTheFeedShowsTheAmount) {
    TempDb temp("paid-report");
    Database db(temp.path);
    SessionStore sessions(db);
    const int64_t id = sessions.create("show", "", kS, false).id;
    db.transaction([&] {
        EventStore(db).insert(id,
                              {viewStart(kS + 1 * kSec, 1), paid(kS + 10 * kSec, 1, "USD", 5'000'000),
                               paid(kS + 20 * kSec, 1, "KWD", 1'250'000)},
                              kS + kMin);
    });
    sessions.end(id, kS + 3 * kMin);
    const json report = buildSessionReport(db, id);
    EXPECT_EQ(report["summary"]["engaged_uv"], 1);
    EXPECT_EQ(report["summary"]["gmv_cents"], 0);
    ASSERT_EQ(report["paid_engagement"].size(), 2u);
    EXPECT_EQ(report["paid_engagement"][0]["currency"], "KWD");
    EXPECT_EQ(report["paid_engagement"][1]["amount_micros"], 5'000'000);
    ASSERT_EQ(report["top_comments"].size(), 2u);
    EXPECT_EQ(report["top_comments"][0]["paid"]["currency"], "USD");

    const std::string html = renderReportHtml(report);
    EXPECT_NE(html.find("id=\"paid-engagement\""), std::string::npos);
    EXPECT_NE(html.find(">USD 5.00<"), std::string::npos);
    EXPECT_NE(html.find(">KWD 1.250<"), std::string::npos);
    EXPECT_NE(html.find("<li class=\"paid\">"), std::string::npos);
    EXPECT_EQ(prepareReview(report).overview.paidEngagement, "KWD 1.250 (1) · USD 5.00 (1)");
}

TEST(CurrencyMicros, EachCurrencyWithItsOwnDecimals) {
    using figures::formatCurrencyMicros;
    EXPECT_EQ(formatCurrencyMicros("USD", 5'000'000), "USD 5.00");
    EXPECT_EQ(formatCurrencyMicros("USD", 1'234'567'890'000), "USD 1,234,567.89");
    EXPECT_EQ(formatCurrencyMicros("USD", 4'995'000), "USD 5.00"); // half a cent rounds away from zero
    EXPECT_EQ(formatCurrencyMicros("JPY", 500'000'000), "JPY 500");
    EXPECT_EQ(formatCurrencyMicros("KWD", 1'250'000), "KWD 1.250");
    EXPECT_EQ(formatCurrencyMicros("EUR", -10'000), "EUR -0.01");
    EXPECT_EQ(formatCurrencyMicros("TWD", 75'000'000), "TWD 75.00");
}
