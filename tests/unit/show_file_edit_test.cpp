// File → Save show: layouts edited on screen written back into the show
// file's text with a minimal diff, and read back by the parser as edited.
// Layouts written as inline lists, and text that is not the show's file.

#include "show_file_edit_fixture.hpp"

using namespace hawker::studio;

TEST_F(ShowFileEdit, NothingChangedIsTheSameText) {
    EXPECT_EQ(save(kShow, [](std::vector<SceneSpec>&) {}), kShow);
}

TEST_F(ShowFileEdit, MovedPictureInPictureIsAOneLineDiff) {
    const std::string out = save(kShow, [](auto& scenes) {
        scenes[0].layers[1].rect = {600, 100, 400, 700};
    });
    const auto before = linesOf(kShow), after = linesOf(out);
    ASSERT_EQ(before.size(), after.size());
    int differing = 0;
    for (size_t i = 0; i < before.size(); ++i) {
        if (before[i] == after[i]) continue;
        ++differing;
        EXPECT_EQ(after[i],
                  R"(  { kind = "source", source = "cam2", rect = [600, 100, 400, 700], fit = "cover" },)");
    }
    EXPECT_EQ(differing, 1);
    EXPECT_NE(out.find("# Scenes: ordered layers, bottom first.\n"), std::string::npos);
    EXPECT_NE(out.find("transition = \"fade\"          # \"cut\" or \"fade\"\n"), std::string::npos);
}

TEST_F(ShowFileEdit, TheChangedLinesCommentAndSpacingSurvive) {
    const std::string text =
        replaced(kShow, R"(rect = [680, 40, 360, 640], fit = "cover" },)",
                 R"(rect = [ 680,40,360,640 ], fit = "cover" },   # picture in picture, [top] right)");
    const std::string out = save(text, [](auto& scenes) { scenes[0].layers[1].rect = {40, 40, 360, 640}; });
    EXPECT_EQ(out, replaced(text, "[ 680,40,360,640 ]", "[ 40,40,360,640 ]"));
}

TEST_F(ShowFileEdit, AnAddedColourLayerGoesOnItsOwnLine) {
    const std::string out = save(kShow, [](auto& scenes) {
        scenes[0].layers.push_back(colorLayer({0, 0, 0, 128}, {0, 1500, 1080, 420}));
    });
    EXPECT_EQ(out, replaced(kShow, "rect = [680, 40, 360, 640], fit = \"cover\" },\n",
                            "rect = [680, 40, 360, 640], fit = \"cover\" },\n"
                            "  { kind = \"color\", color = \"#00000080\", rect = [0, 1500, 1080, 420] },\n"));
}

TEST_F(ShowFileEdit, AnAddedImageLayerInTheMiddleIsRelativeToTheShow) {
    const std::string out = save(kShow, [&](auto& scenes) {
        LayerSpec logo;
        logo.kind = LayerSpec::Kind::Image;
        logo.image = dir.path / "logo.png";
        logo.rect = {20, 20, 200, 100};
        logo.fit = hawker::overlay::Fit::Contain;
        scenes[0].layers.insert(scenes[0].layers.begin() + 1, logo);
    });
    EXPECT_EQ(
        out,
        replaced(
            kShow, "  { kind = \"source\", source = \"cam2\", rect = [680",
            "  { kind = \"image\", path = \"logo.png\", rect = [20, 20, 200, 100], fit = \"contain\" },\n"
            "  { kind = \"source\", source = \"cam2\", rect = [680"));
}

TEST_F(ShowFileEdit, ARemovedLayerTakesItsLine) {
    const std::string out =
        save(kShow, [](auto& scenes) { scenes[0].layers.erase(scenes[0].layers.begin() + 1); });
    EXPECT_EQ(
        out,
        replaced(kShow,
                 "  { kind = \"source\", source = \"cam2\", rect = [680, 40, 360, 640], fit = \"cover\" },\n",
                 ""));
}

