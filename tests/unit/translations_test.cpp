// The console's language: the tables compiled in, the lookup, the locale's choice, the placeholders, the
// short counts of each language and the collection of characters a font atlas lacks.

#include <gtest/gtest.h>

#include <string>

#include "hawker/studio/base/compact_figures.hpp"
#include "hawker/studio/base/glyph_coverage.hpp"
#include "hawker/studio/base/translations.hpp"

using namespace hawker::studio;
using i18n::Language;

namespace {

/// Leaves the process's language as the test found it.
struct LanguageScope {
    Language saved = i18n::currentLanguage();
    ~LanguageScope() { i18n::setLanguage(saved); }
};

} // namespace

TEST(Translations, LanguagesAreParsedFromTheirCodes) {
    EXPECT_EQ(i18n::parseLanguage("zh-CN"), Language::ZhCN);
    EXPECT_EQ(i18n::parseLanguage("zh_CN"), Language::ZhCN);
    EXPECT_EQ(i18n::parseLanguage("en"), Language::En);
    EXPECT_EQ(i18n::parseLanguage("EN"), Language::En);
    EXPECT_FALSE(i18n::parseLanguage("fr"));
    EXPECT_FALSE(i18n::parseLanguage(""));
    EXPECT_STREQ(i18n::languageCode(Language::ZhCN), "zh-CN");
    EXPECT_STREQ(i18n::languageCode(Language::En), "en");
}

TEST(Translations, TheLocaleChoosesChineseOnlyWhenItStartsWithZh) {
    EXPECT_EQ(i18n::languageFromLocale(nullptr, nullptr, "zh_CN.UTF-8"), Language::ZhCN);
    EXPECT_EQ(i18n::languageFromLocale(nullptr, nullptr, "zh_TW.UTF-8"), Language::ZhCN);
    EXPECT_EQ(i18n::languageFromLocale(nullptr, nullptr, "en_US.UTF-8"), Language::En);
    EXPECT_EQ(i18n::languageFromLocale(nullptr, nullptr, "C.UTF-8"), Language::En);
    EXPECT_EQ(i18n::languageFromLocale(nullptr, nullptr, nullptr), Language::En);
    // LC_ALL first, then LC_MESSAGES, then LANG; an empty one does not count.
    EXPECT_EQ(i18n::languageFromLocale("en_US.UTF-8", "zh_CN.UTF-8", "zh_CN.UTF-8"), Language::En);
    EXPECT_EQ(i18n::languageFromLocale("", "zh_CN.UTF-8", "en_US.UTF-8"), Language::ZhCN);
    EXPECT_EQ(i18n::languageFromLocale("", "", "zh_CN.UTF-8"), Language::ZhCN);
}

TEST(Translations, TheLookupFollowsTheCurrentLanguage) {
    LanguageScope scope;
    i18n::setLanguage(Language::En);
    EXPECT_STREQ(i18n::tr("menu.settings"), "Settings");
    i18n::setLanguage(Language::ZhCN);
    EXPECT_STREQ(i18n::tr("menu.settings"), "设置");
    EXPECT_STREQ(i18n::tr(Language::En, "menu.settings"), "Settings");
    // The ID after ### stays the same in every language.
    EXPECT_EQ(i18n::trId("menu.settings"), "设置###menu.settings");
}

TEST(Translations, AMissingKeyShowsItselfAndNeverCrashes) {
    EXPECT_STREQ(i18n::tr(Language::ZhCN, "no.such.key"), "no.such.key");
    EXPECT_STREQ(i18n::tr(Language::En, "no.such.key"), "no.such.key");
    EXPECT_FALSE(i18n::hasKey(Language::En, "no.such.key"));
    // The same pointer each time: ImGui may hold it for the frame.
    EXPECT_EQ(i18n::tr(Language::En, "no.such.key"), i18n::tr(Language::En, "no.such.key"));
}

TEST(Translations, BothTablesHaveTheSameKeysAndNoEmptyText) {
    const auto en = i18n::tableKeys(Language::En);
    const auto zh = i18n::tableKeys(Language::ZhCN);
    ASSERT_GT(en.size(), 100u);
    EXPECT_EQ(en, zh);
    for (const std::string& text : i18n::tableTexts(Language::ZhCN))
        EXPECT_FALSE(text.empty());
}

TEST(Translations, PlaceholdersAreFilledByName) {
    EXPECT_EQ(i18n::formatText("{sold} sold of {total}", {{"total", "10"}, {"sold", "3"}}), "3 sold of 10");
    // An unknown placeholder stays visible; "{{" writes a brace.
    EXPECT_EQ(i18n::formatText("{count} {missing}", {{"count", "2"}}), "2 {missing}");
    EXPECT_EQ(i18n::formatText("{{count}", {{"count", "2"}}), "{count}");
    EXPECT_EQ(i18n::formatText("unclosed {count", {{"count", "2"}}), "unclosed {count");
    EXPECT_EQ(i18n::formatText("", {}), "");
    LanguageScope scope;
    i18n::setLanguage(Language::ZhCN);
    EXPECT_EQ(i18n::trf("menu.hotkey_set", {{"key", "F5"}}), "快捷键已设为 F5");
}

