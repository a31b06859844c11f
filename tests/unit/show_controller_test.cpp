#include <gtest/gtest.h>

#include "hawker/studio/show/show_controller.hpp"
#include "hawker/studio/show/show_state_json.hpp"

using namespace hawker::studio;

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
[[scenes]]
id = "c"
[program]
scene = "a"
preview = "b"
transition = "fade"
transition_ms = 500
)",
                     "show.toml", "/");
}
const Actor kOperator{"tester", Role::Operator};
} // namespace

TEST(ShowController, TakeSwapsBusesAndStartsTheFade) {
    const ShowSpec show = twoScenes();
    ShowController controller(show);
    std::vector<std::string> timeline;
    controller.setTimelineHook([&](const TimelineRow& row) {
        timeline.push_back(std::to_string(row.programMs) + " " + toString(row.kind) + " " + row.text());
    });
    ASSERT_TRUE(controller.execute(Command::take(), kOperator, 1000).ok);
    auto state = controller.snapshot();
    EXPECT_EQ(state->program, "b");
    EXPECT_EQ(state->preview, "a");
    ASSERT_TRUE(state->active);
    EXPECT_EQ(state->active->fromScene, "a");
    EXPECT_DOUBLE_EQ(state->active->progress(1250), 0.5);
    controller.settle(1400);
    EXPECT_TRUE(controller.snapshot()->active);
    controller.settle(1500);
    EXPECT_FALSE(controller.snapshot()->active);
    ASSERT_EQ(timeline.size(), 1u);
    EXPECT_EQ(timeline[0], "1000 program b (fade)");
}

TEST(ShowController, CutIsImmediateAndPreviewStays) {
    const ShowSpec show = twoScenes();
    ShowController controller(show);
    ASSERT_TRUE(controller.execute(Command::cut("c"), kOperator, 0).ok);
    auto state = controller.snapshot();
    EXPECT_EQ(state->program, "c");
    EXPECT_EQ(state->preview, "b");
    EXPECT_FALSE(state->active);
}

TEST(ShowController, TransitionSettingsApplyToTheNextTake) {
    const ShowSpec show = twoScenes();
    ShowController controller(show);
    ASSERT_TRUE(
        controller.execute(Command::setTransition(TransitionKind::Cut, std::nullopt), kOperator, 0).ok);
    ASSERT_TRUE(controller.execute(Command::take(), kOperator, 10).ok);
    EXPECT_FALSE(controller.snapshot()->active);
    EXPECT_FALSE(controller.execute(Command::setTransition(std::nullopt, 20000), kOperator, 0).ok);
}

TEST(ShowController, BadCommandsAreRefusedChangeNothingAndAreAudited) {
    const ShowSpec show = twoScenes();
    ShowController controller(show);
    const auto before = controller.snapshot();
    const CommandResult unknownScene = controller.execute(Command::preview("zzz"), kOperator, 5);
    EXPECT_FALSE(unknownScene.ok);
    EXPECT_NE(unknownScene.message.find("zzz"), std::string::npos);
    EXPECT_FALSE(controller.execute(Command::named("dance", {}), kOperator, 6).ok);
    EXPECT_FALSE(controller.execute(Command::cut(""), kOperator, 7).ok);
    EXPECT_EQ(controller.snapshot(), before); // same snapshot object: nothing published
    const auto audit = controller.audit();
    ASSERT_EQ(audit.size(), 3u);
    EXPECT_EQ(audit[0].actor.role, Role::Operator);
    EXPECT_FALSE(audit[0].ok);
    EXPECT_EQ(audit[2].programMs, 7);
}

TEST(ShowController, ATakeDuringAFadeFinishesItFirst) {
    const ShowSpec show = twoScenes();
    ShowController controller(show);
    controller.execute(Command::take(), kOperator, 0);
    controller.execute(Command::take(), kOperator, 100);
    auto state = controller.snapshot();
    EXPECT_EQ(state->program, "a");
    ASSERT_TRUE(state->active);
    EXPECT_EQ(state->active->fromScene, "b");
    EXPECT_EQ(state->active->startMs, 100);
}

