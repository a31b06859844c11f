#include <gtest/gtest.h>

#include "hawker/studio/show/show_controller.hpp"

using namespace hawker::studio;

namespace {
ShowSpec rundownShow() {
    return parseShow(R"(
[[sources]]
id = "cam"
url = "x"
[[scenes]]
id = "host"
slots = [ { name = "card", rect = [0, 0, 900, 300] }, { name = "countdown", rect = [0, 400, 420, 200] } ]
[[scenes]]
id = "closeup"
slots = [ { name = "card", rect = [0, 0, 900, 300] } ]
[program]
scene = "host"
preview = "host"
[[products]]
sku = "S1"
name = "精华液"
price_cents = 29900
stock = 100
[[offers]]
id = "flash"
sku = "S1"
price_cents = 9900
quantity = 20
[[rundown]]
kind = "opening"
title = "开场"
planned_s = 60
[[rundown]]
kind = "product"
title = "讲解精华液"
planned_s = 120
sku = "S1"
scene = "closeup"
talking_points = ["成分", "肤感"]
[[rundown]]
kind = "offer"
title = "秒杀"
planned_s = 300
offer = "flash"
[[rundown]]
kind = "qa"
title = "答疑"
planned_s = 60
scene = "host"
auto_apply = false
[[rundown]]
kind = "closing"
planned_s = 30
scene = "host"
)",
                     "show.toml", "/");
}
const Actor kOperator{"op", Role::Operator};
const Actor kMerchandiser{"lin", Role::Merchandiser};

struct Timeline {
    std::vector<std::string> events;
    void attach(ShowController& controller) {
        controller.setTimelineHook([this](const TimelineRow& row) {
            events.push_back(std::to_string(row.programMs) + " " + toString(row.kind) + " " + row.text());
        });
    }
};
} // namespace

TEST(Rundown, NextAppliesTheSegmentsSceneAndCard) {
    const ShowSpec show = rundownShow();
    ShowController controller(show);
    Timeline timeline;
    timeline.attach(controller);
    controller.execute(Command::named("approve", {{"card", "S1"}}), kMerchandiser, 0);
    controller.execute(Command::named("approve", {{"offer", "flash"}}), kMerchandiser, 0);
    ASSERT_TRUE(controller.execute(Command::named("rundown.next", {}), kOperator, 1000).ok);
    EXPECT_EQ(controller.snapshot()->rundown.current, 0);
    ASSERT_TRUE(controller.execute(Command::named("rundown.next", {}), kOperator, 61000).ok);
    auto state = controller.snapshot();
    EXPECT_EQ(state->rundown.current, 1);
    EXPECT_EQ(state->rundown.segmentStartMs, 61000);
    EXPECT_EQ(state->program, "closeup");
    ASSERT_TRUE(state->graphics.count("card"));
    EXPECT_EQ(state->graphics.at("card").sku, "S1");
    // The offer segment starts the planned flash sale.
    ASSERT_TRUE(controller.execute(Command::named("rundown.next", {}), kOperator, 180000).ok);
    state = controller.snapshot();
    ASSERT_TRUE(state->offers.count("countdown"));
    EXPECT_EQ(state->offers.at("countdown").id, "flash");
    EXPECT_EQ(state->offers.at("countdown").quantity, 20);
    // An offer segment keeps the card of the product on sale.
    EXPECT_FALSE(state->graphics.at("card").hiddenAtMs.has_value());
    // The card the rundown put up comes down in a segment without a product.
    ASSERT_TRUE(controller.execute(Command::named("rundown.goto", {{"index", "5"}}), kOperator, 500000).ok);
    EXPECT_TRUE(controller.snapshot()->graphics.at("card").hiddenAtMs.has_value());
    const std::vector<std::string> expectedStart = {
        "1000 segment #1 opening 开场", "61000 segment #2 product 讲解精华液", "61000 program closeup (fade)",
        "61000 card_shown S1 (slot card)", "180000 segment #3 offer 秒杀"};
    ASSERT_GE(timeline.events.size(), expectedStart.size());
    for (size_t i = 0; i < expectedStart.size(); ++i)
        EXPECT_EQ(timeline.events[i], expectedStart[i]);
}

