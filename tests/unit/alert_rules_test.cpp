#include <gtest/gtest.h>

#include <algorithm>

#include "hawker/studio/analytics/alert_rules.hpp"
#include "hawker/studio/base/phrase.hpp"

using namespace hawker::studio;

namespace {
constexpr int64_t kT0 = 1700000000000;

AlertInputs at(int64_t seconds, double pace) {
    AlertInputs in;
    in.nowUtcMs = kT0 + seconds * 1000;
    in.paceFraction = pace;
    return in;
}
AlertRuleSpec rule(AlertKind kind, const std::string& id) {
    AlertRuleSpec r;
    r.kind = kind;
    r.id = id;
    return r;
}
} // namespace

TEST(AlertRules, PaceIsAmberAtEightAndRedAtFifteenPercentBehind) {
    AlertRuleSpec gmv = rule(AlertKind::Pace, "pace-gmv");
    gmv.metric = "gmv_cents";
    AlertEvaluator evaluator({gmv});
    AlertInputs in = at(600, 0.5); // half the show: the pace is half the target
    in.targetGmvCents = 1'000'000;
    in.summary.gmvCents = 470'000; // 6 % behind 500 000
    EXPECT_TRUE(evaluator.evaluate(in).empty());
    EXPECT_EQ(evaluator.kpiStatus().at("gmv_cents"), "green");
    in.summary.gmvCents = 455'000; // 9 % behind
    auto changes = evaluator.evaluate(in);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].level, "amber");
    EXPECT_NE(changes[0].message.find("9 %"), std::string::npos) << changes[0].message;
    in.summary.gmvCents = 420'000; // 16 % behind: worse, raised again
    changes = evaluator.evaluate(in);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].level, "red");
    EXPECT_TRUE(evaluator.evaluate(in).empty()) << "a red that stays red is not raised again";
}

TEST(AlertRules, PaceWaitsForTheRampUpAndRearmsAfterThirtySecondsGreen) {
    AlertRuleSpec uv = rule(AlertKind::Pace, "pace-uv");
    uv.metric = "uv";
    AlertEvaluator evaluator({uv});
    AlertInputs in = at(10, 0.05); // the first tenth of the show says nothing
    in.targetUv = 1000;
    in.summary.uv = 0;
    EXPECT_TRUE(evaluator.evaluate(in).empty());
    in = at(200, 0.2);
    in.targetUv = 1000;
    in.summary.uv = 100; // 50 % behind 200
    EXPECT_EQ(evaluator.evaluate(in).size(), 1u);
    in.nowUtcMs += 1000;
    in.summary.uv = 200; // back on pace
    EXPECT_TRUE(evaluator.evaluate(in).empty());
    in.nowUtcMs += 10'000;
    in.summary.uv = 100; // flickers back within 30 s: not raised again
    EXPECT_TRUE(evaluator.evaluate(in).empty());
    in.summary.uv = 200;
    in.nowUtcMs += 1000;
    evaluator.evaluate(in);
    in.nowUtcMs += 31'000;
    evaluator.evaluate(in); // green for over 30 s: re-armed
    in.nowUtcMs += 1000;
    in.summary.uv = 100;
    EXPECT_EQ(evaluator.evaluate(in).size(), 1u);
}

TEST(AlertRules, ViewersDroppingThirtyPercentWithinFiveMinutes) {
    AlertEvaluator evaluator({rule(AlertKind::Drop, "drop")});
    for (int s = 0; s < 120; ++s) {
        AlertInputs in = at(s, 0.5);
        in.summary.present = 1000;
        EXPECT_TRUE(evaluator.evaluate(in).empty());
    }
    AlertInputs in = at(130, 0.5);
    in.summary.present = 750; // 25 % down
    EXPECT_TRUE(evaluator.evaluate(in).empty());
    in = at(140, 0.5);
    in.summary.present = 690; // 31 % down from the peak 1000 within 5 min
    auto changes = evaluator.evaluate(in);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].kpi, "online");
    // Ten minutes later the old peak is out of the window: a steady 690 is fine.
    AlertEvaluator later({rule(AlertKind::Drop, "drop")});
    in = at(0, 0.5);
    in.summary.present = 1000;
    later.evaluate(in);
    in = at(400, 0.5);
    in.summary.present = 690;
    EXPECT_TRUE(later.evaluate(in).empty());
}