TEST(ShowController, AudioLevelsAreShowStateWithCheckedCommands) {
    const ShowSpec show = parseShow(R"(
[[sources]]
id = "cam"
url = "x"
audio = true
gain_db = -3.0
[[audio]]
id = "mic"
url = "y"
muted = true
[[scenes]]
id = "a"
)",
                                    "show.toml", "/");
    ShowController controller(show);
    auto state = controller.snapshot();
    ASSERT_EQ(state->audio.size(), 2u);
    EXPECT_FLOAT_EQ(state->audio.at("cam").gainDb, -3.0f);
    EXPECT_TRUE(state->audio.at("mic").muted);
    EXPECT_TRUE(
        controller.execute(Command::named("audio.gain", {{"input", "cam"}, {"db", "-12.5"}}), kOperator, 0)
            .ok);
    EXPECT_TRUE(
        controller.execute(Command::named("audio.mute", {{"input", "mic"}, {"muted", "false"}}), kOperator, 0)
            .ok);
    state = controller.snapshot();
    EXPECT_FLOAT_EQ(state->audio.at("cam").gainDb, -12.5f);
    EXPECT_FALSE(state->audio.at("mic").muted);
    EXPECT_FALSE(
        controller.execute(Command::named("audio.gain", {{"input", "cam"}, {"db", "99"}}), kOperator, 0).ok);
    EXPECT_FALSE(
        controller.execute(Command::named("audio.gain", {{"input", "cam"}, {"db", "loud"}}), kOperator, 0)
            .ok);
    EXPECT_FALSE(
        controller.execute(Command::named("audio.mute", {{"input", "nope"}, {"muted", "true"}}), kOperator, 0)
            .ok);
    EXPECT_FALSE(
        controller.execute(Command::named("audio.mute", {{"input", "mic"}, {"muted", "maybe"}}), kOperator, 0)
            .ok);
    EXPECT_EQ(controller.snapshot(), state); // refusals change nothing
}

TEST(ShowController, TheSoundDeskStripsDelayGateAndSoloAreCommands) {
    const ShowSpec show = parseShow(R"(
[[audio]]
id = "mic"
url = "y"
delay_ms = 80
gate_db = -45
[[audio]]
id = "bed"
url = "z"
[[scenes]]
id = "a"
)",
                                    "show.toml", "/");
    ShowController controller(show);
    auto state = controller.snapshot();
    EXPECT_EQ(state->audio.at("mic").delayMs, 80);
    EXPECT_TRUE(state->audio.at("mic").gate);
    EXPECT_FLOAT_EQ(state->audio.at("mic").gateThresholdDb, -45.0f);
    EXPECT_FALSE(state->audio.at("bed").gate);
    auto run = [&](const char* name, std::map<std::string, std::string> args) {
        return controller.execute(Command::named(name, std::move(args)), kOperator, 0);
    };
    EXPECT_TRUE(run("audio.delay", {{"input", "mic"}, {"ms", "120"}}).ok);
    EXPECT_TRUE(run("audio.gate", {{"input", "mic"}, {"on", "false"}}).ok);
    EXPECT_TRUE(run("audio.gate", {{"input", "bed"}, {"on", "true"}, {"threshold_db", "-38"}}).ok);
    EXPECT_TRUE(run("audio.solo", {{"input", "bed"}, {"solo", "true"}}).ok);
    state = controller.snapshot();
    EXPECT_EQ(state->audio.at("mic").delayMs, 120);
    EXPECT_FALSE(state->audio.at("mic").gate);
    EXPECT_FLOAT_EQ(state->audio.at("mic").gateThresholdDb, -45.0f) << "switched off, the threshold is kept";
    EXPECT_TRUE(state->audio.at("bed").gate);
    EXPECT_FLOAT_EQ(state->audio.at("bed").gateThresholdDb, -38.0f);
    EXPECT_TRUE(state->audio.at("bed").solo);
    // Out of range, malformed or unknown: refused, nothing changes.
    EXPECT_FALSE(run("audio.delay", {{"input", "mic"}, {"ms", "501"}}).ok);
    EXPECT_FALSE(run("audio.delay", {{"input", "mic"}, {"ms", "-1"}}).ok);
    EXPECT_FALSE(run("audio.delay", {{"input", "mic"}, {"ms", "12.5"}}).ok);
    EXPECT_FALSE(run("audio.gate", {{"input", "mic"}, {"on", "true"}, {"threshold_db", "3"}}).ok);
    EXPECT_FALSE(run("audio.solo", {{"input", "nope"}, {"solo", "true"}}).ok);
    EXPECT_EQ(controller.snapshot(), state);
    // What --resume reads back is what was kept.
    const ShowState restored = restoreState(showStateToJson(*state, show, 0), show);
    EXPECT_EQ(restored.audio, state->audio);
}

