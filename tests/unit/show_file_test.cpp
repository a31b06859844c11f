#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "hawker/studio/base/assets.hpp"
#include "hawker/studio/show/show_file.hpp"

using namespace hawker::studio;

namespace {
const char* kMinimal = R"(
[[sources]]
id = "cam"
format = "lavfi"
url = "testsrc2"
[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cam", rect = [0, 0, 1080, 1920] } ]
)";

ShowSpec parse(const std::string& text) {
    return parseShow(text, "show.toml", "/shows");
}

/// The message of the ShowFileError `text` raises (fails the test if none).
std::string errorOf(const std::string& text) {
    try {
        parse(text);
    } catch (const ShowFileError& error) {
        return error.what();
    }
    ADD_FAILURE() << "no error for:\n" << text;
    return {};
}

std::filesystem::path assets() {
    return assetsDir();
}
} // namespace

TEST(ShowFile, MinimalShowGetsTheDesignDefaults) {
    const ShowSpec show = parse(kMinimal);
    EXPECT_EQ(show.width, 1080);
    EXPECT_EQ(show.height, 1920);
    EXPECT_EQ(show.fps, 30);
    EXPECT_EQ(show.programScene, "main");
    EXPECT_EQ(show.encoder.preset, "veryfast");
    EXPECT_EQ(show.encoder.bitrateKbps, 4500);
    EXPECT_EQ(show.encoder.keyintSeconds, 2);
    EXPECT_EQ(show.encoder.tune, "zerolatency");
    EXPECT_EQ(show.encoder.width, 1080);
}

TEST(ShowFile, ShippedExampleAndDemoShowsParse) {
    const ShowSpec example = loadShowFile(assets() / "shows" / "example.toml");
    EXPECT_EQ(example.sources.size(), 3u);
    EXPECT_EQ(example.audioInputs.size(), 1u);
    EXPECT_EQ(example.scenes.size(), 2u);
    EXPECT_EQ(example.outputs.size(), 3u);
    EXPECT_EQ(example.outputs[1].keyEnv, "HAWKER_KEY_DOUYIN");
    EXPECT_EQ(example.scenes[0].slots.size(), 3u);
    EXPECT_EQ(example.cues.size(), 5u);
    EXPECT_EQ(example.products.size(), 1u);
    EXPECT_EQ(example.scenes[0].slots[0].anchor, "bottom");
    // Relative paths resolve against the show file's folder.
    EXPECT_EQ(example.outputs[0].path.parent_path().filename(), "recordings");
    const ShowSpec demo = loadShowFile(assets() / "shows" / "demo.toml");
    EXPECT_GE(demo.scenes.size(), 2u);
}

TEST(ShowFile, PlatformPresetSetsCanvasAndRatesAndExplicitKeysWin) {
    const ShowSpec show = parse(std::string(kMinimal) + "[encoder]\nplatform = \"landscape-1080\"\n");
    EXPECT_EQ(show.width, 1920);
    EXPECT_EQ(show.height, 1080);
    EXPECT_EQ(show.encoder.bitrateKbps, 6000);
    const ShowSpec custom =
        parse(std::string(kMinimal) + "[encoder]\nplatform = \"portrait-720\"\nbitrate_kbps = 3000\n");
    EXPECT_EQ(custom.width, 720);
    EXPECT_EQ(custom.encoder.bitrateKbps, 3000);
    EXPECT_NE(errorOf(std::string(kMinimal) + "[encoder]\nplatform = \"vhs\"\n").find("encoder.platform"),
              std::string::npos);
}