TEST_F(ShowFileEdit, ReplacingTheLastLayerKeepsTheOthersLines) {
    const std::string out = save(kShow, [](auto& scenes) {
        scenes[1].layers.pop_back();
        scenes[1].layers.push_back(colorLayer({255, 0, 0, 255}, {0, 0, 100, 100}));
    });
    EXPECT_EQ(out, replaced(kShow, R"({ kind = "color", color = "#00000080", rect = [0, 1500, 1080, 420] },)",
                            R"({ kind = "color", color = "#FF0000", rect = [0, 0, 100, 100] },)"));
}

TEST_F(ShowFileEdit, ColoursKeepTheirCase) {
    const std::string text = replaced(kShow, "\"#00000080\"", "\"#ff00aa80\"");
    const std::string out = save(text, [](auto& scenes) {
        scenes[1].layers[1].color = {0xab, 0xcd, 0xef, 255};
    });
    EXPECT_EQ(out, replaced(text, "\"#ff00aa80\"", "\"#abcdef\""));
    const std::string upper = save(kShow, [](auto& scenes) {
        scenes[1].layers[1].color = {0xab, 0xcd, 0xef, 0x40};
    });
    EXPECT_EQ(upper, replaced(kShow, "\"#00000080\"", "\"#ABCDEF40\""));
}

TEST_F(ShowFileEdit, ASlotFromAnchorToRect) {
    const std::string out = save(kShow, [](auto& scenes) {
        SlotSpec& card = scenes[0].slots[0];
        card.anchor.clear();
        card.size = {};
        card.rect = {110, 1500, 860, 290};
    });
    EXPECT_EQ(out, replaced(kShow, R"({ name = "card", anchor = "bottom", size = [860, 290] },)",
                            R"({ name = "card", rect = [110, 1500, 860, 290] },)"));
}

TEST_F(ShowFileEdit, ASlotFromRectToAnchorAndAnAnchoredOneMoved) {
    const std::string out = save(kShow, [](auto& scenes) {
        SlotSpec& lower = scenes[0].slots[2];
        lower.anchor = "bottom-left";
        lower.size = {600, 140};
        lower.offset = {0, 200};
        scenes[0].slots[1].offset = {10, 20};
    });
    std::string want = replaced(
        kShow, R"({ name = "lower_third", rect = [44, 880, 600, 140] },)",
        R"({ name = "lower_third", anchor = "bottom-left", size = [600, 140], offset = [0, 200] },)");
    want = replaced(want, R"(size = [420, 200] },)", R"(size = [420, 200], offset = [10, 20] },)");
    EXPECT_EQ(out, want);
}

TEST_F(ShowFileEdit, ANewSceneGoesAfterTheLastSceneBeforeProgram) {
    const std::string out = save(kShow, [](auto& scenes) {
        SceneSpec split;
        split.id = "split";
        split.name = "Split";
        split.hotkey = "3";
        LayerSpec top;
        top.source = "cam1";
        top.rect = {0, 0, 1080, 960};
        LayerSpec bottom = top;
        bottom.source = "cam2";
        bottom.rect = {0, 960, 1080, 960};
        bottom.fit = hawker::overlay::Fit::Contain;
        split.layers = {top, bottom};
        split.slots = {slotAt("card", {0, 0, 860, 290}, "bottom")};
        scenes.push_back(split);
    });
    EXPECT_EQ(
        out,
        replaced(
            kShow, "\n# What is on the buses",
            "\n[[scenes]]\n"
            "id = \"split\"\n"
            "name = \"Split\"\n"
            "hotkey = \"3\"\n"
            "layers = [\n"
            "  { kind = \"source\", source = \"cam1\", rect = [0, 0, 1080, 960] },\n"
            "  { kind = \"source\", source = \"cam2\", rect = [0, 960, 1080, 960], fit = \"contain\" },\n"
            "]\n"
            "slots = [\n"
            "  { name = \"card\", anchor = \"bottom\", size = [860, 290] },\n"
            "]\n"
            "\n# What is on the buses"));
}

TEST_F(ShowFileEdit, AMissingListIsAddedToItsScene) {
    const std::string out = save(kShow, [](auto& scenes) {
        scenes[1].slots.push_back(slotAt("card", {100, 1400, 880, 300}));
    });
    EXPECT_EQ(out, replaced(kShow, "rect = [0, 1500, 1080, 420] },\n]\n",
                            "rect = [0, 1500, 1080, 420] },\n]\n"
                            "slots = [\n"
                            "  { name = \"card\", rect = [100, 1400, 880, 300] },\n"
                            "]\n"));
}

TEST_F(ShowFileEdit, AMissingListInAnIndentedSceneIsIndentedToo) {
    const std::string text = kSources + R"(
[[scenes]]
  id = "main"
  layers = [ { source = "cam1", rect = [0, 0, 1080, 1920] } ]

# the next table's comment
[program]
scene = "main"
)";
    const std::string out = save(text, [](auto& scenes) {
        scenes[0].slots.push_back(slotAt("card", {0, 0, 100, 100}, "top"));
    });
    EXPECT_EQ(out, replaced(text, "rect = [0, 0, 1080, 1920] } ]\n",
                            "rect = [0, 0, 1080, 1920] } ]\n"
                            "  slots = [\n"
                            "    { name = \"card\", anchor = \"top\", size = [100, 100] },\n"
                            "  ]\n"));
}

TEST_F(ShowFileEdit, AMultiLineListWithCommentsInside) {
    const std::string text = replaced(kShow, R"(layers = [
  { kind = "source", source = "cam1", rect = [0, 0, 1080, 1920], fit = "cover" },
  { kind = "source", source = "cam2", rect = [680, 40, 360, 640], fit = "cover" },
]
slots)",
                                      R"(layers = [   # bottom first
  # the host, full frame
  { kind = "source", source = "cam1", rect = [0, 0, 1080, 1920], fit = "cover" },  # wide

  # the product, picture in picture
  { kind = "source", source = "cam2", rect = [680, 40, 360, 640], fit = "cover" },
  { kind = "color", color = "#00000080", rect = [0, 1500, 1080, 420] }  # shade, no comma
]  # end of layers
slots)");
    const std::string out = save(text, [](auto& scenes) {
        auto& layers = scenes[0].layers;
        layers[0].rect = {0, 0, 1080, 1900};
        layers.erase(layers.begin() + 1);
        layers.push_back(colorLayer({255, 255, 255, 255}, {0, 0, 1080, 8}));
    });
    std::string want = replaced(text, "[0, 0, 1080, 1920], fit = \"cover\" },  # wide",
                                "[0, 0, 1080, 1900], fit = \"cover\" },  # wide");
    want = replaced(
        want, "  { kind = \"source\", source = \"cam2\", rect = [680, 40, 360, 640], fit = \"cover\" },\n",
        "");
    want = replaced(want, "[0, 1500, 1080, 420] }  # shade, no comma\n",
                    "[0, 1500, 1080, 420] },  # shade, no comma\n"
                    "  { kind = \"color\", color = \"#FFFFFF\", rect = [0, 0, 1080, 8] },\n");
    EXPECT_EQ(out, want);
}

