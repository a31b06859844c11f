// The funnel's step-to-step shares, and the steps that are not comparable: a step that counts more
// people than the step before (orders without a cart event) or than the viewers has no share, and says why.

#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/funnel.hpp"
#include "hawker/studio/report/report_html.hpp"
#include "hawker/studio/report/review_model.hpp"

using namespace hawker::studio;
using nlohmann::json;

TEST(Funnel, SharesOfThePreviousStepAndOfTheViewers) {
    const json summary = {{"uv", 1000},
                          {"product_click_uv", 200},
                          {"add_to_cart_uv", 50},
                          {"order_created_uv", 40},
                          {"buyers", 30}};
    const auto steps = funnelSteps(summary);
    ASSERT_EQ(steps.size(), 5u);
    EXPECT_EQ(steps[0].key, "uv");
    EXPECT_FALSE(steps[0].ofPrevious);
    EXPECT_DOUBLE_EQ(*steps[1].ofPrevious, 0.2);  // 200 ÷ 1000
    EXPECT_DOUBLE_EQ(*steps[2].ofPrevious, 0.25); // 50 ÷ 200
    EXPECT_DOUBLE_EQ(*steps[4].ofPrevious, 0.75); // 30 ÷ 40
    EXPECT_DOUBLE_EQ(*steps[4].ofViewers, 0.03);  // 30 ÷ 1000
    for (const FunnelStep& s : steps)
        EXPECT_EQ(s.notComparable, "") << s.key;
}

TEST(Funnel, AStepLargerThanTheOneBeforeIsNotComparable) {
    // Orders came from a webhook without cart events: 0 carts, 25 orders. Before, this read "2500 %".
    const json summary = {{"uv", 1000},
                          {"product_click_uv", 1},
                          {"add_to_cart_uv", 0},
                          {"order_created_uv", 25},
                          {"buyers", 25}};
    const auto steps = funnelSteps(summary);
    ASSERT_EQ(steps.size(), 5u);
    EXPECT_DOUBLE_EQ(*steps[2].ofPrevious, 0.0); // 0 of 1 is a real 0 %
    EXPECT_FALSE(steps[3].ofPrevious);           // 25 after 0
    EXPECT_FALSE(steps[3].ofViewers);
    EXPECT_NE(steps[3].notComparable.find("no Added to cart"), std::string::npos) << steps[3].notComparable;
    EXPECT_DOUBLE_EQ(*steps[4].ofPrevious, 1.0); // 25 of 25 stands

    const json more = {{"uv", 100}, {"product_click_uv", 10}, {"add_to_cart_uv", 4}, {"order_created_uv", 9}};
    const auto larger = funnelSteps(more);
    ASSERT_EQ(larger.size(), 4u);
    EXPECT_FALSE(larger[3].ofPrevious);
    EXPECT_NE(larger[3].notComparable.find("more than Added to cart"), std::string::npos);

    // Buyers from an export who were never seen watching: more buyers than viewers.
    const json unseen = {{"uv", 3}, {"buyers", 12}};
    const auto buyers = funnelSteps(unseen);
    ASSERT_EQ(buyers.size(), 2u);
    EXPECT_FALSE(buyers[1].ofViewers);
    EXPECT_FALSE(buyers[1].notComparable.empty());

    const json asJson = funnelJson(steps);
    EXPECT_TRUE(asJson[3]["of_previous"].is_null());
    EXPECT_EQ(asJson[3]["not_comparable"], steps[3].notComparable);
    EXPECT_EQ(asJson[1]["of_previous"], 0.001);
}

TEST(Funnel, TheReportAndTheReviewShowTheReasonNotAPercentageOver100) {
    const json summary = {{"uv", 1000},          {"product_click_uv", 1},
                          {"add_to_cart_uv", 0}, {"order_created_uv", 25},
                          {"buyers", 25},        {"conversion_rate", 0.025}};
    const json report = {{"summary", summary}};
    const std::string html = renderReportHtml(report);
    EXPECT_EQ(html.find("2,500"), std::string::npos);
    EXPECT_EQ(html.find("2500"), std::string::npos);
    EXPECT_NE(html.find("step-rate not-comparable"), std::string::npos);
    EXPECT_NE(html.find("不可比"), std::string::npos);

    const ReviewModel model = prepareReview(report);
    ASSERT_EQ(model.overview.funnel.size(), 5u);
    EXPECT_EQ(model.overview.funnel[2].value, 0); // the uncounted step stays, as 0
    EXPECT_FALSE(model.overview.funnel[3].ofPrevious);
    EXPECT_FALSE(model.overview.funnel[3].notComparable.empty());
}
