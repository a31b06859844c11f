// SessionMetrics per product, rundown segment and offer window, with an
// on-air schedule, hand-computed against docs/DESIGN.md "Per product" and
// "Per segment, scene and offer".
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "session_metrics_fixtures.hpp"

using namespace hawker::studio;
using namespace hawker::studio::metrics_fixtures;

namespace {

// ---------------------------------------------------------------------------------------------------------
// Per product, with an on-air schedule
// ---------------------------------------------------------------------------------------------------------

TEST(SessionMetricsProducts, OnAirSecondsAndGmvOnAir) {
    const int64_t end = kS + 150 * kSec;
    OnAirSchedule schedule;
    schedule.apply(kS, TimelineRow::cardShown(0, "A", "card"));
    schedule.apply(kS + 10 * kSec,
                   TimelineRow::cardShown(10 * kSec, "A", "side")); // same sku in a second slot
    schedule.apply(kS + 30 * kSec, TimelineRow::hidden(30 * kSec, "card", "card", "A"));
    schedule.apply(kS + 40 * kSec, TimelineRow::hidden(40 * kSec, "side", "card", "A"));
    schedule.apply(kS + 100 * kSec, TimelineRow::cardShown(100 * kSec, "B", "card"));
    schedule.apply(kS + 130 * kSec,
                   TimelineRow::cardShown(130 * kSec, "A", "card")); // replaces B in the slot
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
    schedule.apply(kS + 5 * kSec, TimelineRow::segment(5 * kSec, 1, SegmentKind::Opening, "开场", false));
    schedule.apply(kS + 60 * kSec,
                   TimelineRow::segment(60 * kSec, 2, SegmentKind::Product, "Serum A", false));
    schedule.apply(kS + 120 * kSec,
                   TimelineRow::segment(120 * kSec, 3, SegmentKind::Product, "Serum B", false));
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
    schedule.apply(kS + 10 * kSec,
                   TimelineRow::offerAnnounced(10 * kSec, "F1", "A", 50, 9900, 10, false, ""));
    schedule.apply(kS + 20 * kSec, TimelineRow::offerOnSale(20 * kSec, "F1", "countdown"));
    schedule.apply(kS + 50 * kSec, TimelineRow::offerSoldOut(50 * kSec, "F1", 30000, 50));
    schedule.apply(kS + 60 * kSec,
                   TimelineRow::offerAnnounced(60 * kSec, "F2", "B", 10, 1000, 10, false, ""));
    schedule.apply(kS + 70 * kSec, TimelineRow::offerOnSale(70 * kSec, "F2", "countdown"));
    schedule.apply(kS + 100 * kSec, TimelineRow::offerEnded(100 * kSec, "F2", OfferEnd::TimeUp, 3));
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
    schedule.apply(kS + 110 * kSec,
                   TimelineRow::offerAnnounced(110 * kSec, "F3", "C", 5, 500, 10, false, ""));
    schedule.apply(kS + 115 * kSec, TimelineRow::offerEnded(115 * kSec, "F3", OfferEnd::StoppedBeforeLaunch,
                                                            5)); // called off before launch
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

} // namespace
