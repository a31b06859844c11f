// A phrase stored as JSON and read back says the same words in every language; anything not of the
// stored form reads as no phrase (the caller shows the stored text), never as a crash.
#include <gtest/gtest.h>

#include "hawker/studio/base/phrase_json.hpp"

using namespace hawker::studio::i18n;
using nlohmann::json;

TEST(PhraseJson, ARoundTripSaysTheSameInBothLanguages) {
    Phrase strips(trKey("alert_text.strip_overs"), {{"strip", "mic"}, {"ticks", "3"}});
    strips.more.push_back(Phrase(trKey("alert_text.strip_overs"), {{"strip", "program"}, {"ticks", "4"}}));
    const Phrase said(trKey("alert_text.audio_clipping"), {{"window", "5"}, phraseArg("strips", strips)});
    const Phrase withKey(trKey("alert_text.pace_behind"), {{"metric", "kpi.gmv", true}, {"behind", "19 %"}});

    for (const Phrase& original : {said, withKey}) {
        const json stored = phraseJson(original);
        const auto back = phraseFromJsonText(stored.dump());
        ASSERT_TRUE(back.has_value()) << stored.dump();
        for (Language language : allLanguages())
            EXPECT_EQ(say(language, *back), say(language, original)) << languageCode(language);
    }
    EXPECT_EQ(
        say(Language::En, said),
        "audio clipping: at full scale within 5 s: mic (3 ticks); program (4 ticks); pull its fader down");
    EXPECT_EQ(say(Language::ZhCN, withKey), "成交额 GMV 落后目标进度 19 %");
    EXPECT_EQ(phraseJson(withKey), json::parse(R"({"key":"alert_text.pace_behind",
        "args":{"metric":{"key":"kpi.gmv"},"behind":"19 %"}})"));
}

TEST(PhraseJson, AnythingElseIsNoPhrase) {
    EXPECT_TRUE(phraseJson(Phrase{}).is_null());
    for (const char* text : {"", "null", "not json", "[]", "\"alert_text.sold_out\"", "{}", R"({"key":""})",
                             R"({"key":7})", R"({"key":"a","args":[1]})", R"({"key":"a","args":{"x":3}})",
                             R"({"key":"a","more":{}})", R"({"key":"a","more":[1]})"})
        EXPECT_FALSE(phraseFromJsonText(text).has_value()) << text;
    // Nested past any phrase Hawker says: damaged, not followed down.
    json deep = "x";
    for (int i = 0; i < 40; ++i)
        deep = json{{"key", "alert_text.sold_out"}, {"args", {{"sku", deep}}}};
    EXPECT_FALSE(phraseFromJson(deep).has_value());
    EXPECT_EQ(sayStored(json::parse(R"({"key":"a","args":[1]})"), "the stored text"), "the stored text");
}
