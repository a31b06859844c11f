// Layouts edited on screen: edits reach the preview only, TAKE puts them on
// air, undo and redo, templates, snapping, bad input, resume and saving.

#include <gtest/gtest.h>

#include "hawker/studio/show/added_sources.hpp"
#include "hawker/studio/show/layout_edits.hpp"
#include "hawker/studio/show/show_controller.hpp"
#include "hawker/studio/show/show_state_json.hpp"

using namespace hawker::studio;

namespace {
ShowSpec twoCameraShow() {
    return parseShow(R"(
[canvas]
width = 720
height = 1280
[[sources]]
id = "host"
url = "x"
[[sources]]
id = "item"
url = "y"
[[scenes]]
id = "main"
layers = [ { kind = "source", source = "host", rect = [0, 0, 720, 1280] },
           { kind = "source", source = "item", rect = [460, 40, 240, 420] } ]
slots = [ { name = "card", anchor = "bottom", size = [600, 200] } ]
[[scenes]]
id = "close"
layers = [ { kind = "source", source = "item", rect = [0, 0, 720, 1280] } ]
[program]
scene = "main"
preview = "close"
)",
                     "show.toml", "/");
}
const Actor kOperator{"tester", Role::Operator};
using F = CommandResult::Failure;

CommandResult run(ShowController& controller, const std::string& name, const std::string& scene,
                  std::map<std::string, std::string> args = {}) {
    Command command = Command::named(name, std::move(args));
    command.scene = scene;
    return controller.execute(command, kOperator, 1000);
}
CommandResult movePip(ShowController& controller, int x, int y) {
    return run(
        controller, "layout.move", "main",
        {{"layer", "1"}, {"x", std::to_string(x)}, {"y", std::to_string(y)}, {"w", "240"}, {"h", "420"}});
}
cv::Rect pipOnAir(const ShowSpec& show, const ShowState& state) {
    return sceneOnAir(show, state, "main")->layers[1].rect;
}
cv::Rect pipInPreview(const ShowSpec& show, const ShowState& state) {
    return sceneInPreview(show, state, "main")->layers[1].rect;
}
} // namespace

TEST(LayoutEdits, AnEditReachesThePreviewOnlyUntilTake) {
    const ShowSpec show = twoCameraShow();
    ShowController controller(show);
    ASSERT_TRUE(run(controller, "preview", "main").ok); // the operator edits the scene on air
    ASSERT_TRUE(movePip(controller, 40, 800).ok);
    auto state = controller.snapshot();
    EXPECT_EQ(pipOnAir(show, *state), cv::Rect(460, 40, 240, 420)) << "the program is untouched";
    EXPECT_EQ(pipInPreview(show, *state), cv::Rect(40, 800, 240, 420));
    EXPECT_EQ(liveScenes(show, *state)[0].layers[1].rect, cv::Rect(460, 40, 240, 420));
    ASSERT_TRUE(controller.execute(Command::take(), kOperator, 2000).ok);
    state = controller.snapshot();
    EXPECT_EQ(pipOnAir(show, *state), cv::Rect(40, 800, 240, 420)) << "TAKE puts the draft on air";
    EXPECT_TRUE(state->layouts.draft.empty());
    EXPECT_EQ(liveScenes(show, *state)[0].layers[1].rect, cv::Rect(40, 800, 240, 420));
}

TEST(LayoutEdits, UndoAndRedoWalkTheSteps) {
    const ShowSpec show = twoCameraShow();
    ShowController controller(show);
    ASSERT_TRUE(movePip(controller, 40, 800).ok);
    ASSERT_TRUE(movePip(controller, 40, 900).ok);
    ASSERT_TRUE(run(controller, "layout.undo", "").ok);
    EXPECT_EQ(pipInPreview(show, *controller.snapshot()), cv::Rect(40, 800, 240, 420));
    ASSERT_TRUE(run(controller, "layout.undo", "").ok);
    EXPECT_EQ(pipInPreview(show, *controller.snapshot()), cv::Rect(460, 40, 240, 420));
    EXPECT_TRUE(controller.snapshot()->layouts.draft.empty()) << "back to what is on air: no draft left";
    EXPECT_EQ(run(controller, "layout.undo", "").failure, F::Conflict) << "nothing left to undo";
    ASSERT_TRUE(run(controller, "layout.redo", "").ok);
    EXPECT_EQ(pipInPreview(show, *controller.snapshot()), cv::Rect(40, 800, 240, 420));
    ASSERT_TRUE(movePip(controller, 100, 100).ok);
    EXPECT_EQ(run(controller, "layout.redo", "").failure, F::Conflict) << "a new edit clears redo";
    for (int i = 0; i < 130; ++i)
        ASSERT_TRUE(movePip(controller, 10 * (i % 50), 500).ok);
    EXPECT_EQ(controller.snapshot()->layouts.undo.size(), LayoutEdits::kMaxSteps);
}

