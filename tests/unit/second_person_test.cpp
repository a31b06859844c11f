// Roles mean what they say: a host cannot make a segment act that waits for
// the operator, approval.revoke is the approvers', and the compliance gate's
// second person is a different person, not only a different role.

#include <gtest/gtest.h>

#include "hawker/studio/show/show_controller.hpp"

using namespace hawker::studio;

namespace {
ShowSpec rolesShow(const std::string& extra = "") {
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
[[offers]]
id = "flash"
sku = "S1"
price_cents = 9900
quantity = 20
[[rundown]]
kind = "product"
title = "讲解精华液"
planned_s = 120
sku = "S1"
scene = "closeup"
auto_apply = false
[[rundown]]
kind = "offer"
title = "秒杀"
planned_s = 300
offer = "flash"
)" + extra,
                     "show.toml", "/");
}
const Actor kOperator{"deck", Role::Operator};
const Actor kHost{"xiaoya", Role::Host};
const Actor kMerchandiser{"lin", Role::Merchandiser};
} // namespace

TEST(Roles, AHostCannotMakeASegmentActThatWaitsForTheOperator) {
    const ShowSpec show = rolesShow();
    ShowController controller(show);
    ASSERT_TRUE(controller.execute(Command::named("approve", {{"card", "S1"}}), kMerchandiser, 0).ok);
    const auto before = controller.snapshot();
    const CommandResult forced =
        controller.execute(Command::named("rundown.next", {{"apply", "true"}}), kHost, 100);
    EXPECT_FALSE(forced.ok);
    EXPECT_EQ(forced.failure, CommandResult::Failure::NotAllowed);
    EXPECT_NE(forced.message.find("auto_apply = false"), std::string::npos) << forced.message;
    EXPECT_NE(forced.message.find("a host may only advance it"), std::string::npos) << forced.message;
    EXPECT_EQ(controller.snapshot(), before) << "a refusal changes nothing";

    // Advancing it follows the segment: the rundown moves, the program does not.
    ASSERT_TRUE(controller.execute(Command::named("rundown.next", {}), kHost, 200).ok);
    auto state = controller.snapshot();
    EXPECT_EQ(state->rundown.current, 0);
    EXPECT_EQ(state->program, "host");
    EXPECT_FALSE(state->graphics.count("card"));
}

TEST(Roles, TheOperatorMayApplyASegmentThatWaitsForThem) {
    const ShowSpec show = rolesShow();
    ShowController controller(show);
    ASSERT_TRUE(controller.execute(Command::named("approve", {{"card", "S1"}}), kMerchandiser, 0).ok);
    const CommandResult applied =
        controller.execute(Command::named("rundown.next", {{"apply", "true"}}), kOperator, 100);
    ASSERT_TRUE(applied.ok) << applied.message;
    EXPECT_EQ(controller.snapshot()->program, "closeup");
    EXPECT_TRUE(controller.snapshot()->graphics.count("card"));
}

TEST(Roles, ARevokeObeysApproverRoles) {
    const ShowSpec show = rolesShow("[compliance]\napprover_roles = [\"merchandiser\"]\n");
    ShowController controller(show);
    ASSERT_TRUE(controller.execute(Command::named("approve", {{"card", "S1"}}), kMerchandiser, 0).ok);
    const CommandResult byHost =
        controller.execute(Command::named("approval.revoke", {{"card", "S1"}}), kHost, 10);
    EXPECT_FALSE(byHost.ok);
    EXPECT_EQ(byHost.failure, CommandResult::Failure::NotAllowed);
    EXPECT_NE(byHost.message.find("approval.revoke: the host role does not approve in this show"),
              std::string::npos)
        << byHost.message;
    EXPECT_TRUE(controller.snapshot()->approvals.count("card:S1")) << "still approved";
    EXPECT_TRUE(controller
                    .execute(Command::named("approval.revoke", {{"card", "S1"}}),
                             Actor{"wang", Role::Merchandiser}, 20)
                    .ok);
    EXPECT_FALSE(controller.snapshot()->approvals.count("card:S1"));
}

TEST(Roles, AnApprovalDoesNotCountForTheOneWhoGaveIt) {
    const ShowSpec show = rolesShow();
    ShowController controller(show);
    // lin holds a host token too: the same person with a second role.
    const Actor linAsHost{"lin", Role::Host};
    const Actor linAsOperator{"lin", Role::Operator};
    ASSERT_TRUE(controller.execute(Command::named("approve", {{"card", "S1"}}), linAsHost, 0).ok);
    ASSERT_TRUE(controller.execute(Command::named("approve", {{"offer", "flash"}}), linAsHost, 0).ok);
    const CommandResult own =
        controller.execute(Command::named("card.show", {{"sku", "S1"}}), linAsOperator, 10);
    EXPECT_FALSE(own.ok);
    EXPECT_EQ(own.failure, CommandResult::Failure::NotAllowed);
    EXPECT_NE(own.message.find("card:S1 was approved by lin, who is asking to put it on air"),
              std::string::npos)
        << own.message;
    EXPECT_FALSE(
        controller.execute(Command::named("offer.start", {{"offer", "flash"}}), linAsOperator, 10).ok);
    EXPECT_FALSE(controller.snapshot()->graphics.count("card"));
    // Anyone else may put it on air.
    EXPECT_TRUE(controller.execute(Command::named("card.show", {{"sku", "S1"}}), kOperator, 20).ok);
}

TEST(Roles, TheRundownActsForWhoeverAdvancedIt) {
    const ShowSpec show = rolesShow();
    ShowController controller(show);
    // The host approved the offer herself, then advances to its segment.
    ASSERT_TRUE(controller.execute(Command::named("rundown.next", {}), kHost, 0).ok);
    ASSERT_TRUE(controller.execute(Command::named("approve", {{"offer", "flash"}}), kHost, 10).ok);
    ASSERT_TRUE(controller.execute(Command::named("approve", {{"card", "S1"}}), kMerchandiser, 10).ok);
    const CommandResult next = controller.execute(Command::named("rundown.next", {}), kHost, 20);
    ASSERT_TRUE(next.ok) << next.message;
    EXPECT_NE(next.message.find("offer flash refused: offer.start: offer:flash was approved by xiaoya"),
              std::string::npos)
        << next.message;
    EXPECT_TRUE(controller.snapshot()->offers.empty()) << "her own approval does not start the sale";
    EXPECT_TRUE(controller.snapshot()->graphics.count("card")) << "the merchandiser's card is on";
}
