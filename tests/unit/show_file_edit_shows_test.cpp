// Save show's writer on [[scenes.layers]] tables, on the shipped shows, and
// saving many random edits in a row.

#include <random>

#include "show_file_edit_fixture.hpp"

using namespace hawker::studio;

TEST_F(ShowFileEdit, SubTablesHaveTheirValuesEdited) {
    const std::string out = save(kTables, [](auto& scenes) {
        scenes[0].layers[0].rect = {0, 0, 1080, 1900};
        scenes[0].layers[1].fit = hawker::overlay::Fit::Cover;
        SlotSpec& card = scenes[0].slots[0];
        card.anchor.clear();
        card.rect = {110, 1500, 860, 290};
    });
    std::string want = replaced(kTables, "rect = [0, 0, 1080, 1920]   # full frame",
                                "rect = [0, 0, 1080, 1900]   # full frame");
    want = replaced(want, "fit = \"contain\"", "fit = \"cover\"");
    want = replaced(want, "anchor = \"bottom\"\nsize = [860, 290]\noffset = [0, 40]\n",
                    "rect = [110, 1500, 860, 290]\n");
    EXPECT_EQ(out, want);
}

TEST_F(ShowFileEdit, SubTablesAreAddedAndRemoved) {
    const std::string out = save(kTables, [](auto& scenes) {
        scenes[0].layers.erase(scenes[0].layers.begin() + 1);
        scenes[0].layers.push_back(colorLayer({0, 0, 0, 128}, {0, 1500, 1080, 420}));
    });
    EXPECT_EQ(
        out,
        replaced(
            kTables,
            "\n[[scenes.layers]]\nsource = \"cam2\"\nrect = [680, 40, 360, 640]\nfit = \"contain\"\n",
            "\n[[scenes.layers]]\nkind = \"color\"\ncolor = \"#00000080\"\nrect = [0, 1500, 1080, 420]\n"));
    EXPECT_THROW(writeSceneLayouts(
                     kTables, parse(kTables).scenes,
                     [&] {
                         auto scenes = parse(kTables).scenes;
                         std::swap(scenes[0].layers[0], scenes[0].layers[1]);
                         return scenes;
                     }(),
                     dir.path),
                 ShowFileEditError);
}

TEST_F(ShowFileEdit, TheShippedExampleShow) {
    base = std::filesystem::path(HAWKER_SOURCE_DIR) / "assets" / "shows";
    const std::string text = readFile(base / "example.toml");
    const std::string out = save(text, [](auto& scenes) {
        scenes[0].layers[1].rect = {40, 40, 360, 640};
        SceneSpec copy = scenes[0];
        copy.id = "main-copy";
        copy.hotkey.clear();
        for (auto& layer : copy.layers)
            layer.fileIndex = -1;
        for (auto& slot : copy.slots)
            slot.fileIndex = -1;
        scenes.push_back(copy);
    });
    const std::string moved = replaced(text, R"(rect = [680, 40, 360, 640], fit = "cover" },)",
                                       R"(rect = [40, 40, 360, 640], fit = "cover" },)");
    const size_t at = moved.find("\n# What is on the buses");
    ASSERT_NE(at, std::string::npos);
    EXPECT_EQ(out.substr(0, at), moved.substr(0, at));
    EXPECT_EQ(out.substr(out.size() - (moved.size() - at)), moved.substr(at));
    EXPECT_EQ(out.substr(at, out.size() - moved.size()),
              "\n[[scenes]]\n"
              "id = \"main-copy\"\n"
              "name = \"Host full\"\n"
              "layers = [\n"
              "  { kind = \"source\", source = \"cam1\", rect = [0, 0, 1080, 1920] },\n"
              "  { kind = \"source\", source = \"cam2\", rect = [40, 40, 360, 640] },\n"
              "]\n"
              "slots = [\n"
              "  { name = \"card\", anchor = \"bottom\", size = [860, 290] },\n"
              "  { name = \"countdown\", anchor = \"top-left\", size = [420, 200] },\n"
              "  { name = \"lower_third\", rect = [44, 880, 600, 140] },\n"
              "]\n");
}

