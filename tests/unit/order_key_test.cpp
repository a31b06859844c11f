// The compact per-order and per-viewer tables the live metrics keep for the
// whole show: order keys, the flat set and map, and SessionMetrics telling its
// caller which order_paid counts (the live side sells each order once by it).

#include <gtest/gtest.h>

#include <string>
#include <unordered_set>

#include "hawker/studio/analytics/flat_id_set.hpp"
#include "hawker/studio/analytics/order_key.hpp"
#include "session_metrics_fixtures.hpp"

namespace hawker::studio {
namespace {

using namespace metrics_fixtures;

TEST(OrderKey, DistinctIdsGetDistinctNonZeroKeys) {
    std::unordered_set<int64_t> keys;
    for (int i = 0; i < 200'000; ++i) {
        const int64_t key = orderKey("sim-7-order-" + std::to_string(i));
        EXPECT_NE(key, 0);
        keys.insert(key);
    }
    EXPECT_EQ(keys.size(), 200'000u);
    EXPECT_NE(orderKey(""), 0);
    EXPECT_EQ(orderKey("o1"), orderKey(std::string("o1")));
    EXPECT_NE(orderKey("o1"), orderKey("o2"));
}

TEST(FlatIdSet, SlotIsTheKeyAloneAndContainsWhatWasInserted) {
    FlatIdSet set;
    EXPECT_FALSE(set.contains(5));
    EXPECT_TRUE(set.insert(5));
    EXPECT_FALSE(set.insert(5));
    EXPECT_TRUE(set.contains(5));
    EXPECT_FALSE(set.contains(6));
    EXPECT_FALSE(set.insert(0)); // 0 marks an empty slot: never stored
    EXPECT_FALSE(set.contains(0));
    for (int64_t k = 1; k <= 1000; ++k)
        set.insert(k);
    EXPECT_EQ(set.size(), 1000u);
    // 1000 keys at most 3/4 full: 2048 slots of 8 bytes (a key and an empty value).
    EXPECT_EQ(set.bytes(), 2048u * sizeof(int64_t));
}

TEST(FlatIdMap, FindReturnsTheStoredValueAcrossGrowth) {
    FlatIdMap<int64_t> map;
    EXPECT_EQ(map.find(3), nullptr);
    for (int64_t k = 1; k <= 5000; ++k)
        map.emplace(k * 7919, k);
    EXPECT_EQ(map.size(), 5000u);
    for (int64_t k = 1; k <= 5000; ++k) {
        const int64_t* value = map.find(k * 7919);
        ASSERT_NE(value, nullptr);
        EXPECT_EQ(*value, k);
    }
    EXPECT_EQ(map.find(7918), nullptr);
    EXPECT_EQ(map.find(0), nullptr);
    int64_t* first = map.find(7919);
    ASSERT_NE(first, nullptr);
    *first = 42;
    EXPECT_EQ(*map.find(7919), 42);
}

TEST(SessionMetricsOrders, AddSaysWhichOrderPaidCountsFirst) {
    SessionMetrics m(kS, std::nullopt);
    EXPECT_TRUE(m.add(orderPaid(kS + 10 * kSec, 1, "o1", "A", 1, 5000)));
    EXPECT_FALSE(m.add(orderPaid(kS + 20 * kSec, 1, "o1", "A", 1, 5000))); // webhook retry
    EXPECT_TRUE(m.add(orderPaid(kS + 30 * kSec, 2, "o2", "A", 1, 2000)));
    EXPECT_FALSE(m.add(orderPaid(kS - 10 * kSec, 3, "o3", "A", 1, 2000))); // before the window: not counted
    EXPECT_FALSE(m.add(refund(kS + 40 * kSec, "o1", 5000)));
    EXPECT_FALSE(m.add(viewStart(kS + 50 * kSec, 4)));
    EXPECT_TRUE(m.paid("o1"));
    EXPECT_TRUE(m.paid("o2"));
    EXPECT_FALSE(m.paid("o3"));
    EXPECT_FALSE(m.inWindow(kS - 1));
    EXPECT_TRUE(m.inWindow(kS));
    const MetricsSummary s = m.summary(kS + 60 * kSec);
    EXPECT_EQ(s.paidOrders, 2);
    EXPECT_EQ(s.gmvCents, 7000);
    EXPECT_EQ(s.refundsCents, 5000); // the refund found its order by key
    expectRatio(s.refundRate, 0.5, "refund rate");
}

TEST(SessionMetricsOrders, RefundBeforeItsOrderIsPaidStillCounts) {
    SessionMetrics m(kS, std::nullopt);
    EXPECT_FALSE(m.add(refund(kS + 5 * kSec, "o9", 700)));
    EXPECT_TRUE(m.add(orderPaid(kS + 10 * kSec, 1, "o9", "A", 1, 1000)));
    const MetricsSummary s = m.summary(kS + 60 * kSec);
    EXPECT_EQ(s.refundsCents, 700);
    EXPECT_EQ(s.netSalesCents, 300);
}

} // namespace
} // namespace hawker::studio
