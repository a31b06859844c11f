// Hand-computed checks of SessionMetrics and OnAirSchedule against docs/DESIGN.md "Metric definitions".
// Every expected number is worked out in the comment next to its assertion. Per product, segment and
// offer: session_metrics_windows_test.cpp; against a brute-force implementation:
// session_metrics_random_test.cpp; the summary JSON and per-minute series: session_metrics_output_test.cpp.

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
#include "hawker/studio/store/viewer_event.hpp"

#include "session_metrics_fixtures.hpp"

using namespace hawker::studio;
using namespace hawker::studio::metrics_fixtures;

namespace {

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

} // namespace
