#include <gtest/gtest.h>

#include "hawker/studio/show/compliance.hpp"
#include "hawker/studio/show/show_controller.hpp"

using namespace hawker::studio;

namespace {
ShowSpec gatedShow(const std::string& extra = "") {
    return parseShow(R"(
[[sources]]
id = "cam"
url = "x"
[[scenes]]
id = "a"
slots = [ { name = "card", rect = [0, 0, 900, 300] }, { name = "countdown", rect = [0, 400, 420, 200] } ]
[[products]]
sku = "OK-1"
name = "保湿面霜"
price_cents = 15900
selling_points = ["72小时保湿"]
[[products]]
sku = "BAD-1"
name = "精华液"
price_cents = 29900
selling_points = ["温和", "全网最低价"]
[[offers]]
id = "flash"
sku = "OK-1"
title = "限时秒杀"
price_cents = 9900
quantity = 10
[[offers]]
id = "boast"
sku = "OK-1"
title = "第一名的秒杀"
price_cents = 9900
quantity = 10
)" + extra,
                     "show.toml", "/");
}
const Actor kOperator{"op", Role::Operator};
const Actor kMerchandiser{"lin", Role::Merchandiser};
const Actor kHost{"xiaoya", Role::Host};
} // namespace

TEST(Compliance, UnapprovedContentIsRefusedWithAClearMessageAndAudited) {
    const ShowSpec show = gatedShow();
    ShowController controller(show);
    const auto before = controller.snapshot();
    const CommandResult card =
        controller.execute(Command::named("card.show", {{"sku", "OK-1"}}), kOperator, 0);
    EXPECT_FALSE(card.ok);
    EXPECT_EQ(card.failure, CommandResult::Failure::NotAllowed);
    EXPECT_NE(card.message.find("not approved"), std::string::npos) << card.message;
    EXPECT_NE(card.message.find("approve card=OK-1"), std::string::npos) << card.message;
    const CommandResult offer =
        controller.execute(Command::named("offer.start", {{"offer", "flash"}}), kOperator, 0);
    EXPECT_FALSE(offer.ok);
    EXPECT_EQ(controller.snapshot(), before);
    const auto audit = controller.audit();
    ASSERT_EQ(audit.size(), 2u);
    EXPECT_FALSE(audit[0].ok);
    EXPECT_EQ(audit[0].actor.role, Role::Operator);
    EXPECT_NE(audit[0].message.find("not approved"), std::string::npos);
}

TEST(Compliance, ASecondRoleApprovesAndTheApproverAndTimeAreRecorded) {
    const ShowSpec show = gatedShow();
    ShowController controller(show);
    // The operator who airs it cannot approve it.
    const CommandResult self =
        controller.execute(Command::named("approve", {{"card", "OK-1"}}), kOperator, 0);
    EXPECT_FALSE(self.ok);
    EXPECT_EQ(self.failure, CommandResult::Failure::NotAllowed);
    ASSERT_TRUE(controller.execute(Command::named("approve", {{"card", "OK-1"}}), kMerchandiser, 1500).ok);
    const Approval& approval = controller.snapshot()->approvals.at("card:OK-1");
    EXPECT_EQ(approval.who, "lin");
    EXPECT_EQ(approval.role, Role::Merchandiser);
    EXPECT_EQ(approval.programMs, 1500);
    EXPECT_GT(approval.utcMs, 1700000000000);
    EXPECT_TRUE(controller.execute(Command::named("card.show", {{"sku", "OK-1"}}), kOperator, 2000).ok);
    // The host is a second role too; offers are gated on their own.
    ASSERT_TRUE(controller.execute(Command::named("approve", {{"offer", "flash"}}), kHost, 2100).ok);
    EXPECT_TRUE(controller.execute(Command::named("offer.start", {{"offer", "flash"}}), kOperator, 2200).ok);
    // A revoked approval stops the next airing.
    ASSERT_TRUE(
        controller.execute(Command::named("approval.revoke", {{"card", "OK-1"}}), kMerchandiser, 2300).ok);
    controller.execute(Command::named("card.hide", {}), kOperator, 2400);
    controller.settle(4000);
    EXPECT_FALSE(controller.execute(Command::named("card.show", {{"sku", "OK-1"}}), kOperator, 4100).ok);
}

TEST(Compliance, ABannedWordBlocksApprovalAndSaysWhichWord) {
    const ShowSpec show = gatedShow();
    ShowController controller(show);
    const CommandResult card =
        controller.execute(Command::named("approve", {{"card", "BAD-1"}}), kMerchandiser, 0);
    EXPECT_FALSE(card.ok);
    EXPECT_NE(card.message.find("'最'"), std::string::npos) << card.message;
    EXPECT_NE(card.message.find("selling point 2"), std::string::npos) << card.message;
    // On a Chinese desk the field is named in Chinese too.
    const std::string zh = i18n::say(i18n::Language::ZhCN, card.said);
    EXPECT_NE(zh.find("其卖点 2“"), std::string::npos) << zh;
    EXPECT_NE(zh.find("违禁绝对化用语“最”"), std::string::npos) << zh;
    const CommandResult offer =
        controller.execute(Command::named("approve", {{"offer", "boast"}}), kMerchandiser, 0);
    EXPECT_FALSE(offer.ok);
    EXPECT_NE(offer.message.find("'第一'"), std::string::npos) << offer.message;
    EXPECT_TRUE(controller.snapshot()->approvals.empty());
}

TEST(Compliance, TheBannedListIsConfigurable) {
    const ShowSpec show =
        gatedShow("[compliance]\nbanned_words = [\"保湿\"]\napprover_roles = [\"merchandiser\"]\n");
    ShowController controller(show);
    EXPECT_FALSE(controller.execute(Command::named("approve", {{"card", "OK-1"}}), kMerchandiser, 0).ok);
    EXPECT_TRUE(controller.execute(Command::named("approve", {{"card", "BAD-1"}}), kMerchandiser, 0).ok);
    // This show lets only merchandisers approve.
    EXPECT_FALSE(controller.execute(Command::named("approve", {{"offer", "flash"}}), kHost, 0).ok);
    EXPECT_THROW(gatedShow("[compliance]\napprover_roles = [\"operator\"]\n"), ShowFileError);
}

TEST(Compliance, BannedWordsMatchAsciiWithoutCase) {
    const auto hit = findBannedWord({{{"answers.where_title"}, "Top 1 BEST deal"}}, {"best", "100%"});
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->word, "best");
    EXPECT_FALSE(findBannedWord({{{"answers.where_title"}, "温和不刺激"}}, defaultBannedWords()));
    EXPECT_TRUE(findBannedWord({{{"answers.where_title"}, "100%纯天然"}}, defaultBannedWords()));
}

TEST(CommandPolicy, RolesOnlyDoTheirOwnWork) {
    const ShowSpec show = gatedShow();
    ShowController controller(show);
    const CommandResult take = controller.execute(Command::take(), kMerchandiser, 0);
    EXPECT_FALSE(take.ok);
    EXPECT_EQ(take.failure, CommandResult::Failure::NotAllowed);
    EXPECT_FALSE(controller.execute(Command::take(), Actor{"feed", Role::Ingest}, 0).ok);
    EXPECT_FALSE(controller.execute(Command::cut("a"), kHost, 0).ok);
    EXPECT_FALSE(controller.execute(Command::named("launch.rockets", {}), kOperator, 0).ok);
    EXPECT_EQ(controller.audit().size(), 4u);
}
