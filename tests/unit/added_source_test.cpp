// source.add: a camera added while the show runs, with a scene of its own.

#include <gtest/gtest.h>

#include "hawker/studio/show/added_sources.hpp"
#include "hawker/studio/show/show_controller.hpp"
#include "hawker/studio/show/show_state_json.hpp"

using namespace hawker::studio;

namespace {
ShowSpec showWithSlots() {
    return parseShow(R"(
[canvas]
width = 720
height = 1280
[[sources]]
id = "cam"
url = "x"
[[scenes]]
id = "wide"
layers = [ { kind = "source", source = "cam", rect = [0, 0, 720, 1280] } ]
slots = [ { name = "card", rect = [40, 900, 640, 280] } ]
[[scenes]]
id = "close"
layers = [ { kind = "source", source = "cam", rect = [0, 0, 720, 1280] } ]
slots = [ { name = "countdown", rect = [40, 200, 400, 200] }, { name = "card", rect = [40, 900, 640, 280] } ]
[program]
scene = "wide"
preview = "close"
)",
                     "show.toml", "/");
}
const Actor kOperator{"tester", Role::Operator};

CommandResult add(ShowController& controller, std::map<std::string, std::string> args,
                  const Actor& actor = kOperator) {
    return controller.execute(Command::named("source.add", std::move(args)), actor, 1000);
}
} // namespace

TEST(AddedSource, BadArgumentsAreRefusedAndChangeNothing) {
    const ShowSpec show = showWithSlots(); // the controller keeps a reference to it
    ShowController controller(show);
    const auto before = controller.snapshot();
    const std::string url = "srt://127.0.0.1:9000";
    using F = CommandResult::Failure;
    EXPECT_EQ(add(controller, {{"source", ""}, {"url", url}}).failure, F::Invalid);
    EXPECT_EQ(add(controller, {{"source", "cam 5"}, {"url", url}}).failure, F::Invalid);
    EXPECT_EQ(add(controller, {{"source", std::string(33, 'c')}, {"url", url}}).failure, F::Invalid);
    EXPECT_EQ(add(controller, {{"source", "cam"}, {"url", url}}).failure, F::Conflict) << "a source's id";
    EXPECT_EQ(add(controller, {{"source", "close"}, {"url", url}}).failure, F::Conflict) << "a scene's id";
    EXPECT_EQ(add(controller, {{"source", "phone"}}).failure, F::Invalid) << "no url";
    EXPECT_EQ(add(controller, {{"source", "phone"}, {"url", "udp://x\n"}}).failure, F::Invalid);
    EXPECT_EQ(add(controller, {{"source", "phone"}, {"url", url}, {"slots_from", "nope"}}).failure,
              F::Invalid);
    EXPECT_EQ(add(controller, {{"source", "phone"}, {"url", url}, {"name", std::string(65, 'n')}}).failure,
              F::Invalid);
    EXPECT_EQ(add(controller, {{"source", "phone"}, {"url", url}, {"name", "\xff\xfe"}}).failure, F::Invalid)
        << "not UTF-8";
    EXPECT_EQ(add(controller, {{"source", "phone"}, {"url", url}}, Actor{"lin", Role::Merchandiser}).failure,
              F::NotAllowed);
    EXPECT_EQ(add(controller, {{"source", "phone"}, {"url", url}}, Actor{"amy", Role::Host}).failure,
              F::NotAllowed);
    const auto after = controller.snapshot();
    EXPECT_EQ(after->version, before->version) << "refusals change nothing";
    EXPECT_TRUE(after->addedSources.empty());
    EXPECT_EQ(controller.execute(Command::preview("phone"), kOperator, 0).failure, F::Invalid)
        << "no scene before the camera is added";
}