namespace {

/// Edits an operator might make, at random: moves, removals, additions, reorders, slots between anchor
/// and rect, new scenes.
void editAtRandom(std::mt19937& random, std::vector<SceneSpec>& scenes, bool reorder, int& serial) {
    const auto chance = [&](int percent) { return static_cast<int>(random() % 100) < percent; };
    const auto anyRect = [&] {
        return cv::Rect(static_cast<int>(random() % 1000) - 100, static_cast<int>(random() % 1900),
                        1 + static_cast<int>(random() % 1000), 1 + static_cast<int>(random() % 1000));
    };
    for (SceneSpec& scene : scenes) {
        for (LayerSpec& layer : scene.layers)
            if (chance(30)) layer.rect = anyRect();
        for (size_t i = scene.layers.size(); i-- > 0;)
            if (chance(10) && (reorder || scene.layers.size() > 1))
                scene.layers.erase(scene.layers.begin() + i);
        if (chance(25)) {
            const size_t at = random() % (scene.layers.size() + 1);
            LayerSpec layer = colorLayer(
                {static_cast<uint8_t>(random()), 0x0a, 0xbc, static_cast<uint8_t>(chance(50) ? 255 : 128)},
                anyRect());
            if (chance(30)) layer.fit = hawker::overlay::Fit::Stretch;
            scene.layers.insert(scene.layers.begin() + static_cast<std::ptrdiff_t>(at), layer);
        }
        if (reorder && scene.layers.size() > 1 && chance(10))
            std::swap(scene.layers.front(), scene.layers.back());
        for (SlotSpec& slot : scene.slots) {
            if (!chance(30)) continue;
            if (slot.anchor.empty()) {
                slot.anchor = chance(50) ? "top" : "bottom-right";
                slot.size = {8 + static_cast<int>(random() % 500), 8 + static_cast<int>(random() % 500)};
                slot.offset = chance(50) ? cv::Point() : cv::Point(5, static_cast<int>(random() % 50));
            } else {
                slot.anchor.clear();
                slot.rect = anyRect();
            }
        }
        for (size_t i = scene.slots.size(); i-- > 0;)
            if (chance(10) && (reorder || scene.slots.size() > 1)) scene.slots.erase(scene.slots.begin() + i);
        if (chance(20)) {
            scene.slots.push_back(slotAt("slot " + std::to_string(++serial), anyRect()));
        }
    }
    if (chance(10)) {
        SceneSpec scene;
        scene.id = "new " + std::to_string(++serial);
        scene.name = scene.id;
        scene.layers = {colorLayer({9, 9, 9, 255}, anyRect())};
        scenes.push_back(scene);
    }
}

} // namespace

TEST_F(ShowFileEdit, ManyEditsInARowReadBackAsMade) {
    // Each save is the next one's file, as when the operator saves again and again.
    const std::filesystem::path shows = std::filesystem::path(HAWKER_SOURCE_DIR) / "assets" / "shows";
    struct Start {
        std::string text;
        std::filesystem::path base;
        bool inlineLists;
    };
    const Start starts[] = {{kShow, dir.path, true},
                            {kTables, dir.path, false},
                            {readFile(shows / "example.toml"), shows, true},
                            {readFile(shows / "demo.toml"), shows, true}};
    for (const Start& start : starts) {
        base = start.base;
        std::mt19937 random(7);
        int serial = 0;
        std::string text = start.text;
        for (int round = 0; round < 150; ++round) {
            const std::vector<SceneSpec> file = parse(text).scenes;
            EXPECT_EQ(writeSceneLayouts(text, file, file, base), text)
                << "saving unchanged scenes changed the text";
            std::vector<SceneSpec> edited = file;
            editAtRandom(random, edited, start.inlineLists, serial);
            std::string out;
            try {
                out = writeSceneLayouts(text, file, edited, base);
            } catch (const ShowFileEditError& error) {
                FAIL() << "round " << round << ": " << error.what() << "\n" << text;
            }
            expectReadBackAs(out, edited);
            if (HasFailure()) {
                ADD_FAILURE() << "round " << round << ", from:\n" << text << "\nto:\n" << out;
                return;
            }
            text = out;
        }
    }
}
