// Hand-computed checks of SessionMetrics and OnAirSchedule against docs/DESIGN.md "Metric definitions".
// Every expected number is worked out in the comment next to its assertion; the randomized test at the
// end compares the engine with a separate brute-force implementation of the same definitions.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/on_air_schedule.hpp"
#include "hawker/studio/analytics/session_metrics.hpp"
#include "hawker/studio/analytics/viewer_event.hpp"

using namespace hawker::studio;

namespace {

constexpr int64_t kS = 1'700'000'000'000; // session start used by every fixture
constexpr int64_t kSec = 1000;
constexpr int64_t kMin = 60 * kSec;

int g_nextId = 0;

ViewerEvent event(EventType type, int64_t ts, int64_t viewer = 0) {
    ViewerEvent e;
    e.id = "e" + std::to_string(++g_nextId);
    e.type = type;
    e.ts = ts;
    e.platform = "douyin";
    e.viewer = viewer;
    return e;
}
ViewerEvent viewStart(int64_t ts, int64_t viewer) {
    return event(EventType::ViewStart, ts, viewer);
}
ViewerEvent viewEnd(int64_t ts, int64_t viewer) {
    return event(EventType::ViewEnd, ts, viewer);
}
ViewerEvent comment(int64_t ts, int64_t viewer) {
    ViewerEvent e = event(EventType::Comment, ts, viewer);
    e.text = "hi";
    e.maskedName = "v***";
    return e;
}
ViewerEvent like(int64_t ts, int64_t viewer, int64_t count) {
    ViewerEvent e = event(EventType::Like, ts, viewer);
    e.quantity = count;
    return e;
}
ViewerEvent share(int64_t ts, int64_t viewer) {
    return event(EventType::Share, ts, viewer);
}
ViewerEvent follow(int64_t ts, int64_t viewer) {
    return event(EventType::Follow, ts, viewer);
}
ViewerEvent click(int64_t ts, int64_t viewer, const std::string& sku) {
    ViewerEvent e = event(EventType::ProductClick, ts, viewer);
    e.sku = sku;
    return e;
}
ViewerEvent addToCart(int64_t ts, int64_t viewer, const std::string& sku, int64_t qty = 1) {
    ViewerEvent e = event(EventType::AddToCart, ts, viewer);
    e.sku = sku;
    e.quantity = qty;
    return e;
}
ViewerEvent order(EventType type, int64_t ts, int64_t viewer, const std::string& orderId,
                  const std::string& sku, int64_t qty, int64_t amountCents) {
    ViewerEvent e = event(type, ts, viewer);
    e.orderId = orderId;
    e.sku = sku;
    e.quantity = qty;
    e.amountCents = amountCents;
    return e;
}
ViewerEvent orderCreated(int64_t ts, int64_t viewer, const std::string& orderId, const std::string& sku,
                         int64_t qty, int64_t amountCents) {
    return order(EventType::OrderCreated, ts, viewer, orderId, sku, qty, amountCents);
}
ViewerEvent orderPaid(int64_t ts, int64_t viewer, const std::string& orderId, const std::string& sku,
                      int64_t qty, int64_t amountCents) {
    return order(EventType::OrderPaid, ts, viewer, orderId, sku, qty, amountCents);
}
ViewerEvent refund(int64_t ts, const std::string& orderId, int64_t amountCents) {
    ViewerEvent e = event(EventType::Refund, ts);
    e.orderId = orderId;
    e.amountCents = amountCents;
    return e;
}
ViewerEvent couponIssued(int64_t ts, int64_t viewer) {
    ViewerEvent e = event(EventType::CouponIssued, ts, viewer);
    e.coupon = "C10";
    return e;
}
ViewerEvent couponRedeemed(int64_t ts, int64_t viewer) {
    ViewerEvent e = event(EventType::CouponRedeemed, ts, viewer);
    e.coupon = "C10";
    return e;
}

/// Feeds events that the fixture already lists in processing order, and checks that it really is that
/// order (ts ascending; at equal ts view_end first), as the store would deliver it.
void feed(SessionMetrics& metrics, const std::vector<ViewerEvent>& events) {
    for (size_t i = 1; i < events.size(); ++i) {
        const ViewerEvent& a = events[i - 1];
        const ViewerEvent& b = events[i];
        ASSERT_TRUE(a.ts < b.ts || (a.ts == b.ts && processingOrder(a.type) <= processingOrder(b.type)))
            << "fixture not in processing order at index " << i;
    }
    for (const ViewerEvent& e : events)
        metrics.add(e);
}

void expectRatio(const std::optional<double>& actual, double expected, const char* what) {
    ASSERT_TRUE(actual.has_value()) << what << " is null, expected " << expected;
    EXPECT_DOUBLE_EQ(*actual, expected) << what;
}
void expectNull(const std::optional<double>& actual, const char* what) {
    EXPECT_FALSE(actual.has_value()) << what << " should be null, is " << actual.value_or(-1);
}

WindowCounts segmentCounts(const SessionMetrics& metrics, size_t index) {
    return index < metrics.segments().size() ? metrics.segments()[index] : WindowCounts{};
}
ProductCounts productCounts(const SessionMetrics& metrics, const std::string& sku) {
    auto found = metrics.products().find(sku);
    return found == metrics.products().end() ? ProductCounts{} : found->second;
}

// ---------------------------------------------------------------------------------------------------------
// Views and presence
// ---------------------------------------------------------------------------------------------------------

TEST(SessionMetricsPresence, ReEntryLeaveWithoutEnterAndOpenPresence) {
    const int64_t end = kS + 600 * kSec; // 600 s session
    SessionMetrics m(kS, end);
    feed(m, {
                viewStart(kS, 1),              // at exactly start: counted; v1 present from 0 s
                viewStart(kS + 10 * kSec, 2),  // v2 present from 10 s
                viewStart(kS + 20 * kSec, 1),  // re-entry while present: pv only
                viewEnd(kS + 30 * kSec, 3),    // v3 never entered: ignored
                viewEnd(kS + 60 * kSec, 1),    // v1: [0, 60] = 60 s
                viewEnd(kS + 70 * kSec, 1),    // second leave, v1 not present: ignored
                viewStart(kS + 100 * kSec, 3), // v3 from 100 s
                viewEnd(kS + 200 * kSec, 2),   // v2: [10, 200] = 190 s
                // v3 still present at end: [100, 600] = 500 s
            });
    const MetricsSummary s = m.summary(end);
    EXPECT_EQ(s.pv, 4);                    // view_starts: v1, v2, v1, v3
    EXPECT_EQ(s.uv, 3);                    // v1, v2, v3
    EXPECT_DOUBLE_EQ(s.watchSeconds, 750); // 60 + 190 + 500
    EXPECT_EQ(s.pcu, 2);                   // 0 s:1, 10 s:2, 20 s:2 (re-entry), 60 s:1, 100 s:2, 200 s:1
    expectRatio(s.acu, 1.25, "acu");       // 750 ÷ 600
    expectRatio(s.avgWatchSeconds, 250, "avg_watch_s"); // 750 ÷ 3

    const nlohmann::json j = summaryJson(s);
    EXPECT_EQ(j["pv"], 4);
    EXPECT_EQ(j["uv"], 3);
    EXPECT_DOUBLE_EQ(j["watch_seconds"].get<double>(), 750);
    EXPECT_EQ(j["pcu"], 2);
    EXPECT_DOUBLE_EQ(j["acu"].get<double>(), 1.25);
    EXPECT_DOUBLE_EQ(j["avg_watch_s"].get<double>(), 250);
}

TEST(SessionMetricsPresence, PcuCountsThreeAtOnce) {
    const int64_t end = kS + 100 * kSec;
    SessionMetrics m(kS, end);
    feed(m, {
                viewStart(kS + 1 * kSec, 1), // 1 present
                viewStart(kS + 2 * kSec, 2), // 2
                viewStart(kS + 3 * kSec, 3), // 3  <- peak
                viewEnd(kS + 4 * kSec, 1),   // 2
                viewStart(kS + 5 * kSec, 4), // 3 again, never 4
                viewEnd(kS + 6 * kSec, 2),   // 2
            });
    const MetricsSummary s = m.summary(end);
    EXPECT_EQ(s.pcu, 3);
    // v1 [1,4]=3, v2 [2,6]=4, v3 [3,100]=97, v4 [5,100]=95 → 199 s
    EXPECT_DOUBLE_EQ(s.watchSeconds, 199);
    expectRatio(s.acu, 1.99, "acu"); // 199 ÷ 100
}

TEST(SessionMetricsPresence, EqualTsViewEndBeforeViewStart) {
    const int64_t end = kS + 100 * kSec;
    SessionMetrics m(kS, end);
    // At 50 s, v1 leaves and comes back in the same ms, and v2 leaves as v3 arrives. The store delivers both
    // view_ends first, then both view_starts.
    feed(m,
         {
             viewStart(kS, 1), viewStart(kS + 10 * kSec, 2), viewEnd(kS + 50 * kSec, 1), // v1 [0, 50] = 50 s
             viewEnd(kS + 50 * kSec, 2),                                                 // v2 [10, 50] = 40 s
             viewStart(kS + 50 * kSec, 1), // v1 [50, 100] = 50 s (open at end)
             viewStart(kS + 50 * kSec, 3), // v3 [50, 100] = 50 s (open at end)
         });
    const MetricsSummary s = m.summary(end);
    EXPECT_EQ(s.pv, 4); // v1, v2, v1, v3
    EXPECT_EQ(s.uv, 3);
    // At 50 s: 2 present → 0 after both ends → 2 after both starts. Had the starts gone first, v1's start
    // would have been a no-op re-entry (v1 then absent) and v3 would have made 3 present.
    EXPECT_EQ(s.pcu, 2);
    EXPECT_DOUBLE_EQ(s.watchSeconds, 190); // 50 + 40 + 50 + 50
    expectRatio(s.acu, 1.9, "acu");        // 190 ÷ 100
    EXPECT_EQ(s.present, 2);               // v1 and v3 still open
}

TEST(SessionMetricsPresence, WatchSecondsClippedAtEnd) {
    const int64_t end = kS + 60 * kSec;
    SessionMetrics m(kS, end);
    feed(m, {
                viewStart(kS + 30 * kSec, 2), // v2 from 30 s
                viewEnd(end + 30 * kSec, 2),  // after the window: presence [30, 90] clipped to [30, 60]
            });
    const MetricsSummary s = m.summary(end + 30 * kSec);
    EXPECT_EQ(s.pv, 1);
    EXPECT_DOUBLE_EQ(s.watchSeconds, 30); // 60 - 30
    expectRatio(s.acu, 0.5, "acu");       // 30 ÷ 60 (session seconds, not asOf)
}

// docs/DESIGN.md: "watch_seconds — sum of all presence intervals, clipped to the window". A presence that
// began before start and ends inside the window contributes its part inside the window. (Its view_start is
// outside the window, so it is not a pv and the viewer is not a uv.)
TEST(SessionMetricsPresence, ViewStartBeforeTheWindowDoesNotCount) {
    // docs/DESIGN.md's scope: "Only events with ts inside the window count". A
    // view_start before start is not counted, so its view_end inside the
    // window is a leave without enter (ignored); "clipped to the window"
    // is the presence still open at end, closed there.
    const int64_t end = kS + 60 * kSec;
    SessionMetrics m(kS, end);
    feed(m, {
                viewStart(kS - 10 * kSec, 1), // v1 before the window: not counted
                viewEnd(kS + 20 * kSec, 1),   // leave without (a counted) enter: ignored
                viewStart(kS + 30 * kSec, 2), // v2 [30, 60] = 30 s (open at end)
            });
    const MetricsSummary s = m.summary(end);
    EXPECT_EQ(s.pv, 1); // only v2's view_start is in the window
    EXPECT_EQ(s.uv, 1);
    EXPECT_DOUBLE_EQ(s.watchSeconds, 30);
}

TEST(SessionMetricsPresence, LiveSummaryCountsOpenPresenceUpToAsOf) {
    SessionMetrics m(kS, std::nullopt);
    feed(m,
         {
             viewStart(kS, 1), viewStart(kS + 10 * kSec, 2), viewEnd(kS + 30 * kSec, 1), // v1 [0, 30] = 30 s
         });
    MetricsSummary s = m.summary(kS + 40 * kSec);
    EXPECT_DOUBLE_EQ(s.watchSeconds, 60);            // 30 + v2 [10, 40] = 30
    expectRatio(s.acu, 1.5, "acu");                  // 60 ÷ 40
    expectRatio(s.avgWatchSeconds, 30, "avg_watch"); // 60 ÷ 2
    EXPECT_EQ(s.present, 1);                         // v2
    EXPECT_EQ(s.pcu, 2);

    s = m.summary(kS + 100 * kSec);
    EXPECT_DOUBLE_EQ(s.watchSeconds, 120); // 30 + v2 [10, 100] = 90
    expectRatio(s.acu, 1.2, "acu");        // 120 ÷ 100

    feed(m, {viewStart(kS + 50 * kSec, 3)});
    s = m.summary(kS + 60 * kSec);
    EXPECT_DOUBLE_EQ(s.watchSeconds, 90); // 30 + v2 [10, 60] = 50 + v3 [50, 60] = 10
    expectRatio(s.acu, 1.5, "acu");       // 90 ÷ 60
    EXPECT_EQ(s.present, 2);
    EXPECT_EQ(s.pv, 3);
    EXPECT_EQ(s.uv, 3);
}

// ---------------------------------------------------------------------------------------------------------
// Scope: the window [start, end], both ends included
// ---------------------------------------------------------------------------------------------------------

TEST(SessionMetricsScope, EventsOutsideTheWindowAreNotCounted) {
    const int64_t end = kS + 120 * kSec;
    SessionMetrics m(kS, end);
    feed(m, {
                // 1 ms before start: none of these count
                comment(kS - 1, 9),
                like(kS - 1, 9, 3),
                orderPaid(kS - 1, 9, "o0", "A", 1, 5000),
                couponIssued(kS - 1, 9),
                // exactly at start: counted
                viewStart(kS, 1),
                comment(kS, 1),
                // exactly at end: counted
                comment(end, 2),
                orderPaid(end, 2, "o1", "A", 2, 3000),
                viewStart(end, 2),
                // 1 ms after end: none of these count
                comment(end + 1, 3),
                viewStart(end + 1, 3),
                orderPaid(end + 1, 3, "o2", "A", 1, 4000),
                refund(end + 1, "o1", 1000),
                couponRedeemed(end + 1, 3),
            });
    const MetricsSummary s = m.summary(end);
    EXPECT_EQ(s.pv, 2); // v1 at start, v2 at end
    EXPECT_EQ(s.uv, 2);
    EXPECT_EQ(s.comments, 2);   // v1 at start, v2 at end
    EXPECT_EQ(s.likes, 0);      // the only like is before start
    EXPECT_EQ(s.engagedUv, 2);  // v1, v2 (v9 and v3 are outside)
    EXPECT_EQ(s.paidOrders, 1); // o1 at end
    EXPECT_EQ(s.units, 2);
    EXPECT_EQ(s.gmvCents, 3000);
    EXPECT_EQ(s.refundsCents, 0); // the refund is after end
    EXPECT_EQ(s.couponsIssued, 0);
    EXPECT_EQ(s.couponsRedeemed, 0);
    EXPECT_DOUBLE_EQ(s.watchSeconds, 120); // v1 [0, 120] + v2 [120, 120] = 0
    EXPECT_EQ(s.pcu, 2);                   // at end v2 arrives while v1 is still present
    EXPECT_EQ(m.eventsCounted(), 5u);      // 2 at start + 3 at end
}

// ---------------------------------------------------------------------------------------------------------
// Orders and money
// ---------------------------------------------------------------------------------------------------------

TEST(SessionMetricsOrders, DuplicateOrderPaidCountsTheEarliestOnce) {
    const int64_t end = kS + 180 * kSec;
    SessionMetrics m(kS, end);
    ViewerEvent first = orderPaid(kS + 10 * kSec, 1, "o1", "A", 2, 5000);
    first.id = "pay-1";
    ViewerEvent retry = orderPaid(kS + 70 * kSec, 2, "o1", "B", 5, 9999); // webhook retry, other id
    retry.id = "pay-1-retry";
    feed(m, {
                first,
                orderPaid(kS + 30 * kSec, 1, "o2", "A", 1, 2000),
                retry,
            });
    const MetricsSummary s = m.summary(end);
    EXPECT_EQ(s.paidOrders, 2);                             // o1, o2
    EXPECT_EQ(s.buyers, 1);                                 // v1 only: the retry's viewer v2 is not a buyer
    EXPECT_EQ(s.units, 3);                                  // 2 + 1 (not + 5)
    EXPECT_EQ(s.gmvCents, 7000);                            // 5000 + 2000 (not + 9999)
    expectRatio(s.aovCents, 3500, "aov");                   // 7000 ÷ 2
    expectRatio(s.revenuePerBuyerCents, 7000, "rev/buyer"); // 7000 ÷ 1

    const ProductCounts a = productCounts(m, "A");
    EXPECT_EQ(a.paidOrders, 2);
    EXPECT_EQ(a.units, 3);
    EXPECT_EQ(a.gmvCents, 7000);
    EXPECT_EQ(productCounts(m, "B").paidOrders, 0); // the retry's sku gets nothing
    EXPECT_EQ(productCounts(m, "B").gmvCents, 0);

    const std::vector<MinuteCounts> minutes = m.perMinute(end);
    ASSERT_EQ(minutes.size(), 3u);   // 180 s → 3 minutes
    EXPECT_EQ(minutes[0].orders, 2); // o1 at 10 s (the earliest's ts), o2 at 30 s
    EXPECT_EQ(minutes[0].gmvCents, 7000);
    EXPECT_EQ(minutes[1].orders, 0); // the retry at 70 s is not counted again
    EXPECT_EQ(minutes[1].gmvCents, 0);
}

TEST(SessionMetricsOrders, RefundsCappedUnpaidEarlyAndOutside) {
    const int64_t end = kS + 600 * kSec;
    SessionMetrics m(kS, end);
    feed(m, {
                orderPaid(kS - 100 * kSec, 5, "o5", "A", 1, 9000), // paid before the window
                orderPaid(kS + 10 * kSec, 1, "o1", "A", 1, 1000),
                refund(kS + 20 * kSec, "o1", 1500), // capped: 1000
                orderPaid(kS + 30 * kSec, 2, "o2", "A", 1, 2000), refund(kS + 40 * kSec, "o2", 500), // 500
                refund(kS + 50 * kSec, "o2", 500), // 500 (same order: one refunded order)
                refund(kS + 60 * kSec, "o3", 700), // before its order_paid: counts once o3 is paid
                orderPaid(kS + 70 * kSec, 3, "o3", "A", 1, 3000), // → 700
                refund(kS + 80 * kSec, "o4", 800),                // o4 is never paid: 0
                refund(kS + 90 * kSec, "o5", 400),                // o5 is not a paid order of the window: 0
                orderPaid(kS + 100 * kSec, 1, "o6", "A", 1, 4000),
                orderPaid(kS + 110 * kSec, 2, "o7", "A", 1, 1000), refund(kS + 120 * kSec, "o7", 600), // 600
                refund(kS + 130 * kSec, "o7", 600),               // capped: 1000 - 600 = 400
                refund(kS + 140 * kSec, "o8", 5000),              // before its order_paid, larger than it
                orderPaid(kS + 150 * kSec, 3, "o8", "A", 1, 500), // → capped: 500
                refund(end + 1, "o6", 1000),                      // after end: 0
            });
    const MetricsSummary s = m.summary(end);
    EXPECT_EQ(s.paidOrders, 6);                          // o1, o2, o3, o6, o7, o8
    EXPECT_EQ(s.buyers, 3);                              // v1, v2, v3
    EXPECT_EQ(s.gmvCents, 11500);                        // 1000 + 2000 + 3000 + 4000 + 1000 + 500
    EXPECT_EQ(s.refundsCents, 4200);                     // o1 1000 + o2 1000 + o3 700 + o7 1000 + o8 500
    EXPECT_EQ(s.netSalesCents, 7300);                    // 11500 - 4200
    expectRatio(s.refundRate, 5.0 / 6.0, "refund_rate"); // refunded o1, o2, o3, o7, o8 = 5 ÷ 6

    const nlohmann::json j = summaryJson(s);
    EXPECT_EQ(j["refunds_cents"], 4200);
    EXPECT_EQ(j["net_sales_cents"], 7300);
    EXPECT_DOUBLE_EQ(j["refund_rate"].get<double>(), 5.0 / 6.0);
}

// ---------------------------------------------------------------------------------------------------------
// Funnel, engagement, value, coupons
// ---------------------------------------------------------------------------------------------------------

TEST(SessionMetricsFunnel, FunnelEngagementValueAndCoupons) {
    const int64_t end = kS + 600 * kSec;
    SessionMetrics m(kS, end);
    feed(m, {
                viewStart(kS + 1 * kSec, 1),
                viewStart(kS + 2 * kSec, 2),
                viewStart(kS + 3 * kSec, 3),
                viewStart(kS + 4 * kSec, 4),
                viewStart(kS + 5 * kSec, 5),
                viewStart(kS + 6 * kSec, 1), // re-entry: pv 6, uv stays 5
                comment(kS + 10 * kSec, 1),
                comment(kS + 11 * kSec, 1),
                comment(kS + 12 * kSec, 3),
                like(kS + 13 * kSec, 2, 5),
                like(kS + 14 * kSec, 2, 1),
                share(kS + 15 * kSec, 5),
                follow(kS + 16 * kSec, 3),
                follow(kS + 17 * kSec, 3), // same viewer again
                follow(kS + 18 * kSec, 5),
                click(kS + 20 * kSec, 1, "A"),
                click(kS + 21 * kSec, 1, "A"),
                click(kS + 22 * kSec, 2, "B"),
                click(kS + 23 * kSec, 3, "A"),
                addToCart(kS + 30 * kSec, 1, "A"),
                addToCart(kS + 31 * kSec, 2, "B", 2),
                addToCart(kS + 32 * kSec, 4, "A"), // v4 carts without a click
                orderCreated(kS + 40 * kSec, 1, "o1", "A", 1, 3000),
                orderCreated(kS + 41 * kSec, 1, "o2", "A", 2, 6000),
                orderCreated(kS + 42 * kSec, 2, "o3", "B", 1, 1500),
                orderPaid(kS + 50 * kSec, 1, "o1", "A", 1, 3000),
                orderPaid(kS + 51 * kSec, 1, "o2", "A", 2, 6000),
                orderPaid(kS + 52 * kSec, 2, "o3", "B", 1, 1500),
                couponIssued(kS + 60 * kSec, 1),
                couponIssued(kS + 61 * kSec, 2),
                couponIssued(kS + 62 * kSec, 3),
                couponIssued(kS + 63 * kSec, 4),
                couponRedeemed(kS + 64 * kSec, 1),
            });
    const MetricsSummary s = m.summary(end);
    EXPECT_EQ(s.pv, 6);
    EXPECT_EQ(s.uv, 5);
    // engagement
    EXPECT_EQ(s.engagedUv, 4); // v1 (comment), v2 (like), v3 (comment, follow), v5 (share, follow)
    expectRatio(s.engagementRate, 0.8, "engagement_rate"); // 4 ÷ 5
    EXPECT_EQ(s.comments, 3);                              // v1, v1, v3
    EXPECT_EQ(s.likes, 6);                                 // 5 + 1 (sum of count)
    EXPECT_EQ(s.shares, 1);
    EXPECT_EQ(s.newFollowers, 2); // v3, v5
    // funnel
    EXPECT_EQ(s.productClickUv, 3); // v1, v2, v3
    EXPECT_EQ(s.addToCartUv, 3);    // v1, v2, v4
    EXPECT_EQ(s.orderCreatedUv, 2); // v1, v2
    EXPECT_EQ(s.buyers, 2);         // v1, v2
    EXPECT_EQ(s.paidOrders, 3);
    EXPECT_EQ(s.units, 4);                                      // 1 + 2 + 1
    EXPECT_EQ(s.gmvCents, 10500);                               // 3000 + 6000 + 1500
    expectRatio(s.productClickRate, 0.6, "product_click_rate"); // 3 ÷ 5
    expectRatio(s.conversionRate, 0.4, "conversion_rate");      // 2 ÷ 5
    expectRatio(s.clickToPayRate, 2.0 / 3.0, "click_to_pay");   // 2 ÷ 3
    // value
    expectRatio(s.uvValueCents, 2100, "uv_value");          // 10500 ÷ 5
    expectRatio(s.gpmCents, 1'750'000, "gpm");              // 10500 × 1000 ÷ 6
    expectRatio(s.revenuePerBuyerCents, 5250, "rev/buyer"); // 10500 ÷ 2
    expectRatio(s.aovCents, 3500, "aov");                   // 10500 ÷ 3
    // coupons
    EXPECT_EQ(s.couponsIssued, 4);
    EXPECT_EQ(s.couponsRedeemed, 1);
    expectRatio(s.couponUsageRate, 0.25, "coupon_usage_rate"); // 1 ÷ 4
    // products
    const ProductCounts a = productCounts(m, "A");
    EXPECT_EQ(a.clicks, 3);               // v1, v1, v3
    EXPECT_EQ(a.clickViewers.size(), 2u); // click_uv: v1, v3
    EXPECT_EQ(a.paidOrders, 2);
    EXPECT_EQ(a.units, 3);
    EXPECT_EQ(a.gmvCents, 9000);
    const ProductCounts b = productCounts(m, "B");
    EXPECT_EQ(b.clicks, 1);
    EXPECT_EQ(b.clickViewers.size(), 1u);
    EXPECT_EQ(b.gmvCents, 1500);

    const nlohmann::json j = summaryJson(s);
    EXPECT_EQ(j["engaged_uv"], 4);
    EXPECT_DOUBLE_EQ(j["engagement_rate"].get<double>(), 0.8);
    EXPECT_EQ(j["comments"], 3);
    EXPECT_EQ(j["shares"], 1);
    EXPECT_EQ(j["likes"], 6);
    EXPECT_EQ(j["new_followers"], 2);
    EXPECT_EQ(j["paid_orders"], 3);
    EXPECT_EQ(j["buyers"], 2);
    EXPECT_EQ(j["units"], 4);
    EXPECT_EQ(j["gmv_cents"], 10500);
    EXPECT_EQ(j["product_click_uv"], 3);
    EXPECT_EQ(j["add_to_cart_uv"], 3);
    EXPECT_EQ(j["order_created_uv"], 2);
    EXPECT_DOUBLE_EQ(j["product_click_rate"].get<double>(), 0.6);
    EXPECT_DOUBLE_EQ(j["conversion_rate"].get<double>(), 0.4);
    EXPECT_DOUBLE_EQ(j["click_to_pay_rate"].get<double>(), 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(j["uv_value_cents"].get<double>(), 2100);
    EXPECT_DOUBLE_EQ(j["gpm_cents"].get<double>(), 1'750'000);
    EXPECT_DOUBLE_EQ(j["revenue_per_buyer_cents"].get<double>(), 5250);
    EXPECT_DOUBLE_EQ(j["aov_cents"].get<double>(), 3500);
    EXPECT_EQ(j["coupons_issued"], 4);
    EXPECT_EQ(j["coupons_redeemed"], 1);
    EXPECT_DOUBLE_EQ(j["coupon_usage_rate"].get<double>(), 0.25);
    EXPECT_EQ(j["refunds_cents"], 0);
    EXPECT_EQ(j["net_sales_cents"], 10500);
    EXPECT_DOUBLE_EQ(j["refund_rate"].get<double>(), 0); // 0 refunded ÷ 3: 0, not null
}

// ---------------------------------------------------------------------------------------------------------
// Zero denominators: null, never 0 or NaN
// ---------------------------------------------------------------------------------------------------------

TEST(SessionMetricsJson, SummaryHasExactlyTheDesignKeys) {
    SessionMetrics m(kS, kS + 60 * kSec);
    const nlohmann::json j = summaryJson(m.summary(kS + 60 * kSec));
    const std::set<std::string> expected = {"pv",
                                            "uv",
                                            "watch_seconds",
                                            "pcu",
                                            "acu",
                                            "avg_watch_s",
                                            "engaged_uv",
                                            "engagement_rate",
                                            "comments",
                                            "shares",
                                            "likes",
                                            "new_followers",
                                            "paid_orders",
                                            "buyers",
                                            "units",
                                            "gmv_cents",
                                            "refunds_cents",
                                            "net_sales_cents",
                                            "refund_rate",
                                            "product_click_uv",
                                            "add_to_cart_uv",
                                            "order_created_uv",
                                            "product_click_rate",
                                            "conversion_rate",
                                            "click_to_pay_rate",
                                            "uv_value_cents",
                                            "gpm_cents",
                                            "revenue_per_buyer_cents",
                                            "aov_cents",
                                            "coupons_issued",
                                            "coupons_redeemed",
                                            "coupon_usage_rate"};
    std::set<std::string> actual;
    for (auto it = j.begin(); it != j.end(); ++it)
        actual.insert(it.key());
    EXPECT_EQ(actual, expected);
}

TEST(SessionMetricsJson, EmptySessionAllRatiosNull) {
    SessionMetrics m(kS, kS + 60 * kSec);
    const MetricsSummary s = m.summary(kS + 60 * kSec);
    const nlohmann::json j = summaryJson(s);
    // uv = 0
    EXPECT_TRUE(j["avg_watch_s"].is_null());
    EXPECT_TRUE(j["engagement_rate"].is_null());
    EXPECT_TRUE(j["product_click_rate"].is_null());
    EXPECT_TRUE(j["conversion_rate"].is_null());
    EXPECT_TRUE(j["uv_value_cents"].is_null());
    // pv = 0
    EXPECT_TRUE(j["gpm_cents"].is_null());
    // buyers = 0
    EXPECT_TRUE(j["revenue_per_buyer_cents"].is_null());
    // paid_orders = 0
    EXPECT_TRUE(j["aov_cents"].is_null());
    EXPECT_TRUE(j["refund_rate"].is_null());
    // product_click_uv = 0
    EXPECT_TRUE(j["click_to_pay_rate"].is_null());
    // coupons issued = 0
    EXPECT_TRUE(j["coupon_usage_rate"].is_null());
    // session seconds = 60 ≠ 0: acu = 0 ÷ 60 = 0, a number
    ASSERT_TRUE(j["acu"].is_number());
    EXPECT_DOUBLE_EQ(j["acu"].get<double>(), 0);
    EXPECT_EQ(j["pv"], 0);
    EXPECT_EQ(j["gmv_cents"], 0);
}

TEST(SessionMetricsJson, ZeroLengthSessionAcuNull) {
    SessionMetrics m(kS, kS); // session seconds = 0
    feed(m, {viewStart(kS, 1)});
    const MetricsSummary s = m.summary(kS);
    EXPECT_EQ(s.pv, 1);
    EXPECT_DOUBLE_EQ(s.watchSeconds, 0);
    expectNull(s.acu, "acu"); // 0 ÷ 0
    EXPECT_TRUE(summaryJson(s)["acu"].is_null());
    expectRatio(s.avgWatchSeconds, 0, "avg_watch_s"); // 0 ÷ 1
    EXPECT_TRUE(m.perMinute(kS).empty());             // ⌈0 ÷ 60000⌉ = 0 minutes
}

TEST(SessionMetricsJson, EachDenominatorZeroOnItsOwn) {
    const int64_t end = kS + 60 * kSec;
    {
        // uv = pv = 2 but no clicks, no buyers, no paid orders, no coupons issued
        SessionMetrics m(kS, end);
        feed(m, {viewStart(kS, 1), viewStart(kS, 2), couponRedeemed(kS + 1, 1)});
        const MetricsSummary s = m.summary(end);
        const nlohmann::json j = summaryJson(s);
        EXPECT_TRUE(j["click_to_pay_rate"].is_null());       // product_click_uv = 0
        EXPECT_TRUE(j["revenue_per_buyer_cents"].is_null()); // buyers = 0
        EXPECT_TRUE(j["aov_cents"].is_null());               // paid_orders = 0
        EXPECT_TRUE(j["refund_rate"].is_null());             // paid_orders = 0
        EXPECT_TRUE(j["coupon_usage_rate"].is_null());       // issued = 0 (1 redeemed)
        // uv and pv are not zero: these are 0, not null
        EXPECT_DOUBLE_EQ(j["engagement_rate"].get<double>(), 0);
        EXPECT_DOUBLE_EQ(j["product_click_rate"].get<double>(), 0);
        EXPECT_DOUBLE_EQ(j["conversion_rate"].get<double>(), 0);
        EXPECT_DOUBLE_EQ(j["uv_value_cents"].get<double>(), 0);
        EXPECT_DOUBLE_EQ(j["gpm_cents"].get<double>(), 0);
        EXPECT_DOUBLE_EQ(j["avg_watch_s"].get<double>(), 60); // (60 + 60) ÷ 2
    }
    {
        // an order paid with no view at all (uv = pv = 0) and clicks from a viewer with no view_start
        SessionMetrics m(kS, end);
        feed(m, {click(kS + 1, 7, "A"), orderPaid(kS + 2, 7, "o1", "A", 1, 1000)});
        const MetricsSummary s = m.summary(end);
        const nlohmann::json j = summaryJson(s);
        EXPECT_TRUE(j["uv_value_cents"].is_null());     // gmv 1000 ÷ uv 0
        EXPECT_TRUE(j["gpm_cents"].is_null());          // gmv × 1000 ÷ pv 0
        EXPECT_TRUE(j["conversion_rate"].is_null());    // 1 ÷ 0
        EXPECT_TRUE(j["product_click_rate"].is_null()); // 1 ÷ 0
        EXPECT_TRUE(j["avg_watch_s"].is_null());
        EXPECT_DOUBLE_EQ(j["click_to_pay_rate"].get<double>(), 1); // 1 ÷ 1
        EXPECT_DOUBLE_EQ(j["revenue_per_buyer_cents"].get<double>(), 1000);
        EXPECT_DOUBLE_EQ(j["aov_cents"].get<double>(), 1000);
        EXPECT_DOUBLE_EQ(j["refund_rate"].get<double>(), 0);
    }
}

// ---------------------------------------------------------------------------------------------------------
// Per minute
// ---------------------------------------------------------------------------------------------------------

TEST(SessionMetricsPerMinute, PartialLastMinuteAndEventAtEnd) {
    const int64_t end = kS + 150 * kSec; // ⌈150 ÷ 60⌉ = 3 minutes: [0,60) [60,120) [120,150]
    SessionMetrics m(kS, end);
    feed(m, {
                viewStart(kS, 1),                                    // m0
                viewStart(kS + 10 * kSec, 2),                        // m0
                comment(kS + 20 * kSec, 1),                          // m0
                like(kS + 30 * kSec, 2, 4),                          // m0
                orderCreated(kS + 50 * kSec, 3, "o1", "A", 1, 2500), // created, not paid: not an order
                viewEnd(kS + 60 * kSec - 1, 2),                      // m0, before the boundary
                viewEnd(kS + 60 * kSec, 1),                          // exactly the boundary: m1
                viewStart(kS + 60 * kSec, 3),                        // m1
                orderPaid(kS + 70 * kSec, 3, "o1", "A", 1, 2500),    // m1 (paid time)
                viewStart(kS + 100 * kSec, 4),                       // m1
                viewEnd(kS + 130 * kSec, 3),                         // m2
                comment(end, 4),                                     // at end: last minute
                like(end, 4, 2),
                orderPaid(end, 4, "o2", "B", 1, 1000),
                viewStart(end, 5),
            });
    const std::vector<MinuteCounts> minutes = m.perMinute(end);
    ASSERT_EQ(minutes.size(), 3u);
    // m0: enters v1, v2; comment v1; likes 4; viewers_end: after every event before 60 s → v1 (v2 left at
    // 59.999 s, v1's leave at 60 s is not before the boundary) = 1
    EXPECT_EQ(minutes[0].enters, 2);
    EXPECT_EQ(minutes[0].comments, 1);
    EXPECT_EQ(minutes[0].likes, 4);
    EXPECT_EQ(minutes[0].orders, 0);
    EXPECT_EQ(minutes[0].gmvCents, 0);
    EXPECT_EQ(minutes[0].viewersEnd, 1);
    // m1: enters v3, v4; o1 paid at 70 s; viewers_end before 120 s: v3, v4 = 2
    EXPECT_EQ(minutes[1].enters, 2);
    EXPECT_EQ(minutes[1].comments, 0);
    EXPECT_EQ(minutes[1].likes, 0);
    EXPECT_EQ(minutes[1].orders, 1);
    EXPECT_EQ(minutes[1].gmvCents, 2500);
    EXPECT_EQ(minutes[1].viewersEnd, 2);
    // m2: enters v5 (at end); comment, like 2, o2 at end; viewers_end up to end: v4, v5 = 2 (v3 left)
    EXPECT_EQ(minutes[2].enters, 1);
    EXPECT_EQ(minutes[2].comments, 1);
    EXPECT_EQ(minutes[2].likes, 2);
    EXPECT_EQ(minutes[2].orders, 1);
    EXPECT_EQ(minutes[2].gmvCents, 1000);
    EXPECT_EQ(minutes[2].viewersEnd, 2);

    const nlohmann::json j = perMinuteJson(minutes);
    ASSERT_EQ(j.size(), 3u);
    const std::set<std::string> keys = {"minute", "enters",    "comments",   "likes",
                                        "orders", "gmv_cents", "viewers_end"};
    for (size_t k = 0; k < j.size(); ++k) {
        std::set<std::string> actual;
        for (auto it = j[k].begin(); it != j[k].end(); ++it)
            actual.insert(it.key());
        EXPECT_EQ(actual, keys);
        EXPECT_EQ(j[k]["minute"], k);
    }
    EXPECT_EQ(j[1]["gmv_cents"], 2500);
    EXPECT_EQ(j[2]["viewers_end"], 2);
}

TEST(SessionMetricsPerMinute, ExactMultipleOfAMinute) {
    const int64_t end = kS + 120 * kSec; // 120 ÷ 60 = exactly 2 minutes, not 3
    SessionMetrics m(kS, end);
    feed(m, {
                viewStart(kS, 1),             // m0
                viewStart(kS + 60 * kSec, 2), // m1 (the boundary belongs to the later minute)
                viewEnd(end, 1),              // at end: the last minute, m1
                viewStart(end, 3),
                comment(end, 3),
            });
    const std::vector<MinuteCounts> minutes = m.perMinute(end);
    ASSERT_EQ(minutes.size(), 2u);
    EXPECT_EQ(minutes[0].enters, 1);
    EXPECT_EQ(minutes[0].viewersEnd, 1); // before 60 s: v1
    EXPECT_EQ(minutes[1].enters, 2);     // v2 at 60 s, v3 at end
    EXPECT_EQ(minutes[1].comments, 1);   // at end
    EXPECT_EQ(minutes[1].viewersEnd, 2); // after every event up to end: v2, v3 (v1 left at end)
}

TEST(SessionMetricsPerMinute, QuietMinutesCarryThePresentCount) {
    const int64_t end = kS + 240 * kSec; // 4 minutes
    SessionMetrics m(kS, end);
    feed(m, {
                viewStart(kS + 10 * kSec, 1),  // m0
                viewStart(kS + 200 * kSec, 2), // m3
            });
    const std::vector<MinuteCounts> minutes = m.perMinute(end);
    ASSERT_EQ(minutes.size(), 4u);
    EXPECT_EQ(minutes[0].viewersEnd, 1); // v1
    EXPECT_EQ(minutes[1].viewersEnd, 1); // no events: still v1
    EXPECT_EQ(minutes[2].viewersEnd, 1);
    EXPECT_EQ(minutes[3].viewersEnd, 2); // v1, v2
    EXPECT_EQ(minutes[1].enters, 0);
    EXPECT_EQ(minutes[3].enters, 1);
}

TEST(SessionMetricsPerMinute, LiveMinutesGrowWithAsOf) {
    SessionMetrics m(kS, std::nullopt);
    feed(m, {
                viewStart(kS, 1), viewStart(kS + 10 * kSec, 2), viewEnd(kS + 30 * kSec, 1),
                viewStart(kS + 50 * kSec, 3), // present: v2, v3
            });
    std::vector<MinuteCounts> minutes = m.perMinute(kS + 130 * kSec); // minutes 0, 1, 2 (2 not finished)
    ASSERT_EQ(minutes.size(), 3u);
    EXPECT_EQ(minutes[0].enters, 3);
    EXPECT_EQ(minutes[0].viewersEnd, 2); // v2, v3
    EXPECT_EQ(minutes[1].viewersEnd, 2); // nothing happened in minute 1
    EXPECT_EQ(minutes[2].viewersEnd, 2); // not finished: the present count

    feed(m, {viewEnd(kS + 125 * kSec, 2)}); // in minute 2
    minutes = m.perMinute(kS + 130 * kSec);
    ASSERT_EQ(minutes.size(), 3u);
    EXPECT_EQ(minutes[0].viewersEnd, 2); // before 60 s: v2, v3
    EXPECT_EQ(minutes[1].viewersEnd, 2); // before 120 s: v2, v3
    EXPECT_EQ(minutes[2].viewersEnd, 1); // now: v3
}

// ---------------------------------------------------------------------------------------------------------
// Per product, with an on-air schedule
// ---------------------------------------------------------------------------------------------------------

TEST(SessionMetricsProducts, OnAirSecondsAndGmvOnAir) {
    const int64_t end = kS + 150 * kSec;
    OnAirSchedule schedule;
    schedule.apply(kS, "card_shown", "A (slot card)");
    schedule.apply(kS + 10 * kSec, "card_shown", "A (slot side)"); // same sku in a second slot
    schedule.apply(kS + 30 * kSec, "card_hidden", "A (slot card)");
    schedule.apply(kS + 40 * kSec, "card_hidden", "A (slot side)");
    schedule.apply(kS + 100 * kSec, "card_shown", "B (slot card)");
    schedule.apply(kS + 130 * kSec, "card_shown", "A (slot card)"); // replaces B in the slot
    schedule.close(end);
    // A: [0,30) ∪ [10,40) ∪ [130,150) = [0,40) + [130,150) = 40 + 20 = 60 s; B: [100,130) = 30 s
    EXPECT_DOUBLE_EQ(schedule.onAirSeconds("A", kS, end), 60);
    EXPECT_DOUBLE_EQ(schedule.onAirSeconds("B", kS, end), 30);
    EXPECT_DOUBLE_EQ(schedule.onAirSeconds("C", kS, end), 0); // never on air
    // clipped to [20 s, 135 s]: A [20,40) + [130,135) = 25 s
    EXPECT_DOUBLE_EQ(schedule.onAirSeconds("A", kS + 20 * kSec, kS + 135 * kSec), 25);
    EXPECT_TRUE(schedule.cardOnAir("A", kS + 35 * kSec));  // side slot only
    EXPECT_FALSE(schedule.cardOnAir("A", kS + 40 * kSec)); // interval end is exclusive
    EXPECT_FALSE(schedule.cardOnAir("C", kS + 35 * kSec));

    SessionMetrics m(kS, end);
    m.setSchedule(&schedule);
    feed(m,
         {
             orderPaid(kS + 5 * kSec, 1, "o1", "A", 1, 1000), // A on air (card slot)
             click(kS + 6 * kSec, 1, "A"), click(kS + 7 * kSec, 1, "A"), click(kS + 8 * kSec, 2, "A"),
             click(kS + 9 * kSec, 3, "C"), orderPaid(kS + 20 * kSec, 3, "o7", "C", 1, 300), // C: never on air
             orderPaid(kS + 35 * kSec, 2, "o2", "A", 1, 2000),  // A on air (side slot only)
             orderPaid(kS + 40 * kSec, 2, "o3", "A", 2, 4000),  // exactly at hide: not on air
             orderPaid(kS + 100 * kSec, 1, "o4", "A", 1, 8000), // B on air, not A
             orderPaid(kS + 120 * kSec, 1, "o5", "B", 1, 500),  // B on air
             orderPaid(kS + 130 * kSec, 2, "o6", "B", 1, 700),  // B replaced at 130 s: not on air
         });
    const ProductCounts a = productCounts(m, "A");
    EXPECT_EQ(a.clicks, 3);
    EXPECT_EQ(a.clickViewers.size(), 2u); // v1, v2
    EXPECT_EQ(a.paidOrders, 4);           // o1, o2, o3, o4
    EXPECT_EQ(a.units, 5);                // 1 + 1 + 2 + 1
    EXPECT_EQ(a.gmvCents, 15000);         // 1000 + 2000 + 4000 + 8000
    EXPECT_EQ(a.gmvOnAirCents, 3000);     // o1 1000 + o2 2000
    const ProductCounts b = productCounts(m, "B");
    EXPECT_EQ(b.clicks, 0);
    EXPECT_EQ(b.gmvCents, 1200);     // 500 + 700
    EXPECT_EQ(b.gmvOnAirCents, 500); // o5
    const ProductCounts c = productCounts(m, "C");
    EXPECT_EQ(c.clicks, 1);
    EXPECT_EQ(c.clickViewers.size(), 1u);
    EXPECT_EQ(c.gmvCents, 300);
    EXPECT_EQ(c.gmvOnAirCents, 0); // not in any schedule
}

// ---------------------------------------------------------------------------------------------------------
// Segments and offers
// ---------------------------------------------------------------------------------------------------------

TEST(SessionMetricsSegments, CountsInsideEachSegmentWindow) {
    const int64_t end = kS + 200 * kSec;
    OnAirSchedule schedule;
    schedule.apply(kS + 5 * kSec, "segment", "#1 opening 开场");
    schedule.apply(kS + 60 * kSec, "segment", "#2 product Serum A");
    schedule.apply(kS + 120 * kSec, "segment", "#3 product Serum B");
    schedule.close(kS + 180 * kSec);
    ASSERT_EQ(schedule.segments().size(), 3u);
    EXPECT_EQ(schedule.segments()[1].plan.index, 2);
    EXPECT_EQ(schedule.segments()[1].plan.kind, "product");
    EXPECT_EQ(schedule.segments()[1].plan.title, "Serum A");
    EXPECT_EQ(schedule.segments()[0].start, kS + 5 * kSec);
    EXPECT_EQ(schedule.segments()[0].end, kS + 60 * kSec);
    EXPECT_EQ(schedule.segments()[2].end, kS + 180 * kSec);

    SessionMetrics m(kS, end);
    m.setSchedule(&schedule);
    feed(m, {
                comment(kS + 2 * kSec, 1),                        // before the first segment: none
                viewStart(kS + 10 * kSec, 1),                     // #1
                comment(kS + 20 * kSec, 1),                       // #1
                like(kS + 60 * kSec - 1, 1, 3),                   // #1 (just before #2 starts)
                viewStart(kS + 60 * kSec, 2),                     // #2 (its start belongs to #2)
                click(kS + 70 * kSec, 2, "A"),                    // #2
                orderPaid(kS + 80 * kSec, 2, "o1", "A", 2, 4000), // #2
                orderPaid(kS + 90 * kSec, 1, "o2", "A", 1, 1000), // #2
                comment(kS + 130 * kSec, 2),                      // #3
                orderPaid(kS + 130 * kSec, 2, "o3", "B", 1, 500), // #3
                comment(kS + 190 * kSec, 1),                      // after #3 closed at 180 s: none
            });
    const WindowCounts s1 = segmentCounts(m, 0);
    EXPECT_EQ(s1.enters, 1);
    EXPECT_EQ(s1.comments, 1);
    EXPECT_EQ(s1.likes, 3);
    EXPECT_EQ(s1.clicks, 0);
    EXPECT_EQ(s1.paidOrders, 0);
    const WindowCounts s2 = segmentCounts(m, 1);
    EXPECT_EQ(s2.enters, 1);
    EXPECT_EQ(s2.comments, 0);
    EXPECT_EQ(s2.clicks, 1);
    EXPECT_EQ(s2.paidOrders, 2);
    EXPECT_EQ(s2.units, 3);       // 2 + 1
    EXPECT_EQ(s2.gmvCents, 5000); // 4000 + 1000
    EXPECT_EQ(s2.buyers.size(), 2u);
    const WindowCounts s3 = segmentCounts(m, 2);
    EXPECT_EQ(s3.enters, 0);
    EXPECT_EQ(s3.comments, 1);
    EXPECT_EQ(s3.paidOrders, 1);
    EXPECT_EQ(s3.gmvCents, 500);
    EXPECT_EQ(s3.buyers.size(), 1u);
    EXPECT_EQ(m.summary(end).comments, 4); // all four comments are in the session window
}

TEST(SessionMetricsOffers, OrdersInsideTheSaleWindow) {
    const int64_t end = kS + 300 * kSec;
    OnAirSchedule schedule;
    schedule.apply(kS + 10 * kSec, "offer", "F1 pre_launch: 50 of A at 9900 cents, launch in 10 s");
    schedule.apply(kS + 20 * kSec, "offer", "F1 on_sale (slot countdown)");
    schedule.apply(kS + 50 * kSec, "offer", "F1 sold_out after 30000 ms, 50 sold");
    schedule.apply(kS + 60 * kSec, "offer", "F2 pre_launch: 10 of B at 1000 cents, launch in 10 s");
    schedule.apply(kS + 70 * kSec, "offer", "F2 on_sale (slot countdown)");
    schedule.apply(kS + 100 * kSec, "offer", "F2 ended: time up, 3 left");
    schedule.close(end);
    ASSERT_EQ(schedule.offers().size(), 2u);
    EXPECT_EQ(schedule.offers()[0].sku, "A");
    EXPECT_EQ(schedule.offers()[0].quantity, 50);
    EXPECT_EQ(schedule.offers()[0].priceCents, 9900);
    EXPECT_EQ(schedule.offers()[0].sold, 50);
    EXPECT_EQ(schedule.offers()[1].sold, 7); // 10 - 3 left
    EXPECT_EQ(schedule.offers()[1].endReason, "time up");

    SessionMetrics m(kS, end);
    m.setSchedule(&schedule);
    feed(m, {
                orderPaid(kS + 15 * kSec, 1, "o1", "A", 1, 9900),  // pre-launch: not in the sale
                orderPaid(kS + 20 * kSec, 1, "o2", "A", 1, 9900),  // exactly at on_sale: F1
                orderPaid(kS + 30 * kSec, 2, "o3", "B", 1, 1000),  // other sku, F2 not on sale yet
                orderPaid(kS + 40 * kSec, 2, "o4", "A", 2, 19800), // F1
                orderPaid(kS + 50 * kSec, 3, "o5", "A", 1, 9900),  // the order that sold it out: F1
                orderPaid(kS + 55 * kSec, 4, "o6", "A", 1, 9900),  // after sold out
                orderPaid(kS + 80 * kSec, 1, "o7", "B", 3, 3000),  // F2
                orderPaid(kS + 80 * kSec, 1, "o8", "A", 1, 9900),  // F1 is over
                orderPaid(kS + 101 * kSec, 2, "o9", "B", 1, 1000), // after F2 ended
            });
    const WindowCounts f1 = m.offerCounts(0);
    EXPECT_EQ(f1.paidOrders, 3);     // o2, o4, o5
    EXPECT_EQ(f1.units, 4);          // 1 + 2 + 1
    EXPECT_EQ(f1.gmvCents, 39600);   // 9900 + 19800 + 9900
    EXPECT_EQ(f1.buyers.size(), 3u); // v1, v2, v3
    const WindowCounts f2 = m.offerCounts(1);
    EXPECT_EQ(f2.paidOrders, 1); // o7
    EXPECT_EQ(f2.units, 3);
    EXPECT_EQ(f2.gmvCents, 3000);
    EXPECT_EQ(f2.buyers.size(), 1u);
    EXPECT_EQ(m.offerCounts(7).paidOrders, 0); // no such offer
}

TEST(SessionMetricsOffers, OfferNeverOnSaleCountsNothing) {
    const int64_t end = kS + 300 * kSec;
    OnAirSchedule schedule;
    schedule.apply(kS + 110 * kSec, "offer", "F3 pre_launch: 5 of C at 500 cents, launch in 10 s");
    schedule.apply(kS + 115 * kSec, "offer", "F3 ended: cancelled, 5 left"); // called off before launch
    schedule.close(end);
    ASSERT_EQ(schedule.offers().size(), 1u);
    EXPECT_FALSE(schedule.offers()[0].onSale.has_value());

    SessionMetrics m(kS, end);
    m.setSchedule(&schedule);
    feed(m, {
                orderPaid(kS + 110 * kSec, 1, "o1", "C", 1, 500), // the announce ms: countdown, not a sale
                orderPaid(kS + 112 * kSec, 2, "o2", "C", 1, 500), // countdown
            });
    const WindowCounts f3 = m.offerCounts(0);
    EXPECT_EQ(f3.paidOrders, 0); // the sale never opened: an empty window
    EXPECT_EQ(f3.gmvCents, 0);
}

// ---------------------------------------------------------------------------------------------------------
// Randomized cross-check against a brute-force implementation of the definitions
// ---------------------------------------------------------------------------------------------------------

struct Rng {
    uint64_t state;
    uint64_t next() { // splitmix64
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int64_t range(int64_t lo, int64_t hi) { // [lo, hi]
        return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1));
    }
};

struct BruteForce {
    int64_t pv = 0, uv = 0, pcu = 0, watchMs = 0;
    int64_t paidOrders = 0, buyers = 0, units = 0, gmv = 0, refunds = 0, refundedOrders = 0;
    std::vector<int64_t> enters, orders, gmvByMinute, viewersEnd;
};

BruteForce bruteForce(const std::vector<ViewerEvent>& sorted, int64_t start, int64_t end) {
    BruteForce out;
    auto inWindow = [&](int64_t ts) { return ts >= start && ts <= end; };
    const size_t minuteCount = static_cast<size_t>((end - start + kMin - 1) / kMin);
    auto minuteOf = [&](int64_t ts) {
        return std::min(static_cast<size_t>((ts - start) / kMin), minuteCount - 1);
    };
    out.enters.assign(minuteCount, 0);
    out.orders.assign(minuteCount, 0);
    out.gmvByMinute.assign(minuteCount, 0);
    out.viewersEnd.assign(minuteCount, 0);

    // Presence intervals, viewer by viewer: [s, e) when closed by a view_end, [s, end] when open at end.
    struct Interval {
        int64_t s, e;
        bool open;
    };
    std::vector<Interval> intervals;
    std::set<int64_t> viewers, uvSet;
    for (const ViewerEvent& e : sorted)
        if (e.type == EventType::ViewStart || e.type == EventType::ViewEnd) viewers.insert(e.viewer);
    for (int64_t v : viewers) {
        bool present = false;
        int64_t since = 0;
        for (const ViewerEvent& e : sorted) {
            if (e.viewer != v || !inWindow(e.ts)) continue;
            if (e.type == EventType::ViewStart) {
                ++out.pv;
                uvSet.insert(v);
                ++out.enters[minuteOf(e.ts)];
                if (!present) {
                    present = true;
                    since = e.ts;
                }
            } else if (e.type == EventType::ViewEnd && present) {
                intervals.push_back({since, e.ts, false});
                present = false;
            }
        }
        if (present) intervals.push_back({since, end, true});
    }
    out.uv = static_cast<int64_t>(uvSet.size());
    for (const Interval& i : intervals)
        out.watchMs += i.e - i.s;
    // pcu: the count only changes at event times, and at one ts all leaves come before all arrivals, so the
    // peak is the count after the last event of some ts.
    std::set<int64_t> times;
    for (const ViewerEvent& e : sorted)
        if (inWindow(e.ts) && e.type == EventType::ViewStart) times.insert(e.ts);
    for (int64_t t : times) {
        int64_t present = 0;
        for (const Interval& i : intervals)
            if (i.s <= t && (i.open || t < i.e)) ++present;
        out.pcu = std::max(out.pcu, present);
    }
    // viewers_end: present after every event before the boundary; the last minute: after every event up to
    // end (a presence closed by a view_end at end is over; one open at end still counts).
    for (size_t k = 0; k < minuteCount; ++k) {
        const int64_t boundary = start + kMin * static_cast<int64_t>(k + 1);
        int64_t present = 0;
        for (const Interval& i : intervals) {
            if (k + 1 == minuteCount)
                present += i.open ? 1 : 0;
            else if (i.s < boundary && (i.open || i.e >= boundary))
                ++present;
        }
        out.viewersEnd[k] = present;
    }

    // Paid orders: the earliest order_paid in the window per order_id.
    std::map<std::string, const ViewerEvent*> paid;
    for (const ViewerEvent& e : sorted)
        if (e.type == EventType::OrderPaid && inWindow(e.ts) && !paid.count(e.orderId)) paid[e.orderId] = &e;
    std::set<int64_t> buyers;
    for (const auto& [id, e] : paid) {
        ++out.paidOrders;
        buyers.insert(e->viewer);
        out.units += e->quantity;
        out.gmv += e->amountCents;
        ++out.orders[minuteOf(e->ts)];
        out.gmvByMinute[minuteOf(e->ts)] += e->amountCents;
        int64_t refunded = 0;
        bool any = false;
        for (const ViewerEvent& r : sorted)
            if (r.type == EventType::Refund && inWindow(r.ts) && r.orderId == id) {
                refunded += r.amountCents;
                any = true;
            }
        out.refunds += std::min(refunded, e->amountCents);
        out.refundedOrders += any ? 1 : 0;
    }
    out.buyers = static_cast<int64_t>(buyers.size());
    return out;
}

TEST(SessionMetricsRandom, MatchesBruteForce) {
    const int64_t end = kS + 30 * kMin; // 30 minutes exactly
    Rng rng{20240611};
    std::vector<ViewerEvent> events;
    for (int i = 0; i < 2000; ++i) {
        const int64_t kind = rng.range(0, 99);
        const int64_t viewer = rng.range(1, 40);
        // View events inside the window on a 5 s grid (many equal ts), sometimes exactly at start or end.
        const int64_t viewTs = kS + 5 * kSec * rng.range(0, 360);
        // Money events up to a minute outside the window on either side.
        const int64_t moneyTs = kS - kMin + kSec * rng.range(0, 32 * 60);
        const std::string orderId = "o" + std::to_string(rng.range(0, 149));
        if (kind < 30) {
            events.push_back(viewStart(viewTs, viewer));
        } else if (kind < 60) {
            events.push_back(viewEnd(viewTs, viewer));
        } else if (kind < 78) {
            events.push_back(orderPaid(moneyTs, viewer, orderId, "S" + std::to_string(viewer % 5),
                                       rng.range(1, 3), rng.range(1, 100) * 100));
        } else if (kind < 90) {
            events.push_back(refund(moneyTs, orderId, rng.range(1, 60) * 100));
        } else if (kind < 95) {
            events.push_back(comment(viewTs, viewer));
        } else {
            events.push_back(like(viewTs, viewer, rng.range(1, 5)));
        }
    }
    // Processing order, as the store delivers it: ts, then view_end first; arrival order otherwise.
    std::stable_sort(events.begin(), events.end(), [](const ViewerEvent& a, const ViewerEvent& b) {
        if (a.ts != b.ts) return a.ts < b.ts;
        return processingOrder(a.type) < processingOrder(b.type);
    });

    SessionMetrics m(kS, end);
    feed(m, events);
    const MetricsSummary s = m.summary(end);
    const BruteForce b = bruteForce(events, kS, end);

    // Sanity: the fixture exercises what it is meant to.
    EXPECT_GT(b.pv, 400);
    EXPECT_GT(b.refunds, 0);
    EXPECT_GT(b.pcu, 5);

    EXPECT_EQ(s.pv, b.pv);
    EXPECT_EQ(s.uv, b.uv);
    EXPECT_DOUBLE_EQ(s.watchSeconds, static_cast<double>(b.watchMs) / 1000.0);
    EXPECT_EQ(s.pcu, b.pcu);
    EXPECT_EQ(s.paidOrders, b.paidOrders);
    EXPECT_EQ(s.buyers, b.buyers);
    EXPECT_EQ(s.units, b.units);
    EXPECT_EQ(s.gmvCents, b.gmv);
    EXPECT_EQ(s.refundsCents, b.refunds);
    EXPECT_EQ(s.netSalesCents, b.gmv - b.refunds);
    expectRatio(s.refundRate, static_cast<double>(b.refundedOrders) / static_cast<double>(b.paidOrders),
                "refund_rate");

    const std::vector<MinuteCounts> minutes = m.perMinute(end);
    ASSERT_EQ(minutes.size(), 30u);
    for (size_t k = 0; k < minutes.size(); ++k) {
        EXPECT_EQ(minutes[k].enters, b.enters[k]) << "minute " << k;
        EXPECT_EQ(minutes[k].orders, b.orders[k]) << "minute " << k;
        EXPECT_EQ(minutes[k].gmvCents, b.gmvByMinute[k]) << "minute " << k;
        EXPECT_EQ(minutes[k].viewersEnd, b.viewersEnd[k]) << "minute " << k;
    }
}

} // namespace
