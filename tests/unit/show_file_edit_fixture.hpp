#pragma once
// The show texts, helpers and fixture of Save show's writer tests
// (show_file_edit_test.cpp, show_file_edit_shows_test.cpp).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "hawker/studio/show/show_file.hpp"
#include "hawker/studio/show/show_file_edit.hpp"
#include "temp_dir.hpp"

namespace hawker::studio {

/// The inputs both test shows use.
inline const std::string kSources = R"([[sources]]
id = "cam1"
format = "lavfi"
url = "testsrc2"

[[sources]]
id = "cam2"
format = "lavfi"
url = "smptebars"
)";

inline const std::string kShow = R"(# A show for the writer's tests.

[show]
name = "Writer test"

)" + kSources + R"(
# Scenes: ordered layers, bottom first.
[[scenes]]
id = "main"
name = "Host full"
hotkey = "1"
layers = [
  { kind = "source", source = "cam1", rect = [0, 0, 1080, 1920], fit = "cover" },
  { kind = "source", source = "cam2", rect = [680, 40, 360, 640], fit = "cover" },
]
slots = [
  { name = "card", anchor = "bottom", size = [860, 290] },
  { name = "countdown", anchor = "top-left", size = [420, 200] },
  { name = "lower_third", rect = [44, 880, 600, 140] },
]

[[scenes]]
id = "product"
name = "Product close-up"
hotkey = "2"
layers = [
  { kind = "source", source = "cam2", rect = [0, 0, 1080, 1920], fit = "cover" },
  { kind = "color", color = "#00000080", rect = [0, 1500, 1080, 420] },
]

# What is on the buses when the show starts.
[program]
scene = "main"
preview = "product"
transition = "fade"          # "cut" or "fade"
)";

/// `text` with its only occurrence of `from` replaced by `to`.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    EXPECT_EQ(text.find(from, at + 1), std::string::npos) << from << " is there twice";
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

inline std::vector<std::string> linesOf(const std::string& text) {
    std::vector<std::string> lines;
    size_t begin = 0;
    while (begin < text.size()) {
        const size_t end = text.find('\n', begin);
        lines.push_back(text.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
        if (end == std::string::npos) break;
        begin = end + 1;
    }
    return lines;
}

inline std::string readFile(const std::filesystem::path& path) {
    std::ifstream file(path);
    std::stringstream read;
    read << file.rdbuf();
    return read.str();
}

/// A slot at an explicit rectangle; with `anchor`, `rect`'s size anchored there instead.
inline SlotSpec slotAt(const std::string& name, cv::Rect rect, const std::string& anchor = "") {
    SlotSpec slot;
    slot.name = name;
    slot.anchor = anchor;
    if (anchor.empty())
        slot.rect = rect;
    else
        slot.size = rect.size();
    return slot;
}

inline LayerSpec colorLayer(Rgba color, cv::Rect rect) {
    LayerSpec layer;
    layer.kind = LayerSpec::Kind::Color;
    layer.color = color;
    layer.rect = rect;
    return layer;
}

class ShowFileEdit : public ::testing::Test {
protected:
    void SetUp() override { dir.touch("logo.png"); }

    ShowSpec parse(const std::string& text) const { return parseShow(text, "show.toml", base); }

    /// The scenes of `text` after `edit`, saved, checked to read back as edited.
    template <typename Edit>
    std::string save(const std::string& text, Edit edit) {
        const std::vector<SceneSpec> file = parse(text).scenes;
        std::vector<SceneSpec> edited = file;
        edit(edited);
        const std::string out = writeSceneLayouts(text, file, edited, base);
        expectReadBackAs(out, edited);
        return out;
    }

    /// The layouts `text` parses to are `edited`'s (their place in the file aside).
    void expectReadBackAs(const std::string& text, const std::vector<SceneSpec>& edited) {
        ShowSpec show;
        try {
            show = parse(text);
        } catch (const ShowFileError& error) {
            FAIL() << error.what() << "\n" << text;
        }
        for (const SceneSpec& want : edited) {
            const SceneSpec* got = show.findScene(want.id);
            ASSERT_NE(got, nullptr) << want.id;
            EXPECT_EQ(got->hotkey, want.hotkey);
            ASSERT_EQ(got->layers.size(), want.layers.size()) << want.id << "\n" << text;
            for (size_t i = 0; i < want.layers.size(); ++i) {
                const LayerSpec& a = got->layers[i];
                const LayerSpec& b = want.layers[i];
                EXPECT_EQ(a.kind, b.kind) << want.id << " layer " << i;
                EXPECT_EQ(a.source, b.source) << want.id << " layer " << i;
                EXPECT_TRUE(a.image == b.image || std::filesystem::equivalent(a.image, b.image))
                    << a.image << " " << b.image;
                EXPECT_EQ(a.color, b.color) << want.id << " layer " << i;
                EXPECT_EQ(a.rect, b.rect) << want.id << " layer " << i;
                EXPECT_EQ(a.fit, b.fit) << want.id << " layer " << i;
            }
            ASSERT_EQ(got->slots.size(), want.slots.size()) << want.id << "\n" << text;
            for (size_t i = 0; i < want.slots.size(); ++i) {
                const SlotSpec& a = got->slots[i];
                const SlotSpec& b = want.slots[i];
                EXPECT_EQ(a.name, b.name);
                EXPECT_EQ(a.anchor, b.anchor) << b.name;
                if (b.anchor.empty()) {
                    EXPECT_EQ(a.rect, b.rect) << b.name;
                } else {
                    EXPECT_EQ(a.size, b.size) << b.name;
                    EXPECT_EQ(a.offset, b.offset) << b.name;
                }
            }
        }
    }

    TempDir dir{"hawker-show-edit"};
    std::filesystem::path base = dir.path; ///< where the show's relative paths resolve
};

inline const std::string kTables = kSources + R"(
[[scenes]]
id = "main"
hotkey = "1"

# the host
[[scenes.layers]]
kind = "source"
source = "cam1"
rect = [0, 0, 1080, 1920]   # full frame

[[scenes.layers]]
source = "cam2"
rect = [680, 40, 360, 640]
fit = "contain"

[[scenes.slots]]
name = "card"
anchor = "bottom"
size = [860, 290]
offset = [0, 40]

[program]
scene = "main"
)";

} // namespace hawker::studio