TEST(ShowController, SourceReconnectCountsRequestsForKnownSourcesOnly) {
    const ShowSpec show = twoScenes(); // the controller keeps a reference to it
    ShowController controller(show);
    const Actor merchandiser{"lin", Role::Merchandiser};
    const auto before = controller.snapshot();
    EXPECT_EQ(
        controller.execute(Command::named("source.reconnect", {{"source", "nope"}}), kOperator, 0).failure,
        CommandResult::Failure::Invalid);
    EXPECT_EQ(
        controller.execute(Command::named("source.reconnect", {{"source", "cam"}}), merchandiser, 0).failure,
        CommandResult::Failure::NotAllowed);
    EXPECT_EQ(controller.snapshot()->version, before->version) << "refused requests change nothing";
    ASSERT_TRUE(
        controller.execute(Command::named("source.reconnect", {{"source", "cam"}}), kOperator, 10).ok);
    ASSERT_TRUE(
        controller.execute(Command::named("source.reconnect", {{"source", "cam"}}), kOperator, 20).ok);
    EXPECT_EQ(controller.snapshot()->sourceReconnects.at("cam"), 2);
}

TEST(ShowController, SourceEditPointsAKnownSourceAtACheckedInput) {
    const ShowSpec show = twoScenes();
    ShowController controller(show);
    auto edit = [&](std::map<std::string, std::string> args) {
        return controller.execute(Command::named("source.edit", std::move(args)), kOperator, 0);
    };
    EXPECT_EQ(edit({{"source", "nope"}, {"url", "udp://127.0.0.1:5000"}}).failure,
              CommandResult::Failure::Invalid);
    EXPECT_EQ(edit({{"source", "cam"}}).failure, CommandResult::Failure::Invalid) << "no url";
    EXPECT_EQ(edit({{"source", "cam"}, {"url", "udp://x\n"}}).failure, CommandResult::Failure::Invalid);
    EXPECT_EQ(edit({{"source", "cam"}, {"url", std::string(3000, 'a')}}).failure,
              CommandResult::Failure::Invalid);
    EXPECT_TRUE(controller.snapshot()->sourceTargets.empty()) << "refused edits change nothing";
    const CommandResult done =
        edit({{"source", "cam"}, {"url", "rtsp://user:secret@10.0.0.5/live"}, {"format", "rtsp"}});
    ASSERT_TRUE(done.ok) << done.message;
    EXPECT_EQ(done.message.find("secret"), std::string::npos)
        << "credentials in a url are masked: " << done.message;
    const auto state = controller.snapshot();
    EXPECT_EQ(state->sourceTargets.at("cam").first, "rtsp://user:secret@10.0.0.5/live");
    EXPECT_EQ(state->sourceTargets.at("cam").second, "rtsp");
    EXPECT_EQ(state->sourceReconnects.at("cam"), 1) << "the new input is opened at once";
}