TEST(AlertRules, LowStockNegativeCommentsOutputsAndSources) {
    AlertRuleSpec negative = rule(AlertKind::NegativeComments, "neg");
    negative.keywords = defaultNegativeKeywords();
    AlertEvaluator evaluator({rule(AlertKind::LowStock, "stock"), negative,
                              rule(AlertKind::OutputUnhealthy, "outputs"),
                              rule(AlertKind::SourceLost, "sources")});
    AlertInputs in = at(60, 0.5);
    in.stockLeft = {{"S1", 25}};
    in.summary.comments = 100;
    in.negativeComments = 1; // 1 % ≤ 1.5 %
    EXPECT_TRUE(evaluator.evaluate(in).empty());
    EXPECT_EQ(evaluator.kpiStatus().at("stock"), "green");

    in.stockLeft = {{"S1", 8}};
    in.negativeComments = 2; // 2 % > 1.5 %
    in.unhealthyOutputs = {"douyin:reconnecting"};
    in.lostSources = {"cam2"};
    auto changes = evaluator.evaluate(in);
    ASSERT_EQ(changes.size(), 4u);
    EXPECT_EQ(changes[0].level, "amber");
    EXPECT_NE(changes[0].message.find("only 8 left"), std::string::npos);
    EXPECT_EQ(changes[1].kpi, "comments");
    EXPECT_EQ(changes[2].message, "output not live: douyin:reconnecting");
    EXPECT_EQ(changes[3].message, "signal lost: cam2");
    in.stockLeft = {{"S1", 0}};
    changes = evaluator.evaluate(in);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].level, "red");
    EXPECT_NE(changes[0].message.find("sold out"), std::string::npos);
}

TEST(AlertRules, ThresholdOnARateWaitsForEnoughViewers) {
    AlertRuleSpec conversion = rule(AlertKind::Threshold, "conv");
    conversion.metric = "conversion_rate";
    conversion.below = 0.02;
    conversion.minUv = 100;
    AlertEvaluator evaluator({conversion});
    AlertInputs in = at(60, 0.5);
    in.summary.uv = 50;
    in.summary.conversionRate = 0.0;
    EXPECT_TRUE(evaluator.evaluate(in).empty()) << "50 viewers are too few to judge a rate";
    in.summary.uv = 500;
    in.summary.conversionRate = 0.012;
    auto changes = evaluator.evaluate(in);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_NE(changes[0].message.find("below 0.02"), std::string::npos) << changes[0].message;
    EXPECT_EQ(evaluator.kpiStatus().at("conversion_rate"), "red");
}

TEST(AlertRules, ADatabaseThatDoesNotTakeWritesIsRedUntilItDoes) {
    AlertEvaluator evaluator({rule(AlertKind::Database, "database")});
    AlertInputs in = at(10, 0.1);
    EXPECT_TRUE(evaluator.evaluate(in).empty());
    EXPECT_EQ(evaluator.kpiStatus().at("database"), "green");
    in = at(11, 0.1);
    in.database = "database or disk is full; 12 rows waiting";
    const auto changes = evaluator.evaluate(in);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].level, "red");
    EXPECT_EQ(changes[0].kpi, "database");
    EXPECT_NE(changes[0].message.find("database not writable: database or disk is full"), std::string::npos)
        << changes[0].message;
    EXPECT_NE(changes[0].message.find("数据库不可写"), std::string::npos) << changes[0].message;
    EXPECT_TRUE(evaluator.recovered().empty());
    in = at(12, 0.1);
    in.database = "database or disk is full; 15 rows waiting";
    EXPECT_TRUE(evaluator.evaluate(in).empty()) << "still red: raised once";
    EXPECT_EQ(evaluator.kpiStatus().at("database"), "red");
    in = at(13, 0.1);
    EXPECT_TRUE(evaluator.evaluate(in).empty());
    EXPECT_EQ(evaluator.kpiStatus().at("database"), "green");
    EXPECT_EQ(evaluator.recovered(), (std::vector<std::string>{"database"})) << "back at green: cleared";
    in = at(14, 0.1);
    evaluator.evaluate(in);
    EXPECT_TRUE(evaluator.recovered().empty()) << "recovered once, not every second after";
}

