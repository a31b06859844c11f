#include <gtest/gtest.h>

#include "hawker/studio/base/phrase.hpp"
#include "hawker/studio/show/show_controller.hpp"

using namespace hawker::studio;
using i18n::Language;
using i18n::Phrase;

namespace {
ShowSpec twoScenes() {
    return parseShow(R"(
[[sources]]
id = "cam"
url = "x"
[[scenes]]
id = "a"
[[scenes]]
id = "b"
[program]
scene = "a"
preview = "b"
)",
                     "show.toml", "/");
}
} // namespace

TEST(Phrase, IsSaidInEitherLanguageWithItsValues) {
    const Phrase phrase{"answers.no_scene", {{"command", "cut"}, {"scene", "'studio'"}}};
    EXPECT_EQ(i18n::say(Language::En, phrase), "cut: no scene 'studio'");
    EXPECT_EQ(i18n::say(Language::ZhCN, phrase), "cut：没有场景 'studio'");
}

TEST(Phrase, AKeyValueAndANestedPhraseFollowTheLanguage) {
    const Phrase role{"answers.role_may_not_run", {{"role", roleKey(Role::Host), true}, {"command", "take"}}};
    EXPECT_EQ(i18n::say(Language::En, role), "the host role may not run take");
    EXPECT_EQ(i18n::say(Language::ZhCN, role), "主播角色不能执行 take");
    Phrase segment{"answers.segment", {{"number", "2"}, {"title", "讲解"}}};
    segment.more.push_back({"answers.step_scene", {{"scene", "closeup"}}});
    segment.more.push_back(
        {"answers.step_refused",
         {i18n::phraseArg("step", {"answers.step_card", {{"sku", "S1"}}}), i18n::phraseArg("reason", role)}});
    EXPECT_EQ(i18n::say(Language::En, segment),
              "segment 2 讲解; scene closeup; card S1 refused: the host role may not run take");
    EXPECT_EQ(i18n::say(Language::ZhCN, segment),
              "环节 2 讲解；场景 closeup；商品卡 S1 被拒绝：主播角色不能执行 take");
}

TEST(Phrase, NothingToSayIsEmptyAndAMissingKeyShowsItself) {
    EXPECT_EQ(i18n::say(Language::ZhCN, Phrase{}), "");
    EXPECT_EQ(i18n::say(Language::ZhCN, Phrase{"answers.no_such_answer", {{"x", "1"}}}),
              "answers.no_such_answer");
}

TEST(CommandAnswers, AnAnswerIsEnglishForTheApiAndSaidInChineseForTheConsole) {
    const ShowSpec show = twoScenes();
    ShowController controller(show);
    const CommandResult refused = controller.execute(Command::cut("nowhere"), {"tester", Role::Operator}, 0);
    EXPECT_FALSE(refused.ok);
    EXPECT_EQ(refused.message, "cut: no scene 'nowhere'");
    EXPECT_EQ(i18n::say(Language::En, refused.said), refused.message);
    EXPECT_EQ(i18n::say(Language::ZhCN, refused.said), "cut：没有场景 'nowhere'");
    const CommandResult notYours = controller.execute(Command::take(), {"lin", Role::Merchandiser}, 0);
    EXPECT_EQ(notYours.message, "the merchandiser role may not run take");
    EXPECT_EQ(i18n::say(Language::ZhCN, notYours.said), "选品运营角色不能执行 take");
    const CommandResult taken = controller.execute(Command::take(), {"tester", Role::Operator}, 0);
    EXPECT_TRUE(taken.ok);
    EXPECT_EQ(taken.message, "take b");
    EXPECT_EQ(i18n::say(Language::ZhCN, taken.said), "切换上播 b");
}

TEST(CommandAnswers, AnArgumentRefusalIsSaidInChineseToo) {
    const ShowSpec show = twoScenes();
    ShowController controller(show);
    const Actor op{"tester", Role::Operator};
    const CommandResult notWhole =
        controller.execute(Command::named("coupon.issue", {{"coupon", "C1"}, {"count", "many"}}), op, 0);
    EXPECT_EQ(notWhole.message, "coupon.issue: count must be a whole number, got 'many'");
    EXPECT_EQ(i18n::say(Language::ZhCN, notWhole.said), "coupon.issue：count 须为整数，收到 'many'");
    const CommandResult missing = controller.execute(Command::named("coupon.issue", {}), op, 0);
    EXPECT_EQ(missing.message, "coupon.issue: coupon is missing");
    EXPECT_EQ(i18n::say(Language::ZhCN, missing.said), "coupon.issue：缺少 coupon");
    const CommandResult unknown = controller.execute(Command::named("take", {{"speed", "2"}}), op, 0);
    EXPECT_EQ(i18n::say(Language::ZhCN, unknown.said).rfind("take：没有参数 'speed'", 0), 0u)
        << i18n::say(Language::ZhCN, unknown.said);
    // What the argument must be is said in the desk's language too; the choices stay as they are written.
    const CommandResult badChoice =
        controller.execute(Command::named("take", {{"transition", "wipe"}}), op, 0);
    EXPECT_EQ(badChoice.message, "take: transition must be cut, fade or stinger, got 'wipe'");
    EXPECT_EQ(i18n::say(Language::ZhCN, badChoice.said),
              "take：transition 须为 cut, fade 或 stinger，收到 'wipe'");
    const CommandResult badFlag =
        controller.execute(Command::named("rundown.next", {{"apply", "maybe"}}), op, 0);
    EXPECT_EQ(badFlag.message, "rundown.next: apply must be true or false, got 'maybe'");
    EXPECT_EQ(i18n::say(Language::ZhCN, badFlag.said),
              "rundown.next：apply 须为 true 或 false，收到 'maybe'");
}

TEST(CommandAnswers, ARefusedInputIsSaidInChineseToo) {
    const ShowSpec show = twoScenes();
    ShowController controller(show);
    const CommandResult refused =
        controller.execute(Command::named("source.add", {{"source", "phone"}, {"url", "/srv/clips/a.mp4"}}),
                           {"tester", Role::Operator}, 0);
    EXPECT_EQ(refused.failure, CommandResult::Failure::NotAllowed);
    EXPECT_EQ(refused.message.rfind("source.add: 'file' inputs are not allowed in this show", 0), 0u)
        << refused.message;
    const std::string zh = i18n::say(Language::ZhCN, refused.said);
    EXPECT_EQ(zh.rfind("source.add：本场不允许“file”类输入", 0), 0u) << zh;
}

TEST(CommandAnswers, TransitionAndTemplateNamesAreSaidInTheDesksLanguage) {
    const ShowSpec show = twoScenes();
    ShowController controller(show);
    const Actor op{"tester", Role::Operator};
    const CommandResult fade = controller.execute(Command::setTransition(TransitionKind::Fade, 400), op, 0);
    ASSERT_TRUE(fade.ok) << fade.message;
    EXPECT_EQ(fade.message, "transition fade 400 ms");
    EXPECT_EQ(i18n::say(Language::ZhCN, fade.said), "转场 淡化 400 毫秒");
    Command create =
        Command::named("scene.create", {{"template", "host_pip"}, {"host", "cam"}, {"product", "cam"}});
    create.scene = "pip2";
    const CommandResult made = controller.execute(create, op, 0);
    ASSERT_TRUE(made.ok) << made.message;
    EXPECT_EQ(made.message, "scene pip2 made from Host + product picture-in-picture");
    EXPECT_EQ(i18n::say(Language::ZhCN, made.said), "已用模板 主播 + 商品画中画 创建场景 pip2");
}
