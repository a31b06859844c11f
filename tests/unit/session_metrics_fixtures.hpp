#pragma once
// Event builders and checks shared by the SessionMetrics tests: one fixture
// session start, events with fresh ids, and ratio assertions.

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/analytics/on_air_schedule.hpp"
#include "hawker/studio/analytics/session_metrics.hpp"
#include "hawker/studio/store/viewer_event.hpp"

namespace hawker::studio::metrics_fixtures {

constexpr int64_t kS = 1'700'000'000'000; // session start used by every fixture
constexpr int64_t kSec = 1000;
constexpr int64_t kMin = 60 * kSec;

inline int g_nextId = 0;

inline ViewerEvent event(EventType type, int64_t ts, int64_t viewer = 0) {
    ViewerEvent e;
    e.id = "e" + std::to_string(++g_nextId);
    e.type = type;
    e.ts = ts;
    e.platform = "douyin";
    e.viewer = viewer;
    return e;
}
inline ViewerEvent viewStart(int64_t ts, int64_t viewer) {
    return event(EventType::ViewStart, ts, viewer);
}
inline ViewerEvent viewEnd(int64_t ts, int64_t viewer) {
    return event(EventType::ViewEnd, ts, viewer);
}
inline ViewerEvent comment(int64_t ts, int64_t viewer) {
    ViewerEvent e = event(EventType::Comment, ts, viewer);
    e.text = "hi";
    e.maskedName = "v***";
    return e;
}
inline ViewerEvent like(int64_t ts, int64_t viewer, int64_t count) {
    ViewerEvent e = event(EventType::Like, ts, viewer);
    e.quantity = count;
    return e;
}
inline ViewerEvent share(int64_t ts, int64_t viewer) {
    return event(EventType::Share, ts, viewer);
}
inline ViewerEvent follow(int64_t ts, int64_t viewer) {
    return event(EventType::Follow, ts, viewer);
}
inline ViewerEvent click(int64_t ts, int64_t viewer, const std::string& sku) {
    ViewerEvent e = event(EventType::ProductClick, ts, viewer);
    e.sku = sku;
    return e;
}
inline ViewerEvent addToCart(int64_t ts, int64_t viewer, const std::string& sku, int64_t qty = 1) {
    ViewerEvent e = event(EventType::AddToCart, ts, viewer);
    e.sku = sku;
    e.quantity = qty;
    return e;
}
inline ViewerEvent order(EventType type, int64_t ts, int64_t viewer, const std::string& orderId,
                         const std::string& sku, int64_t qty, int64_t amountCents) {
    ViewerEvent e = event(type, ts, viewer);
    e.orderId = orderId;
    e.sku = sku;
    e.quantity = qty;
    e.amountCents = amountCents;
    return e;
}
inline ViewerEvent orderCreated(int64_t ts, int64_t viewer, const std::string& orderId,
                                const std::string& sku, int64_t qty, int64_t amountCents) {
    return order(EventType::OrderCreated, ts, viewer, orderId, sku, qty, amountCents);
}
inline ViewerEvent orderPaid(int64_t ts, int64_t viewer, const std::string& orderId, const std::string& sku,
                             int64_t qty, int64_t amountCents) {
    return order(EventType::OrderPaid, ts, viewer, orderId, sku, qty, amountCents);
}
inline ViewerEvent refund(int64_t ts, const std::string& orderId, int64_t amountCents) {
    ViewerEvent e = event(EventType::Refund, ts);
    e.orderId = orderId;
    e.amountCents = amountCents;
    return e;
}
inline ViewerEvent couponIssued(int64_t ts, int64_t viewer) {
    ViewerEvent e = event(EventType::CouponIssued, ts, viewer);
    e.coupon = "C10";
    return e;
}
inline ViewerEvent couponRedeemed(int64_t ts, int64_t viewer) {
    ViewerEvent e = event(EventType::CouponRedeemed, ts, viewer);
    e.coupon = "C10";
    return e;
}

/// Feeds events that the fixture already lists in processing order, and checks that it really is that
/// order (ts ascending; at equal ts view_end first), as the store would deliver it.
inline void feed(SessionMetrics& metrics, const std::vector<ViewerEvent>& events) {
    for (size_t i = 1; i < events.size(); ++i) {
        const ViewerEvent& a = events[i - 1];
        const ViewerEvent& b = events[i];
        ASSERT_TRUE(a.ts < b.ts || (a.ts == b.ts && processingOrder(a.type) <= processingOrder(b.type)))
            << "fixture not in processing order at index " << i;
    }
    for (const ViewerEvent& e : events)
        metrics.add(e);
}

inline void expectRatio(const std::optional<double>& actual, double expected, const char* what) {
    ASSERT_TRUE(actual.has_value()) << what << " is null, expected " << expected;
    EXPECT_DOUBLE_EQ(*actual, expected) << what;
}
inline void expectNull(const std::optional<double>& actual, const char* what) {
    EXPECT_FALSE(actual.has_value()) << what << " should be null, is " << actual.value_or(-1);
}

inline WindowCounts segmentCounts(const SessionMetrics& metrics, size_t index) {
    return index < metrics.segments().size() ? metrics.segments()[index] : WindowCounts{};
}
inline ProductCounts productCounts(const SessionMetrics& metrics, const std::string& sku) {
    auto found = metrics.products().find(sku);
    return found == metrics.products().end() ? ProductCounts{} : found->second;
}

} // namespace hawker::studio::metrics_fixtures
