// Hand-computed checks of the summary JSON and the per-minute series of SessionMetrics against
// docs/DESIGN.md "Metric definitions" (split from session_metrics_test.cpp, which holds presence,
// scope, orders and the funnel). Every expected number is worked out next to its assertion.

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

} // namespace
