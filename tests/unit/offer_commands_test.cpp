#include <gtest/gtest.h>

#include "hawker/studio/engine/graphic_content_builder.hpp"
#include "hawker/studio/show/show_controller.hpp"
#include "hawker/studio/show/source_logins.hpp"

using namespace hawker::studio;

namespace {
ShowSpec showWithProducts() {
    return parseShow(R"(
[[sources]]
id = "cam"
url = "x"
[[scenes]]
id = "a"
slots = [ { name = "card", rect = [0, 0, 900, 300] }, { name = "countdown", rect = [0, 400, 420, 200] } ]
[[products]]
sku = "S1"
name = "精华液"
price_cents = 29900
original_price_cents = 45900
stock = 500
link = 3
[compliance]
approval_required = false # the gate has its own tests (compliance_test.cpp)
)",
                     "show.toml", "/");
}
const Actor kOperator{"op", Role::Operator};

Command offerStart(int prelaunch = 10, int duration = 60, int quantity = 100, int limit = 0) {
    return Command::named("offer.start", {{"sku", "S1"},
                                          {"price_cents", "9900"},
                                          {"quantity", std::to_string(quantity)},
                                          {"prelaunch_s", std::to_string(prelaunch)},
                                          {"duration_s", std::to_string(duration)},
                                          {"per_buyer_limit", std::to_string(limit)}});
}
Command sell(int quantity) {
    return Command::named("offer.sell", {{"quantity", std::to_string(quantity)}});
}
} // namespace

TEST(OfferCommands, PreLaunchThenOnSaleThenEndedByTime) {
    const ShowSpec show = showWithProducts();
    ShowController controller(show);
    std::vector<std::string> timeline;
    controller.setTimelineHook([&](const TimelineRow& row) {
        timeline.push_back(std::to_string(row.programMs) + " " + toString(row.kind) + " " + row.text());
    });
    ASSERT_TRUE(controller.execute(offerStart(10, 60), kOperator, 1000).ok);
    auto state = controller.snapshot();
    const OfferState& offer = state->offers.at("countdown");
    EXPECT_EQ(offer.phase, OfferState::Phase::PreLaunch);
    EXPECT_EQ(offer.launchAtMs, 11000);
    EXPECT_EQ(offer.endAtMs, 71000);
    EXPECT_EQ(state->graphics.at("countdown").kind, "countdown");
    controller.settle(10999);
    EXPECT_EQ(controller.snapshot()->offers.at("countdown").phase, OfferState::Phase::PreLaunch);
    controller.settle(11000);
    EXPECT_EQ(controller.snapshot()->offers.at("countdown").phase, OfferState::Phase::OnSale);
    controller.settle(71000);
    EXPECT_EQ(controller.snapshot()->offers.at("countdown").phase, OfferState::Phase::Ended);
    ASSERT_EQ(timeline.size(), 3u); // every transition is on the on-air timeline
    EXPECT_NE(timeline[1].find("on_sale"), std::string::npos);
    EXPECT_NE(timeline[2].find("ended"), std::string::npos);
}

TEST(OfferCommands, SellingDuringPreLaunchIsRefused) {
    const ShowSpec show = showWithProducts();
    ShowController controller(show);
    controller.execute(offerStart(), kOperator, 0);
    const CommandResult early = controller.execute(sell(5), kOperator, 500);
    EXPECT_FALSE(early.ok);
    EXPECT_NE(early.message.find("pre_launch"), std::string::npos);
    EXPECT_EQ(controller.snapshot()->offers.at("countdown").remaining, 100);
}

TEST(OfferCommands, SoldOutDuringPreLaunchNeverGoesOnSale) {
    const ShowSpec show = showWithProducts();
    ShowController controller(show);
    std::vector<std::string> timeline;
    controller.setTimelineHook([&](const TimelineRow& row) {
        timeline.push_back(std::string(toString(row.kind)) + " " + row.text());
    });
    ASSERT_TRUE(controller.execute(offerStart(30, 60, 50), kOperator, 0).ok);
    // The shop sells the last units elsewhere while the countdown runs.
    ASSERT_TRUE(
        controller.execute(Command::named("card.update", {{"sku", "S1"}, {"stock", "0"}}), kOperator, 5000)
            .ok);
    controller.settle(5000);
    auto state = controller.snapshot();
    EXPECT_EQ(state->offers.at("countdown").phase, OfferState::Phase::SoldOut);
    EXPECT_EQ(*state->offers.at("countdown").soldOutAtMs, 5000);
    controller.settle(30000); // launch time passes: it stays sold out
    EXPECT_EQ(controller.snapshot()->offers.at("countdown").phase, OfferState::Phase::SoldOut);
    EXPECT_FALSE(controller.execute(sell(1), kOperator, 31000).ok);
    ASSERT_FALSE(timeline.empty());
    EXPECT_NE(timeline.back().find("sold_out before launch"), std::string::npos) << timeline.back();
}

