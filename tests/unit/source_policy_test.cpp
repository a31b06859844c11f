// [security] source_protocols: what source.add and source.edit may reach.

#include <gtest/gtest.h>

#include "hawker/studio/show/added_sources.hpp"
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

TEST(SourcePolicy, AnOperatorsInputIsHeldToItsProtocolOnceOpen) {
    using Limits = std::map<std::string, std::string>;
    const std::string streams = "mpegts,flv,matroska,h264,hevc,mjpeg,nut,rtsp";
    EXPECT_EQ(operatorInputLimits("udp://127.0.0.1:5000", ""),
              (Limits{{"protocol_whitelist", "udp"}, {"format_whitelist", streams}}));
    EXPECT_EQ(operatorInputLimits("srt://10.0.0.7:9000?mode=caller", ""),
              (Limits{{"protocol_whitelist", "srt"}, {"format_whitelist", streams}}));
    EXPECT_EQ(operatorInputLimits("rtmps://h/live/s", ""),
              (Limits{{"protocol_whitelist", "rtmps,tls,tcp"}, {"format_whitelist", streams}}));
    EXPECT_EQ(operatorInputLimits("rtsp://cam/1", ""),
              (Limits{{"protocol_whitelist", "rtsp,rtp,udp,tcp"}, {"format_whitelist", streams}}));
    // A named stream format is not probed: only the protocols are held.
    EXPECT_EQ(operatorInputLimits("udp://127.0.0.1:5000", "mpegts"), (Limits{{"protocol_whitelist", "udp"}}));
    // HTTP may carry a playlist (HLS), whose segments stay on HTTP(S).
    EXPECT_EQ(operatorInputLimits("https://cdn/live.m3u8", ""),
              (Limits{{"protocol_whitelist", "https,http,tls,tcp,crypto"}}));
    // A file, when the show allows files, stays on files.
    EXPECT_EQ(operatorInputLimits("/media/clip.mp4", ""), (Limits{{"protocol_whitelist", "file"}}));
    // Devices and generated inputs are allowed by name; FFmpeg's protocols do not apply.
    EXPECT_TRUE(operatorInputLimits("/dev/video0", "v4l2").empty());
    EXPECT_TRUE(operatorInputLimits("color=c=red", "lavfi").empty());
}

TEST(SourcePolicy, AddedAndRetargetedSourcesCarryTheLimits) {
    const AddedSource added{"cam9", "udp://127.0.0.1:5009", "", "", ""};
    const SourceSpec spec = sourceSpecOf(added);
    ASSERT_TRUE(spec.options.count("protocol_whitelist"));
    EXPECT_EQ(spec.options.at("protocol_whitelist"), "udp");
    EXPECT_TRUE(spec.options.count("format_whitelist"));

    // A show file's own source keeps its author's options, and gains the
    // limits only when an operator points it somewhere else.
    SourceSpec own;
    own.id = "cam";
    own.url = "/media/host.mp4";
    own.options = {{"analyzeduration", "500000"}};
    ShowState state;
    EXPECT_EQ(withEditedTarget(own, state).options, own.options);
    state.sourceTargets["cam"] = {"rtmp://10.0.0.2/live/cam", ""};
    const SourceSpec edited = withEditedTarget(own, state);
    EXPECT_EQ(edited.url, "rtmp://10.0.0.2/live/cam");
    EXPECT_EQ(edited.options.at("analyzeduration"), "500000");
    EXPECT_EQ(edited.options.at("protocol_whitelist"), "rtmp,tcp");
}
