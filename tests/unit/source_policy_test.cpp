// [security] source_protocols: what source.add and source.edit may reach.

#include <gtest/gtest.h>

#include "hawker/studio/show/show_controller.hpp"
#include "hawker/studio/show/source_policy.hpp"

using namespace hawker::studio;

namespace {
ShowSpec policyShow(const std::string& security = "") {
    return parseShow(R"(
[[sources]]
id = "cam"
url = "x"
format = "lavfi"
[[scenes]]
id = "wide"
layers = [ { kind = "source", source = "cam", rect = [0, 0, 720, 1280] } ]
)" + security,
                     "show.toml", "/");
}
const Actor kOperator{"deck", Role::Operator};
} // namespace

TEST(SourcePolicy, InputKinds) {
    struct Case {
        const char* url;
        const char* format;
        const char* kind;
    };
    const Case cases[] = {
        {"srt://10.0.0.7:9000?mode=caller", "", "srt"},
        {"SRT://10.0.0.7:9000", "mpegts", "srt"},
        {"rtmp://h/live/s", "flv", "rtmp"},
        {"rtmps://h/live/s", "", "rtmps"},
        {"rtsp://u:p@cam/1", "rtsp", "rtsp"},
        {"udp://127.0.0.1:5000", "", "udp"},
        {"http://h/x.m3u8", "", "http"},
        {"file:/etc/passwd", "", "file"},
        {"/etc/passwd", "", "file"},
        {"relative/clip.mp4", "", "file"},
        {"/dev/video0", "", "file"},
        {"/dev/video0", "v4l2", "v4l2"},
        {":0.0+0,0", "x11grab", "x11grab"},
        {"color=c=red:size=320x240", "lavfi", "lavfi"},
        {"movie=/etc/passwd", "LAVFI", "lavfi"},
        {"list.txt", "concat", "concat"},
        {"async:rtmp://h/a", "", "async"},
        {"concat:a.ts|b.ts", "", "concat"},
        {"pipe:0", "", "pipe"},
        {"subfile,,0,10,:/etc/passwd", "", "file"},
        {"udp://h:1", "hls", "hls"},
    };
    for (const Case& c : cases)
        EXPECT_EQ(inputKind(c.url, c.format), c.kind) << c.url << " / " << c.format;
}

TEST(SourcePolicy, DefaultAllowsOnlyNetworkProtocols) {
    const ShowSpec show = policyShow();
    EXPECT_EQ(show.security.sourceProtocols,
              (std::vector<std::string>{"srt", "rtmp", "rtmps", "rtsp", "udp"}));
    ShowController controller(show);
    auto add = [&](const std::string& id, const std::string& url, const std::string& format) {
        return controller.execute(
            Command::named("source.add", {{"source", id}, {"url", url}, {"format", format}}), kOperator, 0);
    };
    EXPECT_TRUE(add("phone", "srt://10.0.0.7:9000", "").ok);
    for (const auto& [url, format] :
         std::vector<std::pair<std::string, std::string>>{{"file:/etc/passwd", ""},
                                                          {"/etc/passwd", ""},
                                                          {"color=c=red:size=320x240", "lavfi"},
                                                          {":0.0", "x11grab"},
                                                          {"/dev/video0", "v4l2"},
                                                          {"http://10.0.0.9/x", ""}}) {
        const CommandResult refused = add("other", url, format);
        EXPECT_FALSE(refused.ok) << url;
        EXPECT_EQ(refused.failure, CommandResult::Failure::NotAllowed) << url;
        EXPECT_NE(refused.message.find("[security] source_protocols: srt, rtmp, rtmps, rtsp, udp"),
                  std::string::npos)
            << refused.message;
    }
    const CommandResult edit = controller.execute(
        Command::named("source.edit", {{"source", "cam"}, {"url", "movie=/etc/passwd"}, {"format", "lavfi"}}),
        kOperator, 0);
    EXPECT_EQ(edit.failure, CommandResult::Failure::NotAllowed) << edit.message;
    EXPECT_NE(edit.message.find("'lavfi' inputs are not allowed"), std::string::npos) << edit.message;
    const auto state = controller.snapshot();
    EXPECT_EQ(state->addedSources.size(), 1u) << "refusals change nothing";
    EXPECT_TRUE(state->sourceTargets.empty());
    // The automation (a show file's cues) is held to the same list.
    EXPECT_FALSE(
        controller
            .execute(Command::named("source.add", {{"source", "cue"}, {"url", "x"}, {"format", "lavfi"}}),
                     Actor{"automation", Role::Automation}, 0)
            .ok);
}

TEST(SourcePolicy, AShowFileListsWhatItAllows) {
    const ShowSpec show = policyShow("[security]\nsource_protocols = [\"srt\", \"lavfi\", \"file\"]\n");
    ShowController controller(show);
    EXPECT_TRUE(controller
                    .execute(Command::named("source.add",
                                            {{"source", "bars"}, {"url", "smptebars"}, {"format", "lavfi"}}),
                             kOperator, 0)
                    .ok);
    EXPECT_TRUE(
        controller
            .execute(Command::named("source.edit", {{"source", "cam"}, {"url", "/srv/clips/loop.mp4"}}),
                     kOperator, 0)
            .ok);
    const CommandResult rtmp = controller.execute(
        Command::named("source.add", {{"source", "push"}, {"url", "rtmp://h/live/s"}}), kOperator, 0);
    EXPECT_EQ(rtmp.failure, CommandResult::Failure::NotAllowed) << "rtmp is not listed any more";
    EXPECT_TRUE(policyShow("[security]\nsource_protocols = []\n").security.sourceProtocols.empty());
}

TEST(SourcePolicy, BadSecuritySectionsAreShowFileErrors) {
    EXPECT_THROW(policyShow("[security]\nsource_protocols = [\"SRT\"]\n"), ShowFileError);
    EXPECT_THROW(policyShow("[security]\nsource_protocols = [\"srt://\"]\n"), ShowFileError);
    EXPECT_THROW(policyShow("[security]\nsource_protocols = \"srt\"\n"), ShowFileError);
    EXPECT_THROW(policyShow("[security]\nprotocols = [\"srt\"]\n"), ShowFileError);
    try {
        policyShow("[security]\nsource_protocols = [\"Lavfi\"]\n");
        FAIL() << "no error";
    } catch (const ShowFileError& error) {
        EXPECT_NE(std::string(error.what()).find("security.source_protocols"), std::string::npos)
            << error.what();
    }
}