TEST(OfferCommands, LowStockAtLaunchCapsTheSale) {
    const ShowSpec show = showWithProducts();
    ShowController controller(show);
    ASSERT_TRUE(controller.execute(offerStart(10, 60, 100), kOperator, 0).ok);
    controller.execute(Command::named("card.update", {{"sku", "S1"}, {"stock", "3"}}), kOperator, 1000);
    controller.settle(10000);
    EXPECT_EQ(controller.snapshot()->offers.at("countdown").remaining, 3);
    EXPECT_FALSE(controller.execute(sell(4), kOperator, 10100).ok);
    EXPECT_TRUE(controller.execute(sell(3), kOperator, 10200).ok);
    EXPECT_EQ(controller.snapshot()->offers.at("countdown").phase, OfferState::Phase::SoldOut);
}

TEST(OfferCommands, RacingOrdersForTheLastUnitsNeverOversell) {
    const ShowSpec show = showWithProducts();
    ShowController controller(show);
    controller.execute(offerStart(10, 60, 10), kOperator, 0);
    controller.settle(10000);
    EXPECT_TRUE(controller.execute(sell(8), kOperator, 10100).ok);
    // Two buyers race for the last 2: an order for more than is left is
    // refused whole (never oversold), the one that fits takes them.
    const CommandResult tooMany = controller.execute(sell(3), kOperator, 10150);
    EXPECT_FALSE(tooMany.ok);
    EXPECT_NE(tooMany.message.find("only 2"), std::string::npos) << tooMany.message;
    EXPECT_TRUE(controller.execute(sell(2), kOperator, 10200).ok);
    const auto state = controller.snapshot();
    EXPECT_EQ(state->offers.at("countdown").remaining, 0);
    EXPECT_EQ(state->offers.at("countdown").phase, OfferState::Phase::SoldOut);
    EXPECT_EQ(*state->offers.at("countdown").soldOutAtMs, 10200);
    EXPECT_FALSE(controller.execute(sell(1), kOperator, 10300).ok);
}

TEST(OfferCommands, PerBuyerLimitAndStopDuringCountdown) {
    const ShowSpec show = showWithProducts();
    ShowController controller(show);
    controller.execute(offerStart(10, 60, 100, 2), kOperator, 0);
    controller.settle(10000);
    auto buy = [](int quantity, const std::string& buyer) {
        return Command::named("offer.sell", {{"quantity", std::to_string(quantity)}, {"buyer", buyer}});
    };
    EXPECT_FALSE(controller.execute(buy(3, "viewer-a"), kOperator, 10100).ok);
    EXPECT_TRUE(controller.execute(buy(1, "viewer-a"), kOperator, 10100).ok);
    // The limit is per buyer over the whole sale, not per order.
    EXPECT_TRUE(controller.execute(buy(1, "viewer-a"), kOperator, 10150).ok);
    EXPECT_FALSE(controller.execute(buy(1, "viewer-a"), kOperator, 10200).ok);
    EXPECT_TRUE(controller.execute(buy(2, "viewer-b"), kOperator, 10250).ok);
    EXPECT_FALSE(controller.execute(sell(1), kOperator, 10300).ok) << "a limited sale needs the buyer";
    // Buyers are kept only as salted hashes.
    for (const auto& [buyer, units] : controller.snapshot()->offers.at("countdown").boughtBy) {
        EXPECT_EQ(buyer.find("viewer"), std::string::npos);
        EXPECT_EQ(buyer.size(), 32u);
        EXPECT_EQ(units, 2);
    }
    ShowController second(show);
    second.execute(offerStart(), kOperator, 0);
    EXPECT_TRUE(second.execute(Command::named("offer.stop", {}), kOperator, 3000).ok);
    EXPECT_EQ(second.snapshot()->offers.at("countdown").phase, OfferState::Phase::Ended);
    EXPECT_FALSE(second.execute(Command::named("offer.stop", {}), kOperator, 3100).ok);
}

TEST(OfferCommands, AnUnlimitedSaleKeepsNoTableOfBuyers) {
    // Every command copies the state and every change stores it: a table that
    // grows with each new buyer would grow both without bound over a long show.
    const ShowSpec show = showWithProducts();
    ShowController controller(show);
    ASSERT_TRUE(controller.execute(offerStart(10, 600, 500), kOperator, 0).ok);
    controller.settle(10000);
    auto buy = [](const std::string& buyer) {
        return Command::named("offer.sell", {{"quantity", "1"}, {"buyer", buyer}});
    };
    ASSERT_TRUE(controller.execute(buy("viewer-0"), kOperator, 10001).ok);
    const size_t storedAfterOne = storedStateJson(*controller.snapshot()).size();
    for (int i = 1; i < 400; ++i)
        ASSERT_TRUE(controller.execute(buy("viewer-" + std::to_string(i)), kOperator, 10001 + i).ok);
    const auto state = controller.snapshot();
    const OfferState& offer = state->offers.at("countdown");
    EXPECT_EQ(offer.orders, 400);
    EXPECT_EQ(offer.remaining, 100);
    EXPECT_TRUE(offer.boughtBy.empty());
    // Only numbers change (a few more digits), not one entry per buyer.
    EXPECT_LE(storedStateJson(*state).size(), storedAfterOne + 16);
}