TEST(AddedSource, TheNewCameraHasASceneToPreviewAndTakeWithTheProgramsGraphics) {
    const ShowSpec show = showWithSlots();
    ShowController controller(show);
    const CommandResult done = add(
        controller, {{"source", "phone"}, {"url", "rtsp://user:secret@10.0.0.7/live"}, {"name", "手机机位"}});
    ASSERT_TRUE(done.ok) << done.message;
    EXPECT_EQ(done.message.find("secret"), std::string::npos)
        << "a login in the url is masked: " << done.message;
    auto state = controller.snapshot();
    ASSERT_EQ(state->addedSources.size(), 1u);
    const AddedSource& phone = state->addedSources[0];
    EXPECT_EQ(phone.url, "rtsp://user:secret@10.0.0.7/live") << "the engine needs the real url";
    EXPECT_EQ(phone.slotsFrom, "wide") << "graphics as on program when it was added";

    const std::vector<SceneSpec> scenes = liveScenes(show, *state);
    ASSERT_EQ(scenes.size(), 3u);
    const SceneSpec& scene = scenes.back();
    EXPECT_EQ(scene.id, "phone");
    EXPECT_EQ(scene.name, "手机机位");
    ASSERT_EQ(scene.layers.size(), 1u);
    EXPECT_EQ(scene.layers[0].source, "phone");
    EXPECT_EQ(scene.layers[0].rect, cv::Rect(0, 0, 720, 1280)) << "the picture fills the canvas";
    ASSERT_EQ(scene.slots.size(), 1u);
    EXPECT_EQ(scene.slots[0].name, "card");

    ASSERT_TRUE(controller.execute(Command::preview("phone"), kOperator, 1100).ok);
    ASSERT_TRUE(controller.execute(Command::take(), kOperator, 1200).ok);
    EXPECT_EQ(controller.snapshot()->program, "phone");
    ASSERT_TRUE(controller.execute(Command::cut("phone"), kOperator, 1300).ok);

    // A camera added while an added one is on program takes that one's show scene's graphics.
    ASSERT_TRUE(add(controller, {{"source", "phone2"}, {"url", "udp://127.0.0.1:5000"}}).ok);
    EXPECT_EQ(controller.snapshot()->addedSources.back().slotsFrom, "wide");
    ASSERT_TRUE(
        add(controller, {{"source", "phone3"}, {"url", "udp://127.0.0.1:5001"}, {"slots_from", "close"}}).ok);
    EXPECT_EQ(liveScenes(show, *controller.snapshot()).back().slots.size(), 2u);
    EXPECT_EQ(add(controller, {{"source", "phone2"}, {"url", "udp://127.0.0.1:5002"}}).failure,
              CommandResult::Failure::Conflict)
        << "ids stay unique among added cameras too";

    // The added camera is a source like the others.
    EXPECT_TRUE(
        controller.execute(Command::named("source.reconnect", {{"source", "phone"}}), kOperator, 1400).ok);
    EXPECT_TRUE(
        controller
            .execute(Command::named("source.edit", {{"source", "phone"}, {"url", "srt://10.0.0.8:9000"}}),
                     kOperator, 1500)
            .ok);
    state = controller.snapshot();
    EXPECT_EQ(state->sourceReconnects.at("phone"), 2);
    EXPECT_EQ(state->sourceTargets.at("phone").first, "srt://10.0.0.8:9000");
}

TEST(AddedSource, AShowComposesAtMostSixteenCameras) {
    const ShowSpec show = showWithSlots();
    ShowController controller(show);
    for (size_t n = show.sources.size(); n < kMaxVideoSources; ++n)
        ASSERT_TRUE(
            add(controller, {{"source", "extra" + std::to_string(n)}, {"url", "udp://127.0.0.1:5000"}}).ok);
    const CommandResult full = add(controller, {{"source", "one-more"}, {"url", "udp://127.0.0.1:5000"}});
    EXPECT_EQ(full.failure, CommandResult::Failure::Conflict);
    EXPECT_NE(full.message.find("16"), std::string::npos) << full.message;
    EXPECT_EQ(controller.snapshot()->addedSources.size(), kMaxVideoSources - show.sources.size());
}

TEST(AddedSource, AResumedShowGetsBackItsAddedAndEditedCameras) {
    const ShowSpec show = showWithSlots();
    ShowController controller(show);
    ASSERT_TRUE(add(controller, {{"source", "phone"}, {"url", "rtsp://user:secret@10.0.0.7/live"}}).ok);
    ASSERT_TRUE(controller.execute(Command::cut("phone"), kOperator, 1100).ok);
    ASSERT_TRUE(controller
                    .execute(Command::named(
                                 "source.edit",
                                 {{"source", "cam"}, {"url", "srt://10.0.0.9:9000"}, {"format", "mpegts"}}),
                             kOperator, 1200)
                    .ok);
    const ShowState& state = *controller.snapshot();
    const ShowState restored = restoreState(nlohmann::json::parse(resumableState(state).dump()), show);
    EXPECT_EQ(restored.addedSources, state.addedSources);
    EXPECT_EQ(restored.sourceTargets, state.sourceTargets);
    EXPECT_EQ(restored.program, "phone") << "an added camera's scene may be on program when the show resumes";

    // Screens (the API's state) never see the login.
    const std::string shown = showStateToJson(state, show, 1300).dump();
    EXPECT_EQ(shown.find("secret"), std::string::npos) << shown;
    EXPECT_NE(shown.find("10.0.0.7"), std::string::npos);

    // A stored state that names a scene this show does not have is refused.
    nlohmann::json wrong = resumableState(state);
    wrong["added_sources"][0]["slots_from"] = "gone";
    EXPECT_THROW(restoreState(wrong, show), std::runtime_error);
    // States stored before cameras could be added still restore.
    nlohmann::json older = resumableState(state);
    older.erase("added_sources");
    older.erase("source_targets");
    older["program"] = "wide";
    EXPECT_TRUE(restoreState(older, show).addedSources.empty());
}

