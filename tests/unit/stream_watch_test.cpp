// The live watch of what an output sends: bitrate and keyframe spacing on the stream's own clock, and the
// alert that names an output out of its platform profile.

#include <gtest/gtest.h>

#include "hawker/capture/stream_watch.hpp"
#include "hawker/studio/analytics/alert_rules.hpp"

using hawker::capture::StreamWatch;
using namespace hawker::studio;

TEST(StreamWatch, BitrateAndKeyframeSpacingOnTheStreamsClock) {
    StreamWatch watch(5000);
    EXPECT_EQ(watch.reading().watchedS, 0);
    // 10 s at 30 fps, 4000 bytes a frame (960 kbps), a keyframe every second.
    for (int frame = 0; frame < 300; ++frame)
        watch.onVideo(frame * 100 / 3, 4000, frame % 30 == 0);
    auto r = watch.reading();
    EXPECT_NEAR(r.videoKbps, 960, 10);
    EXPECT_NEAR(r.keyintS, 1.0, 0.001);
    EXPECT_DOUBLE_EQ(r.watchedS, 9.966); // frame 299 at 9966 ms
    // The encoder falls behind: one frame in six for 4 s, no keyframe among them.
    for (int frame = 300; frame < 420; frame += 6)
        watch.onVideo(frame * 100 / 3, 4000, false);
    r = watch.reading();
    EXPECT_LT(r.videoKbps, 400) << "the missing frames are missing bytes on the stream's clock";
    EXPECT_GT(r.keyintS, 3.9) << "the open gap since the last keyframe counts";
    // A new connection starts a new stream.
    watch.reset();
    EXPECT_EQ(watch.reading().watchedS, 0);
    EXPECT_EQ(watch.reading().videoKbps, 0);
}

TEST(AlertRules, AnOutputOffItsProfileIsRedUntilItIsBack) {
    AlertRuleSpec rule;
    rule.id = "output-profile";
    rule.kind = AlertKind::OutputProfile;
    AlertEvaluator evaluator({rule});
    AlertInputs in;
    in.nowUtcMs = 1000;
    EXPECT_TRUE(evaluator.evaluate(in).empty());
    in.nowUtcMs = 2000;
    in.offProfile = {"douyin: video_kbps 420 kbps (at least 1500 kbps)"};
    const auto changes = evaluator.evaluate(in);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].level, "red");
    EXPECT_EQ(changes[0].kpi, "outputs");
    EXPECT_NE(changes[0].message.find("platform profile: douyin: video_kbps 420 kbps"), std::string::npos);
    in.nowUtcMs = 3000;
    in.offProfile.clear();
    evaluator.evaluate(in);
    EXPECT_EQ(evaluator.recovered(), (std::vector<std::string>{"output-profile"}));
    EXPECT_EQ(alertKindFromString("output_profile"), AlertKind::OutputProfile);
}