TEST(Rundown, ASegmentWithoutAutoApplyOnlyAdvances) {
    const ShowSpec show = rundownShow();
    ShowController controller(show);
    controller.execute(Command::named("rundown.goto", {{"index", "2"}, {"apply", "false"}}), kOperator, 0);
    auto state = controller.snapshot();
    EXPECT_EQ(state->rundown.current, 1);
    EXPECT_EQ(state->program, "host") << "apply=false leaves the program alone";
    EXPECT_FALSE(state->graphics.count("card"));
    controller.execute(Command::named("rundown.goto", {{"index", "4"}}), kOperator, 1000);
    EXPECT_EQ(controller.snapshot()->rundown.current, 3);
    // Q&A is auto_apply = false in the show; apply=true on the command overrides it.
    controller.execute(Command::cut("closeup"), kOperator, 1500);
    controller.execute(Command::named("rundown.goto", {{"index", "4"}, {"apply", "true"}}), kOperator, 2000);
    EXPECT_EQ(controller.snapshot()->program, "host");
}

TEST(Rundown, OverrunIsFlaggedOnceAndTheEndIsClear) {
    const ShowSpec show = rundownShow();
    ShowController controller(show);
    Timeline timeline;
    timeline.attach(controller);
    controller.execute(Command::named("rundown.goto", {{"index", "5"}}), kOperator, 0);
    controller.settle(30000);
    EXPECT_FALSE(controller.snapshot()->rundown.overrunLogged);
    controller.settle(30001);
    controller.settle(40000);
    EXPECT_TRUE(controller.snapshot()->rundown.overrunLogged);
    EXPECT_EQ(
        std::count_if(timeline.events.begin(), timeline.events.end(),
                      [](const std::string& e) { return e.find("segment_overrun") != std::string::npos; }),
        1);
    const CommandResult pastEnd = controller.execute(Command::named("rundown.next", {}), kOperator, 41000);
    EXPECT_FALSE(pastEnd.ok);
    EXPECT_NE(pastEnd.message.find("last segment"), std::string::npos);
    EXPECT_FALSE(controller.execute(Command::named("rundown.goto", {{"index", "9"}}), kOperator, 0).ok);
    EXPECT_FALSE(controller.execute(Command::named("rundown.goto", {{"index", "0"}}), kOperator, 0).ok);
}

TEST(Rundown, UnapprovedCardIsReportedButTheRundownStillAdvances) {
    const ShowSpec show = rundownShow();
    ShowController controller(show);
    controller.execute(Command::named("rundown.next", {}), kOperator, 0);
    const CommandResult result = controller.execute(Command::named("rundown.next", {}), kOperator, 1000);
    EXPECT_TRUE(result.ok);
    EXPECT_NE(result.message.find("card S1 refused"), std::string::npos) << result.message;
    // The console says the same steps in Chinese, the refusal and its approvers included.
    const std::string zh = i18n::say(i18n::Language::ZhCN, result.said);
    EXPECT_EQ(
        zh.rfind("环节 2 讲解精华液；场景 closeup；商品卡 S1 被拒绝：card.show：card S1 尚未审核通过", 0), 0u)
        << zh;
    EXPECT_NE(zh.find("须先由选品运营或主播审核"), std::string::npos) << zh; // the approvers, each in Chinese
    EXPECT_EQ(i18n::say(i18n::Language::En, result.said), result.message);
    EXPECT_FALSE(controller.snapshot()->graphics.count("card"));
    EXPECT_EQ(controller.snapshot()->rundown.current, 1);
}

TEST(Rundown, TheHostMayAdvanceButNotSwitch) {
    const ShowSpec show = rundownShow();
    ShowController controller(show);
    EXPECT_TRUE(controller.execute(Command::named("rundown.next", {}), Actor{"xiaoya", Role::Host}, 0).ok);
    EXPECT_FALSE(controller.execute(Command::cut("closeup"), Actor{"xiaoya", Role::Host}, 0).ok);
}
