// Platform profiles: every shipped profile parses and says where each rule comes from; a rule broken
// against a trusted fact fails and against a secondary one warns; the show file's overrides are the
// user's word; a card slot in the covered bottom of a phone picture is flagged.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "hawker/studio/show/platform_profile.hpp"
#include "hawker/studio/show/profile_check.hpp"
#include "hawker/studio/show/show_file.hpp"

using namespace hawker::studio;

namespace {

OutputSpec outputWith(const PlatformProfile& profile, const std::string& url = "rtmp://127.0.0.1/live") {
    OutputSpec output;
    output.id = "out";
    output.kind =
        url.rfind("udp://", 0) == 0 ? hawker::capture::OutputKind::Udp : hawker::capture::OutputKind::Rtmp;
    output.url = url;
    output.profile = profile;
    return output;
}

hawker::capture::StreamMeasure portraitStream() {
    hawker::capture::StreamMeasure m;
    m.videoCodec = "h264";
    m.videoProfile = "high";
    m.videoLevel = 4.0;
    m.width = 1080;
    m.height = 1920;
    m.fps = 30;
    m.keyframes = 5;
    m.keyintMaxS = 2;
    m.videoKbps = 4500;
    m.videoKbpsPerSecond = {4400, 4600};
    m.audioCodec = "aac";
    m.audioRate = 48000;
    m.audioChannels = 2;
    m.audioKbps = 128;
    m.interleaveMs = 40;
    return m;
}

bool has(const std::vector<RuleCheck>& checks, RuleKey key) {
    return std::any_of(checks.begin(), checks.end(),
                       [&](const RuleCheck& check) { return check.rule == key; });
}

/// The row of `key` (a failure, and an empty row, when there is none).
RuleCheck find(const std::vector<RuleCheck>& checks, RuleKey key) {
    for (const RuleCheck& check : checks)
        if (check.rule == key) return check;
    ADD_FAILURE() << "no row for " << ruleName(key);
    return {};
}

} // namespace

TEST(PlatformProfile, EveryShippedProfileParsesAndNamesItsSources) {
    const auto ids = platformProfileIds();
    for (const char* wanted : {"bilibili", "douyin", "kuaishou", "taobao", "tiktok", "twitch", "youtube"})
        EXPECT_NE(std::find(ids.begin(), ids.end(), wanted), ids.end()) << wanted;
    for (const std::string& id : ids) {
        const PlatformProfile profile = loadPlatformProfile(id);
        EXPECT_FALSE(profile.name.empty()) << id;
        EXPECT_FALSE(profile.note.empty()) << id;
        EXPECT_NE(profile.find(RuleKey::KeyintSeconds), nullptr) << id;
        for (const ProfileRule& rule : profile.rules) {
            EXPECT_FALSE(rule.source.empty()) << id << " " << ruleName(rule.key);
            EXPECT_NE(rule.confidence, Confidence::User) << id;
        }
    }
    // Where only secondary facts exist, nothing is enforced.
    for (const ProfileRule& rule : loadPlatformProfile("douyin").rules)
        EXPECT_FALSE(enforced(rule.confidence)) << ruleName(rule.key);
    const PlatformProfile youtube = loadPlatformProfile("youtube");
    const ProfileRule* keyint = youtube.find(RuleKey::KeyintSeconds);
    ASSERT_NE(keyint, nullptr);
    EXPECT_EQ(keyint->max, 4.0);
}