TEST(OfferCommands, BadArgumentsAreRefusedAndChangeNothing) {
    const ShowSpec show = showWithProducts();
    ShowController controller(show);
    const auto before = controller.snapshot();
    EXPECT_FALSE(controller.execute(offerStart(5), kOperator, 0).ok);      // pre-launch under 10 s
    EXPECT_FALSE(controller.execute(offerStart(10, 30), kOperator, 0).ok); // sale under 1 min
    EXPECT_FALSE(controller.execute(offerStart(10, 60, 0), kOperator, 0).ok);
    auto pricey = offerStart();
    pricey.args["price_cents"] = "99999"; // above the list price
    EXPECT_FALSE(controller.execute(pricey, kOperator, 0).ok);
    auto unknown = offerStart();
    unknown.args["sku"] = "NOPE";
    EXPECT_FALSE(controller.execute(unknown, kOperator, 0).ok);
    auto text = offerStart();
    text.args["quantity"] = "ten";
    EXPECT_FALSE(controller.execute(text, kOperator, 0).ok);
    EXPECT_EQ(controller.snapshot(), before);
    EXPECT_FALSE(controller.execute(Command::named("card.show", {{"sku", "NOPE"}}), kOperator, 0).ok);
    EXPECT_FALSE(
        controller
            .execute(Command::named("graphic.show", {{"slot", "x"}, {"kind", "fireworks"}}), kOperator, 0)
            .ok);
    EXPECT_FALSE(controller.execute(Command::named("card.hide", {}), kOperator, 0).ok);
    EXPECT_EQ(controller.snapshot(), before);
}

TEST(OfferCommands, ASecondSaleWaitsForTheFirst) {
    const ShowSpec show = showWithProducts();
    ShowController controller(show);
    controller.execute(offerStart(), kOperator, 0);
    EXPECT_FALSE(controller.execute(offerStart(), kOperator, 100).ok);
    controller.execute(Command::named("offer.stop", {}), kOperator, 200);
    EXPECT_TRUE(controller.execute(Command::named("offer.hide", {}), kOperator, 300).ok);
    EXPECT_TRUE(controller.execute(offerStart(), kOperator, 400).ok);
}

TEST(CardCommands, ShowUpdateHideAndLinger) {
    const ShowSpec show = showWithProducts();
    ShowController controller(show);
    ASSERT_TRUE(controller.execute(Command::named("card.show", {{"sku", "S1"}}), kOperator, 1000).ok);
    ASSERT_TRUE(
        controller.execute(Command::named("card.update", {{"sku", "S1"}, {"sold", "77"}}), kOperator, 1100)
            .ok);
    EXPECT_FALSE(
        controller.execute(Command::named("card.update", {{"sku", "S1"}, {"sold", "-3"}}), kOperator, 1100)
            .ok);
    ASSERT_TRUE(controller.execute(Command::named("card.hide", {}), kOperator, 2000).ok);
    auto state = controller.snapshot();
    ASSERT_TRUE(state->graphics.count("card")); // still there while it animates out
    EXPECT_EQ(*state->graphics.at("card").hiddenAtMs, 2000);
    controller.settle(3000);
    EXPECT_FALSE(controller.snapshot()->graphics.count("card"));

    GraphicContentBuilder builder(show, {});
    SlotGraphic card{"card", "S1", {}, 0, std::nullopt};
    auto content = builder.build("card", card, *state, 2000);
    ASSERT_TRUE(content);
    const auto& cardContent = std::get<hawker::overlay::ProductCardContent>(*content);
    EXPECT_EQ(cardContent.soldCount, 77);
    EXPECT_EQ(cardContent.stockLeft, 500);
    EXPECT_EQ(cardContent.linkIndex, 3);
}

TEST(CardCommands, CountdownContentFollowsTheClock) {
    const ShowSpec show = showWithProducts();
    ShowController controller(show);
    controller.execute(offerStart(10, 60), kOperator, 0);
    GraphicContentBuilder builder(show, {});
    auto seconds = [&](int64_t now) {
        controller.settle(now);
        auto state = controller.snapshot();
        auto content = builder.build("countdown", state->graphics.at("countdown"), *state, now);
        return std::get<hawker::overlay::CountdownContent>(*content);
    };
    EXPECT_EQ(seconds(0).secondsLeft, 10);
    EXPECT_EQ(seconds(1).secondsLeft, 10); // 9.999 s left still reads 00:10
    EXPECT_EQ(seconds(1000).secondsLeft, 9);
    const auto onSale = seconds(10000);
    EXPECT_EQ(onSale.phase, hawker::overlay::CountdownContent::Phase::OnSale);
    EXPECT_EQ(onSale.secondsLeft, 60);
    EXPECT_EQ(onSale.originalPriceCents, 29900);
}

TEST(CardCommands, ViewerNamesAreMaskedOnScreen) {
    EXPECT_EQ(maskViewerName("小鹿乱撞8"), "小***8");
    EXPECT_EQ(maskViewerName("ab"), "a***");
    EXPECT_EQ(maskViewerName(""), "***");
}