TEST(LayoutEdits, UndoAfterTakeEditsThePreviewAgain) {
    const ShowSpec show = twoCameraShow();
    ShowController controller(show);
    ASSERT_TRUE(run(controller, "preview", "main").ok);
    ASSERT_TRUE(movePip(controller, 40, 800).ok);
    ASSERT_TRUE(controller.execute(Command::take(), kOperator, 2000).ok);
    ASSERT_TRUE(run(controller, "layout.undo", "").ok);
    const auto state = controller.snapshot();
    EXPECT_EQ(pipOnAir(show, *state), cv::Rect(40, 800, 240, 420)) << "undo never changes the program";
    EXPECT_EQ(pipInPreview(show, *state), cv::Rect(460, 40, 240, 420));
}

TEST(LayoutEdits, BadEditsAreRefusedAndChangeNothing) {
    const ShowSpec show = twoCameraShow();
    ShowController controller(show);
    const uint64_t version = controller.snapshot()->version;
    auto move = [&](std::map<std::string, std::string> args, const std::string& scene = "main") {
        return run(controller, "layout.move", scene, std::move(args));
    };
    const std::map<std::string, std::string> rect{{"x", "0"}, {"y", "0"}, {"w", "100"}, {"h", "100"}};
    auto with = [&](std::map<std::string, std::string> more) {
        auto args = rect;
        for (auto& [k, v] : more)
            args[k] = v;
        return args;
    };
    EXPECT_EQ(move(with({{"layer", "2"}})).failure, F::Invalid) << "no third layer";
    EXPECT_EQ(move(with({{"layer", "0"}}), "nope").failure, F::Invalid) << "no such scene";
    EXPECT_EQ(move(rect).failure, F::Invalid) << "neither layer nor slot";
    EXPECT_EQ(move(with({{"layer", "0"}, {"slot", "card"}})).failure, F::Invalid) << "both";
    EXPECT_EQ(move(with({{"slot", "nope"}})).failure, F::Invalid);
    EXPECT_EQ(move(with({{"layer", "0"}, {"x", "5000"}})).failure, F::Invalid) << "off the canvas";
    EXPECT_EQ(move(with({{"layer", "0"}, {"w", "2"}})).failure, F::Invalid) << "under 8 px";
    EXPECT_EQ(move(with({{"layer", "0"}, {"x", "ten"}})).failure, F::Invalid);
    EXPECT_EQ(run(controller, "layout.add", "main", with({{"kind", "source"}, {"source", "nope"}})).failure,
              F::Invalid);
    EXPECT_EQ(run(controller, "layout.add", "main", with({{"kind", "image"}, {"path", "../../etc/passwd"}}))
                  .failure,
              F::Invalid)
        << "a picture outside the show's folder";
    EXPECT_EQ(run(controller, "layout.add", "main", with({{"kind", "color"}, {"color", "red"}})).failure,
              F::Invalid);
    EXPECT_EQ(run(controller, "layout.remove", "close", {{"layer", "0"}}).failure, F::Conflict)
        << "a scene keeps one layer";
    EXPECT_EQ(run(controller, "scene.create", "main", {{"template", "split"}}).failure, F::Conflict)
        << "the id is taken";
    EXPECT_EQ(run(controller, "scene.create", "new", {{"template", "collage"}}).failure, F::Invalid);
    EXPECT_EQ(run(controller, "scene.create", "new", {{"template", "split"}, {"host", "nope"}}).failure,
              F::Invalid);
    EXPECT_EQ(run(controller, "show.save", "").failure, F::Conflict) << "no file to save to";
    const auto state = controller.snapshot();
    EXPECT_EQ(state->version, version);
    EXPECT_EQ(state->layouts, LayoutEdits{});
}