TEST_F(ShowFileEdit, OneLineListsStayOnOneLine) {
    const std::string text = replaced(
        kShow, R"(layers = [
  { kind = "source", source = "cam2", rect = [0, 0, 1080, 1920], fit = "cover" },
  { kind = "color", color = "#00000080", rect = [0, 1500, 1080, 420] },
])",
        R"(layers = [ { kind = "source", source = "cam2", rect = [0, 0, 1080, 1920] }, { kind = "color", color = "#00000080", rect = [0, 1500, 1080, 420] } ])");
    const std::string added = save(text, [](auto& scenes) {
        scenes[1].layers.push_back(colorLayer({1, 2, 3, 255}, {0, 0, 8, 8}));
    });
    EXPECT_EQ(
        added,
        replaced(text, "[0, 1500, 1080, 420] } ]",
                 R"([0, 1500, 1080, 420] }, { kind = "color", color = "#010203", rect = [0, 0, 8, 8] } ])"));
    const std::string removed =
        save(text, [](auto& scenes) { scenes[1].layers.erase(scenes[1].layers.begin()); });
    EXPECT_EQ(removed,
              replaced(text, R"({ kind = "source", source = "cam2", rect = [0, 0, 1080, 1920] }, )", ""));
}

TEST_F(ShowFileEdit, StringsHoldingBracketsHashesAndQuotes) {
    std::string text = replaced(kShow, "id = \"cam2\"", R"(id = "cam]#2 \"b\"")");
    text = replaced(text, R"(source = "cam2", rect = [680)", R"(source = "cam]#2 \"b\"", rect = [680)");
    text = replaced(text, R"(source = "cam2", rect = [0, 0)", R"(source = 'cam]#2 "b"', rect = [0, 0)");
    text = replaced(text, "name = \"Host full\"",
                    "name = \"\"\"Host # full\n[[scenes]]\nid = \"fake\" ]}\"\"\"");
    text = replaced(text, "name = \"Product close-up\"", "name = '''close-up ] # '''");
    const std::string out = save(text, [](auto& scenes) {
        scenes[0].layers[1].rect = {1, 2, 300, 400};
        scenes[1].layers[0].rect = {0, 0, 1080, 1000};
        scenes[1].layers[0].source = "cam1";
    });
    std::string want = replaced(text, "rect = [680, 40, 360, 640]", "rect = [1, 2, 300, 400]");
    want = replaced(want, R"(source = 'cam]#2 "b"', rect = [0, 0, 1080, 1920])",
                    R"(source = "cam1", rect = [0, 0, 1080, 1000])");
    EXPECT_EQ(out, want);
}

TEST_F(ShowFileEdit, ImagePathsKeepTheirSpellingWhileTheyNameTheFile) {
    std::filesystem::create_directories(dir.path / "art");
    dir.touch("art/b.png");
    const std::string text =
        replaced(kShow, R"({ kind = "color", color = "#00000080", rect = [0, 1500, 1080, 420] },)",
                 R"({ kind = "image", path = "./art/../logo.png", rect = [0, 1500, 1080, 420] },)");
    const std::string moved = save(text, [&](auto& scenes) {
        scenes[1].layers[1].image = dir.path / "logo.png";
        scenes[1].layers[1].rect = {0, 0, 10, 10};
    });
    EXPECT_EQ(moved, replaced(text, "rect = [0, 1500, 1080, 420]", "rect = [0, 0, 10, 10]"));
    const std::string other =
        save(text, [&](auto& scenes) { scenes[1].layers[1].image = dir.path / "art" / "b.png"; });
    EXPECT_EQ(other, replaced(text, "\"./art/../logo.png\"", "\"art/b.png\""));
}

TEST_F(ShowFileEdit, WindowsLineEndingsStayWindowsLineEndings) {
    const auto crlf = [](std::string text) {
        for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 2))
            text.replace(at, 1, "\r\n");
        return text;
    };
    const std::string text = crlf(kShow);
    const std::string out = save(text, [](auto& scenes) {
        scenes[0].layers[1].rect = {1, 2, 3, 4};
        scenes[0].layers.push_back(colorLayer({0, 0, 0, 255}, {0, 0, 8, 8}));
    });
    EXPECT_EQ(out, replaced(text, "rect = [680, 40, 360, 640], fit = \"cover\" },\r\n",
                            "rect = [1, 2, 3, 4], fit = \"cover\" },\r\n"
                            "  { kind = \"color\", color = \"#000000\", rect = [0, 0, 8, 8] },\r\n"));
}