TEST(AlertRules, TheDefaultRulesWatchTheDatabase) {
    const auto rules = defaultAlertRules();
    EXPECT_TRUE(std::any_of(rules.begin(), rules.end(),
                            [](const AlertRuleSpec& r) { return r.kind == AlertKind::Database; }));
    EXPECT_EQ(alertKindFromString("database"), AlertKind::Database);
}

TEST(AlertRules, FramesLostOrRepeatedWithinTheWindowAreRed) {
    AlertRuleSpec frames = rule(AlertKind::FramesDropped, "frames");
    frames.frames = 15;
    frames.windowSeconds = 10;
    AlertEvaluator evaluator({frames});
    // A few frames now and then are green: 1 lost every 2 s never adds up to 15 within 10 s.
    for (int s = 0; s <= 40; ++s) {
        AlertInputs in = at(s, 0.1);
        in.droppedFrames = static_cast<uint64_t>(s / 2);
        EXPECT_TRUE(evaluator.evaluate(in).empty()) << "second " << s;
    }
    EXPECT_EQ(evaluator.kpiStatus().at("frames"), "green");
    // A stall: 50 repeated pictures in one second (and 5 lost in the window before it).
    AlertInputs stall = at(41, 0.1);
    stall.droppedFrames = 20;
    stall.laggedFrames = 50;
    const auto changes = evaluator.evaluate(stall);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].kpi, "frames");
    EXPECT_EQ(changes[0].level, "red");
    EXPECT_NE(changes[0].message.find("55 frames lost or repeated within 10 s (5 the encoder could not "
                                      "take, 50 repeated while the compositor ran late)"),
              std::string::npos)
        << changes[0].message;
    EXPECT_NE(changes[0].message.find("画面卡顿"), std::string::npos);
    // The stall stays red while it is inside the window, and is green once it is older than it.
    for (int s = 42; s <= 50; ++s) {
        AlertInputs in = at(s, 0.1);
        in.droppedFrames = 20;
        in.laggedFrames = 50;
        evaluator.evaluate(in);
        EXPECT_EQ(evaluator.kpiStatus().at("frames"), "red") << "second " << s;
    }
    AlertInputs later = at(52, 0.1);
    later.droppedFrames = 20;
    later.laggedFrames = 50;
    evaluator.evaluate(later);
    EXPECT_EQ(evaluator.kpiStatus().at("frames"), "green");
    EXPECT_EQ(evaluator.recovered(), (std::vector<std::string>{"frames"}));
}

TEST(AlertRules, TheDefaultRulesWatchDroppedFrames) {
    const auto rules = defaultAlertRules();
    const auto frames = std::find_if(rules.begin(), rules.end(), [](const AlertRuleSpec& r) {
        return r.kind == AlertKind::FramesDropped;
    });
    ASSERT_NE(frames, rules.end());
    EXPECT_EQ(frames->windowSeconds, 10);
    EXPECT_EQ(frames->frames, 15);
    EXPECT_EQ(alertKindFromString("frames_dropped"), AlertKind::FramesDropped);
    EXPECT_STREQ(toString(AlertKind::FramesDropped), "frames_dropped");
}