TEST(PlatformProfile, BadNamesAndBadFilesAreClearErrors) {
    EXPECT_THROW(loadPlatformProfile("../shows/demo"), ShowFileError);
    EXPECT_THROW(loadPlatformProfile("nope"), ShowFileError);
    const auto errorOf = [](const std::string& text) {
        try {
            parsePlatformProfile(text, "x", "x.toml");
        } catch (const ShowFileError& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(errorOf("name = \"X\"\n[rules.speed]\nmax = 1\nsource = \"s\"\nconfidence = \"documented\"\n")
                  .find("rules.speed: not a rule Hawker checks"),
              std::string::npos);
    EXPECT_NE(errorOf("name = \"X\"\n[rules.fps]\nmax = 30\nsource = \"s\"\nconfidence = \"sure\"\n")
                  .find("rules.fps.confidence"),
              std::string::npos);
    EXPECT_NE(
        errorOf("name = \"X\"\n[rules.fps]\nmax = 30\nconfidence = \"code\"\n").find("rules.fps.source"),
        std::string::npos);
    EXPECT_NE(
        errorOf("name = \"X\"\n[rules.fps]\nmin = 60\nmax = 30\nsource = \"s\"\nconfidence = \"code\"\n")
            .find("is below min"),
        std::string::npos);
    EXPECT_NE(errorOf("name = \"X\"\n[rules.fps]\nmax = 30\nsource = \"s\"\nconfidence = \"code\"\nx = 1\n")
                  .find("rules.fps.x: unknown key"),
              std::string::npos);
}

TEST(ProfileCheck, TrustedRulesFailSecondaryOnesWarnRecommendationsWarn) {
    hawker::capture::StreamMeasure m = portraitStream();
    m.keyintMaxS = 6;
    const auto youtube = checkMeasuredStream(outputWith(loadPlatformProfile("youtube")), m);
    ASSERT_TRUE(has(youtube, RuleKey::KeyintSeconds));
    EXPECT_EQ(find(youtube, RuleKey::KeyintSeconds).verdict, Verdict::Fail);
    EXPECT_EQ(find(youtube, RuleKey::KeyintSeconds).measured.rfind("6.00 s", 0), 0u);
    EXPECT_EQ(find(youtube, RuleKey::Fps).verdict, Verdict::Pass);
    EXPECT_EQ(worstVerdict(youtube), Verdict::Fail);
    const auto douyin = checkMeasuredStream(outputWith(loadPlatformProfile("douyin")), m);
    EXPECT_EQ(find(douyin, RuleKey::KeyintSeconds).verdict, Verdict::Warn) << "an assumed rule only warns";

    m.keyintMaxS = 3; // within 4 s, over the recommended 2 s
    EXPECT_EQ(find(checkMeasuredStream(outputWith(loadPlatformProfile("youtube")), m), RuleKey::KeyintSeconds)
                  .verdict,
              Verdict::Warn);
    m.keyintMaxS = 2.01; // the muxer's rounding is within the rule
    EXPECT_EQ(find(checkMeasuredStream(outputWith(loadPlatformProfile("youtube")), m), RuleKey::KeyintSeconds)
                  .verdict,
              Verdict::Pass);

    // Landscape to a portrait platform, no audio, and UDP to an RTMP-only ingest.
    hawker::capture::StreamMeasure landscape = portraitStream();
    landscape.width = 1920;
    landscape.height = 1080;
    landscape.audioCodec.clear();
    const auto tiktok =
        checkMeasuredStream(outputWith(loadPlatformProfile("tiktok"), "udp://127.0.0.1:1"), landscape);
    EXPECT_EQ(find(tiktok, RuleKey::Orientation).measured, "landscape");
    EXPECT_EQ(find(tiktok, RuleKey::Orientation).verdict, Verdict::Warn);
    EXPECT_EQ(find(tiktok, RuleKey::AudioCodec).measured, "none");
    EXPECT_EQ(find(tiktok, RuleKey::Protocol).measured, "udp");
    EXPECT_FALSE(has(tiktok, RuleKey::InterleaveMs)) << "no audio: nothing to interleave";
}

TEST(ProfileCheck, TheShowFilesOverridesAreEnforced) {
    PlatformProfile douyin = loadPlatformProfile("douyin");
    const toml::table rules = toml::parse("keyint_s = { max = 4 }\nvideo_kbps = { max = 3000 }\n");
    overrideRules(douyin, rules, "outputs[0].rules", "show.toml");
    const ProfileRule* keyint = douyin.find(RuleKey::KeyintSeconds);
    ASSERT_NE(keyint, nullptr);
    EXPECT_EQ(keyint->max, 4.0);
    EXPECT_EQ(keyint->confidence, Confidence::User);
    EXPECT_EQ(keyint->source, "the show file");
    const auto checks = checkMeasuredStream(outputWith(douyin), portraitStream());
    EXPECT_EQ(find(checks, RuleKey::KeyintSeconds).verdict, Verdict::Pass);
    EXPECT_EQ(find(checks, RuleKey::VideoKbps).verdict, Verdict::Fail) << "4500 kbps over the user's 3000";
    EXPECT_EQ(find(checks, RuleKey::VideoCodec).verdict, Verdict::Pass);
    EXPECT_EQ(find(checks, RuleKey::VideoCodec).confidence, Confidence::Secondary) << "not overridden";
    try {
        overrideRules(douyin, toml::parse("speed = { max = 1 }\n"), "outputs[0].rules", "show.toml");
        ADD_FAILURE() << "an unknown rule was taken";
    } catch (const ShowFileError& error) {
        EXPECT_NE(std::string(error.what()).find("show.toml: outputs[0].rules.speed: not a rule"),
                  std::string::npos);
    }
}

TEST(ProfileCheck, ACardSlotInTheBottomQuarterIsFlagged) {
    ShowSpec show;
    show.width = 1080;
    show.height = 1920;
    SceneSpec scene;
    scene.id = "main";
    scene.slots.push_back({"card", cv::Rect(60, 1500, 900, 300), "", {}, {}});  // the bottom 21.9 %
    scene.slots.push_back({"title", cv::Rect(100, 400, 700, 200), "", {}, {}}); // clear of the app
    LayerSpec background;
    background.kind = LayerSpec::Kind::Image;
    background.rect = cv::Rect(0, 0, 1080, 1920);
    scene.layers.push_back(background); // a background is meant to be covered
    show.scenes.push_back(scene);
    const auto checks = checkSafeArea(show, outputWith(loadPlatformProfile("douyin")));
    ASSERT_EQ(checks.size(), 1u);
    EXPECT_EQ(checks[0].verdict, Verdict::Warn);
    EXPECT_NE(checks[0].measured.find("slot card [60, 1500, 900, 300] reaches into the bottom 16 %"),
              std::string::npos)
        << checks[0].measured;
    EXPECT_TRUE(checkSafeArea(show, outputWith(loadPlatformProfile("youtube"))).empty()) << "no safe area";
    show.scenes[0].slots.erase(show.scenes[0].slots.begin());
    const auto clear = checkSafeArea(show, outputWith(loadPlatformProfile("douyin")));
    ASSERT_EQ(clear.size(), 1u);
    EXPECT_EQ(clear[0].verdict, Verdict::Pass);
    EXPECT_EQ(clear[0].measured, "1 slots and images, all inside");
}