TEST_F(ShowFileEdit, AllLayersReplacedRewriteTheList) {
    const std::string out = save(kShow, [](auto& scenes) {
        scenes[1].layers = {colorLayer({1, 1, 1, 255}, {0, 0, 10, 10}),
                            colorLayer({2, 2, 2, 255}, {0, 0, 20, 20})};
    });
    EXPECT_EQ(out, replaced(kShow, R"(layers = [
  { kind = "source", source = "cam2", rect = [0, 0, 1080, 1920], fit = "cover" },
  { kind = "color", color = "#00000080", rect = [0, 1500, 1080, 420] },
])",
                            R"(layers = [
  { kind = "color", color = "#010101", rect = [0, 0, 10, 10] },
  { kind = "color", color = "#020202", rect = [0, 0, 20, 20] },
])"));
}

TEST_F(ShowFileEdit, ReorderedLayersRewriteTheirList) {
    const std::string out = save(kShow, [](auto& scenes) {
        std::swap(scenes[0].layers[0], scenes[0].layers[1]);
        scenes[0].layers[0].rect = {0, 0, 540, 960};
    });
    EXPECT_NE(
        out.find("layers = [\n"
                 "  { kind = \"source\", source = \"cam2\", rect = [0, 0, 540, 960], fit = \"cover\" },\n"
                 "  { kind = \"source\", source = \"cam1\", rect = [0, 0, 1080, 1920], fit = \"cover\" },\n"
                 "]\n"),
        std::string::npos)
        << out;
}

TEST_F(ShowFileEdit, TextThatIsNotTheShowsFileIsRefused) {
    const std::vector<SceneSpec> file = parse(kShow).scenes;
    std::vector<SceneSpec> edited = file;
    edited[0].layers[1].rect = {1, 1, 10, 10};
    const auto messageOf = [&](const std::string& text, const std::vector<SceneSpec>& fileScenes) {
        std::string out = "untouched";
        try {
            out = writeSceneLayouts(text, fileScenes, edited, dir.path);
        } catch (const ShowFileEditError& error) {
            EXPECT_EQ(out, "untouched");
            return std::string(error.what());
        }
        ADD_FAILURE() << "no error";
        return std::string();
    };
    // A layer fewer in the text than the show read.
    const std::string shorter = replaced(
        kShow, "  { kind = \"source\", source = \"cam1\", rect = [0, 0, 1080, 1920], fit = \"cover\" },\n",
        "");
    EXPECT_NE(messageOf(shorter, file).find("'main'"), std::string::npos);
    // A scene the text does not have.
    std::vector<SceneSpec> renamed = file;
    renamed[1].id = "closeup";
    EXPECT_NE(messageOf(kShow, renamed).find("'closeup'"), std::string::npos);
    // A scene the show did not read.
    const std::string extra = kShow + "\n[[scenes]]\nid = \"later\"\n";
    EXPECT_NE(messageOf(extra, file).find("'later'"), std::string::npos);
    // The same number of layers, but not the ones the show read.
    const std::string other = replaced(kShow, R"({ kind = "source", source = "cam2", rect = [680)",
                                       R"({ kind = "color", color = "#000000", rect = [680)");
    EXPECT_NE(messageOf(other, file).find("'main'"), std::string::npos);
}
