#include <gtest/gtest.h>

#include "hawker/studio/analytics/session_metrics.hpp"
#include "hawker/studio/report/session_comparison.hpp"

using namespace hawker::studio;

namespace {
constexpr int64_t kS = 1700000000000;

ViewerEvent event(EventType type, int64_t ts, int64_t viewer, const std::string& sku = "S1",
                  const std::string& order = "") {
    ViewerEvent e;
    e.id = "e" + std::to_string(ts) + "-" + std::to_string(viewer);
    e.type = type;
    e.ts = ts;
    e.viewer = viewer;
    e.sku = sku;
    e.orderId = order;
    e.amountCents = 990;
    return e;
}
} // namespace

TEST(OfferVariants, ClickersAndBuyersAreCountedPerSaleAndCompared) {
    OnAirSchedule schedule;
    // Two sales of the same product with different deal mechanics, A then B.
    schedule.apply(kS, TimelineRow::offerAnnounced(0, "fA", "S1", 100, 990, 10, false, "A"));
    schedule.apply(kS + 10'000, TimelineRow::offerOnSale(10'000, "fA", "countdown"));
    schedule.apply(kS + 70'000, TimelineRow::offerEnded(70'000, "fA", OfferEnd::TimeUp, 90));
    schedule.apply(kS + 100'000, TimelineRow::offerAnnounced(100'000, "fB", "S1", 100, 990, 10, false, "B"));
    schedule.apply(kS + 110'000, TimelineRow::offerOnSale(110'000, "fB", "countdown"));
    schedule.apply(kS + 170'000, TimelineRow::offerEnded(170'000, "fB", OfferEnd::TimeUp, 60));
    ASSERT_EQ(schedule.offers().size(), 2u);
    EXPECT_EQ(schedule.offers()[0].variant, "A");
    EXPECT_EQ(schedule.offers()[1].variant, "B");

    SessionMetrics metrics(kS, kS + 200'000);
    metrics.setSchedule(&schedule);
    std::vector<ViewerEvent> events;
    events.push_back(event(EventType::ProductClick, kS + 5'000, 99)); // pre-launch: in no sale
    for (int64_t v = 1; v <= 100; ++v)                                // A: 100 clickers, 5 buyers
        events.push_back(event(EventType::ProductClick, kS + 20'000 + v, v));
    for (int64_t v = 1; v <= 5; ++v)
        events.push_back(event(EventType::OrderPaid, kS + 40'000 + v, v, "S1", "a" + std::to_string(v)));
    for (int64_t v = 201; v <= 300; ++v) // B: 100 clickers, 30 buyers
        events.push_back(event(EventType::ProductClick, kS + 120'000 + v, v));
    for (int64_t v = 201; v <= 230; ++v)
        events.push_back(event(EventType::OrderPaid, kS + 140'000 + v, v, "S1", "b" + std::to_string(v)));
    events.push_back(event(EventType::OrderPaid, kS + 190'000, 500, "S1", "late")); // after both sales
    for (const ViewerEvent& e : events)
        metrics.add(e);

    const WindowCounts a = metrics.offerCounts(0), b = metrics.offerCounts(1);
    EXPECT_EQ(a.clickers.size(), 100u);
    EXPECT_EQ(a.buyers.size(), 5u);
    EXPECT_EQ(a.paidOrders, 5);
    EXPECT_EQ(b.clickers.size(), 100u);
    EXPECT_EQ(b.buyers.size(), 30u);

    nlohmann::json offers = nlohmann::json::array(
        {{{"variant", "A"}, {"buyers", 5}, {"click_uv", 100}},
         {{"variant", "B"}, {"buyers", 30}, {"click_uv", 100}},
         {{"variant", ""}, {"buyers", 50}, {"click_uv", 60}}}); // an offer in no test is left out
    const nlohmann::json tests = offerVariantTests(offers);
    ASSERT_EQ(tests.size(), 1u);
    EXPECT_EQ(tests[0]["a"], "A");
    EXPECT_EQ(tests[0]["b"], "B");
    EXPECT_EQ(tests[0]["a_uv"], 100);
    EXPECT_DOUBLE_EQ(tests[0]["b_rate"].get<double>(), 0.30);
    EXPECT_TRUE(tests[0]["significant"].get<bool>()); // 5 % vs 30 % of 100 each: p ≈ 2e-6
    EXPECT_LT(tests[0]["p_value"].get<double>(), 0.001);
    EXPECT_TRUE(
        offerVariantTests(nlohmann::json::array({{{"variant", "A"}, {"buyers", 1}, {"click_uv", 10}}}))
            .empty());
}