TEST(LayoutEdits, AddRemoveAndSlots) {
    const ShowSpec show = twoCameraShow();
    ShowController controller(show);
    ASSERT_TRUE(run(controller, "layout.add", "main",
                    {{"kind", "color"},
                     {"color", "#00000080"},
                     {"x", "0"},
                     {"y", "1000"},
                     {"w", "720"},
                     {"h", "280"}})
                    .ok);
    auto scene = *sceneInPreview(show, *controller.snapshot(), "main");
    ASSERT_EQ(scene.layers.size(), 3u);
    EXPECT_EQ(scene.layers[2].kind, LayerSpec::Kind::Color);
    EXPECT_EQ(scene.layers[2].fileIndex, -1) << "not from the file";
    ASSERT_TRUE(run(controller, "layout.remove", "main", {{"layer", "1"}}).ok);
    scene = *sceneInPreview(show, *controller.snapshot(), "main");
    ASSERT_EQ(scene.layers.size(), 2u);
    EXPECT_EQ(scene.layers[1].kind, LayerSpec::Kind::Color);
    ASSERT_TRUE(run(controller, "layout.move", "main",
                    {{"slot", "card"}, {"x", "60"}, {"y", "700"}, {"w", "600"}, {"h", "200"}})
                    .ok);
    scene = *sceneInPreview(show, *controller.snapshot(), "main");
    EXPECT_EQ(scene.slots[0].rect, cv::Rect(60, 700, 600, 200));
    EXPECT_TRUE(scene.slots[0].anchor.empty()) << "placed by hand, no longer anchored";
}

TEST(LayoutEdits, TemplatesMakeScenesThatUndoTakesAway) {
    const ShowSpec show = twoCameraShow();
    ShowController controller(show);
    ASSERT_TRUE(run(controller, "scene.create", "pip", {{"template", "host_pip"}, {"name", "画中画"}}).ok);
    auto state = controller.snapshot();
    const auto pip = sceneOnAir(show, *state, "pip");
    ASSERT_TRUE(pip);
    EXPECT_EQ(pip->name, "画中画");
    ASSERT_EQ(pip->layers.size(), 2u);
    EXPECT_EQ(pip->layers[0].source, "host");
    EXPECT_EQ(pip->layers[1].source, "item");
    const cv::Rect safe = hawker::overlay::SafeArea{}.visible(cv::Size(720, 1280));
    EXPECT_EQ((pip->layers[1].rect & safe), pip->layers[1].rect) << "the PiP sits in the safe area";
    EXPECT_EQ(pip->layers[1].rect.x % 10, 0);
    EXPECT_EQ(pip->layers[1].rect.y % 10, 0);
    EXPECT_EQ(pip->slots.size(), 1u) << "slots like the first scene's";
    ASSERT_TRUE(run(controller, "scene.create", "both", {{"template", "split"}}).ok);
    const auto split = sceneOnAir(show, *controller.snapshot(), "both");
    EXPECT_EQ(split->layers[0].rect, cv::Rect(0, 0, 720, 640));
    EXPECT_EQ(split->layers[1].rect, cv::Rect(0, 640, 720, 640));
    ASSERT_TRUE(run(controller, "cut", "both").ok);
    EXPECT_EQ(run(controller, "layout.undo", "").failure, F::Conflict) << "the scene is on air";
    ASSERT_TRUE(run(controller, "cut", "main").ok);
    ASSERT_TRUE(run(controller, "layout.undo", "").ok);
    EXPECT_FALSE(hasScene(show, *controller.snapshot(), "both"));
    ASSERT_TRUE(run(controller, "layout.redo", "").ok);
    EXPECT_TRUE(hasScene(show, *controller.snapshot(), "both"));
}