TEST(AddedSource, AnAddedCameraOffAirCanBeRemovedAndAddedAgain) {
    const ShowSpec show = showWithSlots();
    ShowController controller(show);
    using F = CommandResult::Failure;
    auto remove = [&](const std::string& id, const Actor& actor = kOperator) {
        return controller.execute(Command::named("source.remove", {{"source", id}}), actor, 2000);
    };
    ASSERT_TRUE(add(controller, {{"source", "phone"}, {"url", "udp://127.0.0.1:5000"}}).ok);
    ASSERT_TRUE(
        controller.execute(Command::named("source.reconnect", {{"source", "phone"}}), kOperator, 1100).ok);
    EXPECT_EQ(remove("cam").failure, F::Invalid) << "a show-file camera stays";
    EXPECT_EQ(remove("nope").failure, F::Invalid);
    EXPECT_EQ(remove("phone", Actor{"lin", Role::Merchandiser}).failure, F::NotAllowed);
    ASSERT_TRUE(controller.execute(Command::preview("phone"), kOperator, 1200).ok);
    EXPECT_EQ(remove("phone").failure, F::Conflict) << "its scene is on preview";
    ASSERT_TRUE(controller.execute(Command::take(), kOperator, 1300).ok);
    EXPECT_EQ(remove("phone").failure, F::Conflict) << "its scene is on program";
    ASSERT_TRUE(
        controller.execute(Command::cut("wide"), kOperator, 1400).ok); // the take left wide on preview
    EXPECT_EQ(controller.snapshot()->addedSources.size(), 1u) << "refusals change nothing";

    const CommandResult removed = remove("phone");
    ASSERT_TRUE(removed.ok) << removed.message;
    auto state = controller.snapshot();
    EXPECT_TRUE(state->addedSources.empty());
    EXPECT_FALSE(state->sourceReconnects.count("phone")) << "nothing of it is left in the state";
    EXPECT_EQ(liveScenes(show, *state).size(), 2u);
    EXPECT_EQ(controller.execute(Command::preview("phone"), kOperator, 2100).failure, F::Invalid)
        << "its scene went with it";
    EXPECT_TRUE(add(controller, {{"source", "phone"}, {"url", "srt://127.0.0.1:9000"}}).ok)
        << "the id is free again";
}

TEST(AddedSource, TheCurrentInputIsTheLastEditOfAnyCamera) {
    const ShowSpec show = showWithSlots();
    ShowController controller(show);
    ASSERT_TRUE(add(controller, {{"source", "phone"}, {"url", "udp://127.0.0.1:5000"}}).ok);
    auto state = controller.snapshot();
    EXPECT_EQ(currentInput(show, *state, "cam")->url, "x") << "the show file's";
    EXPECT_EQ(currentInput(show, *state, "phone")->url, "udp://127.0.0.1:5000") << "as added";
    EXPECT_FALSE(currentInput(show, *state, "nope"));
    for (const std::string id : {"cam", "phone"})
        ASSERT_TRUE(controller
                        .execute(Command::named(
                                     "source.edit",
                                     {{"source", id}, {"url", "srt://10.0.0.9:9000"}, {"format", "mpegts"}}),
                                 kOperator, 1500)
                        .ok);
    state = controller.snapshot();
    for (const std::string id : {"cam", "phone"}) {
        const auto input = currentInput(show, *state, id);
        ASSERT_TRUE(input);
        EXPECT_EQ(input->url, "srt://10.0.0.9:9000") << id << ": the edit wins, for an added camera too";
        EXPECT_EQ(input->format, "mpegts") << id;
    }
    EXPECT_FALSE(currentInput(show, *state, "phone")->required) << "an added camera never holds up the show";
}