TEST(CompactFigures, ChineseCountsIn10kAnd100m) {
    const Language zh = Language::ZhCN;
    EXPECT_EQ(figures::formatCompactCount(0, zh), "0");
    EXPECT_EQ(figures::formatCompactCount(9999, zh), "9,999");
    EXPECT_EQ(figures::formatCompactCount(10000, zh), "1万");
    EXPECT_EQ(figures::formatCompactCount(12345, zh), "1.2万");
    EXPECT_EQ(figures::formatCompactCount(99'949'000, zh), "9,994.9万");
    EXPECT_EQ(figures::formatCompactCount(99'949'999, zh), "9,995万");
    // Rounds up to a whole 亿: written in 亿, never "10000万".
    EXPECT_EQ(figures::formatCompactCount(99'999'999, zh), "1亿");
    EXPECT_EQ(figures::formatCompactCount(100'000'000, zh), "1亿");
    EXPECT_EQ(figures::formatCompactCount(340'000'000, zh), "3.4亿");
    EXPECT_EQ(figures::formatCompactCount(-12345, zh), "-1.2万");
    EXPECT_EQ(figures::formatCompactCount(-9999, zh), "-9,999");
    EXPECT_FALSE(figures::isCompacted(9999, zh));
    EXPECT_TRUE(figures::isCompacted(10000, zh));
    EXPECT_TRUE(figures::isCompacted(-10000, zh));
}

TEST(CompactFigures, EnglishCountsInThousandsAndMillions) {
    const Language en = Language::En;
    EXPECT_EQ(figures::formatCompactCount(999, en), "999");
    EXPECT_EQ(figures::formatCompactCount(1000, en), "1k");
    EXPECT_EQ(figures::formatCompactCount(9999, en), "10k");
    EXPECT_EQ(figures::formatCompactCount(12'345, en), "12.3k");
    EXPECT_EQ(figures::formatCompactCount(999'999, en), "1M");
    EXPECT_EQ(figures::formatCompactCount(4'500'000, en), "4.5M");
    EXPECT_EQ(figures::formatCompactCount(99'999'999, en), "100M");
    EXPECT_EQ(figures::formatCompactCount(100'000'000, en), "100M");
    EXPECT_EQ(figures::formatCompactCount(1'200'000'000, en), "1.2B");
    EXPECT_EQ(figures::formatCompactCount(-4'500'000, en), "-4.5M");
}

TEST(CompactFigures, YuanHaveTwoDecimalsUntilTheyAreShortened) {
    EXPECT_EQ(figures::formatYuanShort(123450, Language::ZhCN), "¥1,234.50");
    EXPECT_EQ(figures::formatYuanShort(999'999, Language::ZhCN), "¥9,999.99");
    EXPECT_EQ(figures::formatYuanShort(1'000'000, Language::ZhCN), "¥1万");
    EXPECT_EQ(figures::formatYuanShort(1'234'500'00, Language::ZhCN), "¥123.5万");
    EXPECT_EQ(figures::formatYuanShort(1'234'500'00, Language::En), "¥1.2M");
    EXPECT_EQ(figures::formatYuanShort(-1'500'000, Language::ZhCN), "-¥1.5万");
    EXPECT_EQ(figures::formatYuanShort(85, Language::En), "¥0.85");
}

TEST(GlyphCoverage, DecodesUtf8AndSkipsMalformedBytes) {
    EXPECT_EQ(utf8CodePoints("a¥中😀"), (std::vector<char32_t>{U'a', U'¥', U'中', U'😀'}));
    EXPECT_EQ(utf8CodePoints("a\xff"
                             "b"),
              (std::vector<char32_t>{U'a', U'b'}));
    EXPECT_EQ(utf8CodePoints("\xe4\xb8"), std::vector<char32_t>{}); // cut short
}

TEST(GlyphCoverage, QueuesOnlyWhatTheAtlasLacksAndEachCharacterOnce) {
    GlyphCoverage coverage;
    for (char32_t c = 0x20; c < 0x80; ++c)
        coverage.cover(c);
    coverage.coverText("直播");
    EXPECT_EQ(coverage.notice("hello 直播"), 0u);
    EXPECT_FALSE(coverage.hasPending());
    EXPECT_EQ(coverage.notice("好耶 直播 好"), 2u);
    EXPECT_EQ(coverage.notice("耶"), 0u); // already queued
    ASSERT_TRUE(coverage.hasPending());
    EXPECT_EQ(coverage.takePending(), (std::vector<char32_t>{U'好', U'耶'}));
    EXPECT_FALSE(coverage.hasPending());
    // Taken means in the next atlas: not queued again while it builds.
    EXPECT_EQ(coverage.notice("好耶"), 0u);
    EXPECT_TRUE(coverage.covers(U'好'));
    EXPECT_FALSE(coverage.covers(U'龘'));
}