TEST(LayoutEdits, SnappingToGuidesAndTheGrid) {
    const SnapGuides guides{cv::Size(720, 1280), cv::Rect(30, 150, 580, 770), 10, 12};
    // A move: near no guide, the corner goes to the grid and the size stays.
    EXPECT_EQ(snapRect(cv::Rect(103, 407, 240, 420), {}, guides), cv::Rect(100, 410, 240, 420));
    // Its right edge 5 px from the safe area's: it lines up with it.
    EXPECT_EQ(snapRect(cv::Rect(375, 407, 240, 420), {}, guides), cv::Rect(370, 410, 240, 420));
    EXPECT_EQ(snapRect(cv::Rect(27, 153, 240, 420), {}, guides), cv::Rect(30, 150, 240, 420));
    // A resize of the bottom-right corner moves only those edges.
    const DraggedEdges corner{false, false, true, true};
    EXPECT_EQ(snapRect(cv::Rect(103, 407, 241, 419), corner, guides), cv::Rect(103, 407, 237, 423));
    // It never collapses.
    EXPECT_EQ(snapRect(cv::Rect(100, 100, 2, 2), corner, guides).width, 10);
}

TEST(LayoutEdits, ResumeBringsBackDraftsTakenLayoutsScenesAndSteps) {
    const ShowSpec show = twoCameraShow();
    ShowController controller(show);
    ASSERT_TRUE(run(controller, "preview", "main").ok);
    ASSERT_TRUE(movePip(controller, 40, 800).ok);
    ASSERT_TRUE(controller.execute(Command::take(), kOperator, 2000).ok);
    ASSERT_TRUE(movePip(controller, 40, 900).ok);
    ASSERT_TRUE(run(controller, "scene.create", "pip", {{"template", "host_pip"}}).ok);
    const auto before = controller.snapshot();
    const ShowState restored = restoreState(resumableState(*before), show);
    EXPECT_EQ(restored.layouts, before->layouts);
    ShowController again(show);
    again.restore(restored);
    ASSERT_TRUE(run(again, "layout.undo", "").ok); // the scene made last
    ASSERT_TRUE(run(again, "layout.undo", "").ok);
    EXPECT_EQ(pipInPreview(show, *again.snapshot()), cv::Rect(40, 800, 240, 420));
}

TEST(LayoutEdits, SaveHandsTheEditedScenesToTheHookAndRenumbers) {
    const ShowSpec show = twoCameraShow();
    ShowController controller(show);
    std::vector<SceneSpec> written;
    controller.setSaveHook([&](const std::vector<SceneSpec>& scenes) -> std::optional<i18n::Phrase> {
        written = scenes;
        return std::nullopt;
    });
    EXPECT_EQ(run(controller, "show.save", "").failure, F::Conflict) << "nothing changed yet";
    ASSERT_TRUE(run(controller, "layout.remove", "main", {{"layer", "0"}}).ok);
    ASSERT_TRUE(run(controller, "scene.create", "pip", {{"template", "host_pip"}}).ok);
    ASSERT_TRUE(run(controller, "show.save", "").ok);
    ASSERT_EQ(written.size(), 2u);
    EXPECT_EQ(written[0].id, "main");
    EXPECT_EQ(written[0].layers.size(), 1u);
    EXPECT_EQ(written[0].layers[0].fileIndex, 1) << "the hook sees the file's entry it keeps";
    EXPECT_EQ(written[1].id, "pip");
    const auto main = sceneInPreview(show, *controller.snapshot(), "main");
    EXPECT_EQ(main->layers[0].fileIndex, 0) << "numbered as the file now has it";
    controller.setSaveHook([](const std::vector<SceneSpec>&) -> std::optional<i18n::Phrase> {
        return i18n::Phrase{"answers.save_failed", {{"error", "disk full"}}};
    });
    const auto refused = run(controller, "show.save", "");
    EXPECT_EQ(refused.failure, F::Conflict);
    EXPECT_EQ(refused.message, "show.save: disk full");
    EXPECT_EQ(i18n::say(i18n::Language::ZhCN, refused.said), "show.save：保存失败：disk full");
    controller.setSaveHook([](const std::vector<SceneSpec>&) -> std::optional<i18n::Phrase> {
        return i18n::Phrase{"answers.save_changed_outside", {{"file", "show.toml"}}};
    });
    const auto changed = run(controller, "show.save", "");
    EXPECT_EQ(
        changed.message,
        "show.save: show.toml's scenes were changed outside Hawker since the show read it; nothing written");
    EXPECT_EQ(i18n::say(i18n::Language::ZhCN, changed.said),
              "show.save：开播后 show.toml 的场景已在 Hawker 之外被修改，未写入");
}
