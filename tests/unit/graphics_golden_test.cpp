#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include <opencv2/imgcodecs.hpp>

#include "golden_cases.hpp"
#include "hawker/overlay/figure_text.hpp"
#include "hawker/overlay/graphics.hpp"

using namespace hawker;

namespace {
const overlay::Fonts& fonts() {
    static const overlay::Fonts loaded = overlay::Fonts::loadDefault();
    return loaded;
}
} // namespace

class GraphicsGolden : public ::testing::TestWithParam<golden::GoldenCase> {};

TEST_P(GraphicsGolden, MatchesTheCommittedReference) {
    const golden::GoldenCase& c = GetParam();
    const cv::Mat rendered = overlay::renderGraphic(c.content, c.size, overlay::Theme{}, fonts());
    const auto path = std::filesystem::path(HAWKER_GOLDEN_DIR) / (c.name + ".png");
    const cv::Mat reference = cv::imread(path.string(), cv::IMREAD_UNCHANGED);
    ASSERT_FALSE(reference.empty()) << "missing reference " << path << " (scripts/update-golden.sh)";
    ASSERT_EQ(rendered.type(), CV_8UC4);
    ASSERT_EQ(rendered.size(), reference.size());
    const double psnr = golden::psnr(rendered, reference);
    EXPECT_GE(psnr, golden::kGoldenMinPsnr) << c.name << ": PSNR " << psnr << " dB";
    // Not an empty bitmap that would trivially match an empty reference.
    cv::Mat alpha;
    cv::extractChannel(rendered, alpha, 3);
    EXPECT_GT(cv::countNonZero(alpha), static_cast<int>(alpha.total() / 2));
}

INSTANTIATE_TEST_SUITE_P(AllGraphics, GraphicsGolden, ::testing::ValuesIn(golden::goldenCases()),
                         [](const ::testing::TestParamInfo<golden::GoldenCase>& p) { return p.param.name; });

TEST(Graphics, TheComparisonDetectsAChangedGraphic) {
    // The golden check must be able to fail: another price is another bitmap.
    auto cases = golden::goldenCases();
    auto card = std::get<overlay::ProductCardContent>(cases[0].content);
    const cv::Mat original = overlay::renderProductCard(card, cases[0].size, overlay::Theme{}, fonts());
    card.priceCents += 10000;
    const cv::Mat changed = overlay::renderProductCard(card, cases[0].size, overlay::Theme{}, fonts());
    EXPECT_LT(golden::psnr(original, changed), golden::kGoldenMinPsnr);
}

TEST(Graphics, CountdownDigitsChangeEverySecond) {
    auto cases = golden::goldenCases();
    auto offer = std::get<overlay::CountdownContent>(cases[5].content);
    const cv::Mat a = overlay::renderCountdown(offer, {420, 200}, overlay::Theme{}, fonts());
    offer.secondsLeft -= 1;
    const cv::Mat b = overlay::renderCountdown(offer, {420, 200}, overlay::Theme{}, fonts());
    EXPECT_LT(golden::psnr(a, b), 40.0);
}

TEST(Graphics, BadTextNeverBreaksLayout) {
    overlay::ProductCardContent card;
    card.name = std::string("\xff\xfe\x80 broken utf-8 \xe4\xb8", 19) + std::string(600, 'W');
    card.priceCents = -5;
    card.originalPriceCents = 1;
    card.sellingPoints = {"", std::string(2000, 'x')};
    for (const cv::Size size :
         {cv::Size(900, 300), cv::Size(200, 60), cv::Size(8, 8), cv::Size(3000, 1000)}) {
        overlay::ProductCardContent clean = card;
        clean.name = overlay::sanitizeUtf8(card.name);
        const cv::Mat out = overlay::renderProductCard(clean, size, overlay::Theme{}, fonts());
        EXPECT_EQ(out.size(), size);
    }
    EXPECT_EQ(overlay::sanitizeUtf8("ok\xff"), "ok\xEF\xBF\xBD");
    EXPECT_EQ(overlay::sanitizeUtf8("a\tb\x01"), "a b");
    EXPECT_EQ(overlay::sanitizeUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD"); // overlong '/'
}

TEST(Graphics, WrapBreaksChineseAnywhereAndLatinAtSpaces) {
    const auto& regular = *fonts().regular;
    const auto chinese = regular.wrap("小棕瓶精华液修护抗初老小棕瓶精华液修护抗初老", 40, 300, 5);
    ASSERT_GE(chinese.size(), 2u);
    for (const auto& line : chinese)
        EXPECT_LE(regular.width(line, 40), 300);
    const auto latin = regular.wrap("Glow Serum fifty millilitres vitamin", 40, 300, 5);
    ASSERT_GE(latin.size(), 2u);
    EXPECT_EQ(latin[0].find(' ') == std::string::npos ? latin[0] : latin[0].substr(0, 4), "Glow");
    EXPECT_NE(latin[0].back(), ' ');
    const auto cut = regular.wrap("一二三四五六七八九十一二三四五六七八九十", 40, 200, 1);
    ASSERT_EQ(cut.size(), 1u);
    EXPECT_NE(cut[0].find("\xE2\x80\xA6"), std::string::npos); // ends in …
}

TEST(Graphics, MoneyAndClockFormats) {
    using overlay::ClockFace;
    using overlay::YuanStyle;
    EXPECT_EQ(overlay::yuanText(29900, YuanStyle::PriceTag), "¥299");
    EXPECT_EQ(overlay::yuanText(1999, YuanStyle::PriceTag), "¥19.99");
    EXPECT_EQ(overlay::yuanText(1990, YuanStyle::PriceTag), "¥19.9");
    EXPECT_EQ(overlay::yuanText(123456789900, YuanStyle::PriceTag), "¥1,234,567,899");
    EXPECT_EQ(overlay::yuanText(-1, YuanStyle::PriceTag), "¥--");
    EXPECT_EQ(overlay::clockText(95, ClockFace::Countdown), "01:35");
    EXPECT_EQ(overlay::clockText(-3, ClockFace::Countdown), "00:00");
}

TEST(Graphics, ClosingPunctuationNeverStartsALine) {
    const auto& regular = *fonts().regular;
    const std::string text = "敏感肌能用吗？上次买的很好用，这次想囤两瓶，有没有赠品呀。谢谢主播！";
    for (int width = 120; width <= 600; width += 7) {
        for (const auto& line : regular.wrap(text, 32, width, 10)) {
            const std::string first = hawker::overlay::splitCodepoints(line).front();
            EXPECT_TRUE(first != "，" && first != "。" && first != "！" && first != "？")
                << "width " << width << " line '" << line << "'";
        }
    }
}