TEST(AlertRules, AProgramQuietForFiveSecondsIsRedAndSoundBringsItBack) {
    AlertEvaluator evaluator({rule(AlertKind::AudioSilent, "audio-silent")});
    auto sound = [](int64_t seconds, std::optional<double> lufs) {
        AlertInputs in = at(seconds, 0.1);
        in.audio = AudioHealth{lufs, {}};
        return in;
    };
    // Quiet from the first judgement (a show starting on a muted microphone)
    // is red after 5 s too, not at once.
    AlertEvaluator fromStart({rule(AlertKind::AudioSilent, "audio-silent")});
    for (int s = 0; s < 5; ++s)
        EXPECT_TRUE(fromStart.evaluate(sound(s, std::nullopt)).empty()) << "second " << s;
    EXPECT_EQ(fromStart.evaluate(sound(5, std::nullopt)).size(), 1u);
    // Speech, then a mute at second 10: digital silence has no loudness at all.
    for (int s = 0; s < 10; ++s)
        EXPECT_TRUE(evaluator.evaluate(sound(s, -20.0)).empty()) << "second " << s;
    for (int s = 10; s < 15; ++s)
        EXPECT_TRUE(evaluator.evaluate(sound(s, std::nullopt)).empty()) << "second " << s << " is under 5 s";
    const auto changes = evaluator.evaluate(sound(15, std::nullopt));
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].kpi, "audio");
    EXPECT_EQ(changes[0].level, "red");
    EXPECT_NE(changes[0].message.find("节目无声"), std::string::npos) << changes[0].message;
    EXPECT_NE(changes[0].message.find("for 5 s"), std::string::npos) << changes[0].message;
    // A quiet hum under -50 LUFS is silence too; a voice ends it.
    evaluator.evaluate(sound(16, -62.0));
    EXPECT_EQ(evaluator.kpiStatus().at("audio"), "red");
    evaluator.evaluate(sound(17, -24.0));
    EXPECT_EQ(evaluator.kpiStatus().at("audio"), "green");
    // A show without sound is never silent.
    AlertEvaluator mute({rule(AlertKind::AudioSilent, "audio-silent")});
    for (int s = 0; s < 20; ++s)
        EXPECT_TRUE(mute.evaluate(at(s, 0.1)).empty());
}

TEST(AlertRules, ClippingIsRedAtThreeOversWithinTheWindowNamingTheStrip) {
    AlertRuleSpec clipping = rule(AlertKind::AudioClipping, "audio-clipping");
    clipping.windowSeconds = 5;
    AlertEvaluator evaluator({clipping});
    auto overs = [](int64_t seconds, int64_t mic, int64_t program) {
        AlertInputs in = at(seconds, 0.1);
        in.audio = AudioHealth{-20.0, {{"mic", mic}, {"music", 0}, {"program", program}}};
        return in;
    };
    // One stray over every few seconds is green.
    for (int s = 0; s <= 20; ++s)
        EXPECT_TRUE(evaluator.evaluate(overs(s, s / 4, 0)).empty()) << "second " << s;
    const auto changes = evaluator.evaluate(overs(21, 4 + 3, 0)); // 3 more than 5 s ago (second 16: 4)
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].level, "red");
    EXPECT_NE(changes[0].message.find("mic (3 ticks)"), std::string::npos) << changes[0].message;
    EXPECT_EQ(changes[0].message.find("music"), std::string::npos) << changes[0].message;
    // Green again once the overs are older than the window.
    for (int s = 22; s <= 27; ++s)
        evaluator.evaluate(overs(s, 7, 0));
    EXPECT_EQ(evaluator.kpiStatus().at("audio"), "green");
}

