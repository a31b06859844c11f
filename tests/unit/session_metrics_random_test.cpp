// The SessionMetrics engine against a separate brute-force implementation of
// docs/DESIGN.md "Metric definitions", over randomized sessions.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "session_metrics_fixtures.hpp"

using namespace hawker::studio;
using namespace hawker::studio::metrics_fixtures;

namespace {

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