TEST(ShowFile, ErrorsNameTheField) {
    struct Case {
        std::string text, expected;
    };
    const std::vector<Case> cases = {
        {"[[sources]]\nid = \"cam\"\n[[scenes]]\nid=\"s\"\n", "sources[0].url: missing"},
        {std::string(kMinimal) + "[canvas]\nwidth = 1081\n", "canvas.width: must be even"},
        {std::string(kMinimal) + "[canvas]\nfps = 0\n", "canvas.fps"},
        {std::string(kMinimal) + "[canvas]\nwidht = 1080\n", "canvas.widht: unknown key"},
        {std::string(kMinimal) + "[canvas]\nbackground = \"red\"\n", "canvas.background"},
        {"[[sources]]\nid=\"c\"\nurl=\"x\"\n[[scenes]]\nid=\"s\"\nlayers=[{kind=\"source\", source=\"nope\", "
         "rect=[0,0,2,2]}]\n",
         "scenes[0].layers[0].source: no source with id 'nope'"},
        {"[[sources]]\nid=\"c\"\nurl=\"x\"\n[[scenes]]\nid=\"s\"\nlayers=[{kind=\"source\", source=\"c\", "
         "rect=[0,0,2]}]\n",
         "scenes[0].layers[0].rect: expected 4 integers"},
        {"[[sources]]\nid=\"c\"\nurl=\"x\"\n[[scenes]]\nid=\"s\"\nlayers=[{kind=\"source\", source=\"c\", "
         "rect=[0,0,0,5]}]\n",
         "scenes[0].layers[0].rect: width and height must be positive"},
        {"[[sources]]\nid=\"c\"\nurl=\"x\"\n[[scenes]]\nid=\"s\"\nlayers=[{kind=\"source\", source=\"c\", "
         "rect=[0,0,2,2], fit=\"zoom\"}]\n",
         "scenes[0].layers[0].fit"},
        {"[[sources]]\nid=\"c\"\nurl=\"x\"\n[[scenes]]\nid=\"s\"\nlayers=[{kind=\"image\", "
         "path=\"missing.png\", rect=[0,0,2,2]}]\n",
         "scenes[0].layers[0].path: no such file"},
        {"[[sources]]\nid=\"c\"\nurl=\"x\"\n[[sources]]\nid=\"c\"\nurl=\"y\"\n[[scenes]]\nid=\"s\"\n",
         "sources[1].id: 'c' is used twice"},
        {std::string(kMinimal) + "[[outputs]]\nid=\"o\"\nkind=\"ftp\"\n", "outputs[0].kind"},
        {std::string(kMinimal) + "[[outputs]]\nid=\"o\"\nkind=\"record\"\npath=\"x.avi\"\n",
         "outputs[0].path"},
        {std::string(kMinimal) + "[[outputs]]\nid=\"o\"\nkind=\"rtmp\"\nurl=\"http://x\"\n",
         "outputs[0].url"},
        {std::string(kMinimal) + "[[cues]]\nat_s = 1\ncommand=\"cut\"\n", "cues[0].scene: missing"},
        {std::string(kMinimal) + "[[cues]]\nat_s = 1\ncommand=\"explode\"\n", "cues[0].command"},
        {std::string(kMinimal) + "[program]\nscene = \"nope\"\n", "program.scene: no scene"},
        {"[[sources]]\nid=\"c\"\nurl=\"x\"\n", "scenes: at least one scene"},
        {std::string(kMinimal) + "[encoder]\nbitrate_kbps = \"fast\"\n",
         "encoder.bitrate_kbps: expected a whole number"},
    };
    for (const Case& c : cases) {
        const std::string message = errorOf(c.text);
        EXPECT_NE(message.find("show.toml: " + c.expected), std::string::npos)
            << "got: " << message << "\nwanted: " << c.expected;
    }
}

TEST(ShowFile, SyntaxErrorsGiveTheLine) {
    const std::string message = errorOf("[canvas]\nwidth = 1080\nheight = = 3\n");
    EXPECT_NE(message.find("show.toml:3:"), std::string::npos) << message;
}

TEST(ShowFile, MissingFileIsAClearError) {
    try {
        loadShowFile("/nonexistent/show.toml");
        FAIL() << "no error";
    } catch (const ShowFileError& error) {
        EXPECT_NE(std::string(error.what()).find("cannot read"), std::string::npos);
    }
}

TEST(ShowFile, ColoursParseWithAndWithoutAlpha) {
    auto opaque = parseColor("#ff8000");
    ASSERT_TRUE(opaque);
    EXPECT_EQ(opaque->r, 255);
    EXPECT_EQ(opaque->g, 128);
    EXPECT_EQ(opaque->a, 255);
    auto translucent = parseColor("#00000080");
    ASSERT_TRUE(translucent);
    EXPECT_EQ(translucent->a, 128);
    EXPECT_FALSE(parseColor("#12345"));
    EXPECT_FALSE(parseColor("#gggggg"));
    EXPECT_FALSE(parseColor("ff8000"));
}

TEST(ShowFile, TheSessionsTagAndHostAndTheDroppedFramesRule) {
    const ShowSpec show =
        parse(std::string(kMinimal) + "[session]\ntitle = \"晚八点\"\ntag = \"beauty\"\nhost = \"小美\"\n"
                                      "[[alerts]]\nkind = \"frames_dropped\"\nframes = 30\nwindow_s = 5\n");
    EXPECT_EQ(show.session.tag, "beauty");
    EXPECT_EQ(show.session.host, "小美");
    ASSERT_EQ(show.alerts.size(), 1u);
    EXPECT_EQ(show.alerts[0].kind, AlertKind::FramesDropped);
    EXPECT_EQ(show.alerts[0].frames, 30);
    EXPECT_EQ(show.alerts[0].windowSeconds, 5);
    const ShowSpec defaults = parse(std::string(kMinimal) + "[[alerts]]\nkind = \"frames_dropped\"\n");
    EXPECT_EQ(defaults.alerts[0].frames, 15);
    EXPECT_EQ(defaults.alerts[0].windowSeconds, 10);
    EXPECT_NE(errorOf(std::string(kMinimal) + "[session]\nhost = \"" + std::string(65, 'x') + "\"\n")
                  .find("session.host: a host is a name, at most 64 bytes"),
              std::string::npos);
    EXPECT_NE(errorOf(std::string(kMinimal) + "[[alerts]]\nkind = \"frames_dropped\"\nframes = 0\n")
                  .find("alerts[0].frames"),
              std::string::npos);
}