TEST(AlertRules, TheDefaultRulesListenForSilenceAndClipping) {
    const auto rules = defaultAlertRules();
    auto find = [&](AlertKind kind) {
        return std::find_if(rules.begin(), rules.end(),
                            [&](const AlertRuleSpec& r) { return r.kind == kind; });
    };
    ASSERT_NE(find(AlertKind::AudioSilent), rules.end());
    ASSERT_NE(find(AlertKind::AudioClipping), rules.end());
    EXPECT_EQ(find(AlertKind::AudioSilent)->silenceLufs, -50);
    EXPECT_EQ(find(AlertKind::AudioSilent)->silenceSeconds, 5);
    EXPECT_EQ(find(AlertKind::AudioClipping)->windowSeconds, 5);
    EXPECT_EQ(find(AlertKind::AudioClipping)->clips, 3);
    EXPECT_EQ(alertKindFromString("audio_silent"), AlertKind::AudioSilent);
    EXPECT_STREQ(toString(AlertKind::AudioClipping), "audio_clipping");
}

// Every alert a rule raises is said in Chinese as well as English, from the same phrase; the English is
// what the database, the API and the log keep (the studio's own alerts lead it with their Chinese title).
TEST(AlertRules, EveryAlertIsSaidInChineseAndEnglish) {
    using hawker::studio::i18n::Language;
    using hawker::studio::i18n::say;
    AlertRuleSpec pace = rule(AlertKind::Pace, "pace-gmv");
    pace.metric = "gmv_cents";
    AlertRuleSpec threshold = rule(AlertKind::Threshold, "conversion");
    threshold.metric = "conversion_rate";
    threshold.below = 0.02;
    threshold.minUv = 0;
    AlertRuleSpec frames = rule(AlertKind::FramesDropped, "frames");
    frames.windowSeconds = 10;
    frames.frames = 10;
    AlertEvaluator evaluator(
        {pace, threshold, rule(AlertKind::LowStock, "stock"), rule(AlertKind::OutputUnhealthy, "outputs"),
         rule(AlertKind::SourceLost, "sources"), rule(AlertKind::Database, "database"), frames});
    evaluator.evaluate(at(60, 0.5));
    AlertInputs in = at(61, 0.5);
    in.targetGmvCents = 1'000'000;
    in.summary.gmvCents = 400'000; // 20 % behind
    in.summary.uv = 500;
    in.summary.conversionRate = 0.01;
    in.stockLeft = {{"SERUM-50", 0}};
    in.unhealthyOutputs = {"douyin:reconnecting"};
    in.lostSources = {"cam2"};
    in.database = "database or disk is full";
    in.droppedFrames = 30;
    const auto changes = evaluator.evaluate(in);
    ASSERT_EQ(changes.size(), 7u);
    for (const AlertLevelChange& change : changes) {
        const std::string en = say(Language::En, change.said), zh = say(Language::ZhCN, change.said);
        EXPECT_FALSE(change.said.key.empty()) << change.ruleId;
        EXPECT_NE(en, zh) << change.ruleId;
        EXPECT_EQ(zh.find('{'), std::string::npos) << zh;
        EXPECT_NE(change.message.find(en), std::string::npos) << change.message;
    }
    EXPECT_EQ(changes[0].message, "GMV is 20 % behind the target's pace");
    EXPECT_EQ(say(Language::ZhCN, changes[0].said), "成交额 GMV 落后目标进度 20 %");
    EXPECT_EQ(say(Language::ZhCN, changes[1].said), "转化率 0.01，低于 0.02");
    EXPECT_EQ(say(Language::ZhCN, changes[2].said), "SERUM-50 已售罄");
    EXPECT_EQ(say(Language::ZhCN, changes[4].said), "信号丢失：cam2");
    EXPECT_EQ(changes[5].message.rfind("数据库不可写 database not writable: database or disk is full", 0), 0u)
        << changes[5].message;
    EXPECT_EQ(say(Language::ZhCN, changes[6].said).rfind("画面卡顿：10 秒内 30 帧丢失或重复", 0), 0u)
        << say(Language::ZhCN, changes[6].said);
}
