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
    schedule.apply(kS, "offer", "fA pre_launch: 100 of S1 at 990 cents, launch in 10 s variant=A");
    schedule.apply(kS + 10'000, "offer", "fA on_sale (slot countdown)");
    schedule.apply(kS + 70'000, "offer", "fA ended: time up, 90 left");
    schedule.apply(kS + 100'000, "offer", "fB pre_launch: 100 of S1 at 990 cents, launch in 10 s variant=B");
    schedule.apply(kS + 110'000, "offer", "fB on_sale (slot countdown)");
    schedule.apply(kS + 170'000, "offer", "fB ended: time up, 60 left");
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
