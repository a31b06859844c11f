// studio/base's formatting (figures, money, clock, percent) over overlay/figure_text, and its JSON field
// readers.

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "hawker/overlay/figure_text.hpp"
#include "hawker/studio/base/clock.hpp"
#include "hawker/studio/base/figures.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/money.hpp"
#include "hawker/studio/base/percent.hpp"

using namespace hawker::studio;
using nlohmann::json;

namespace {
const double kNan = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();
} // namespace

TEST(Figures, CountsAndNumbersAreGroupedAndAMissingOneIsADash) {
    EXPECT_EQ(figures::formatCount(0), "0");
    EXPECT_EQ(figures::formatCount(1234567), "1,234,567");
    EXPECT_EQ(figures::formatCount(-1234), "-1,234");
    EXPECT_EQ(figures::formatCount(INT64_MIN), "-9,223,372,036,854,775,808");
    EXPECT_EQ(figures::formatNumber(1234.0), "1,234");
    EXPECT_EQ(figures::formatNumber(1234.56), "1,234.6");
    EXPECT_EQ(figures::formatNumber(-0.04), "0.0");    // rounds to zero: no sign
    EXPECT_EQ(figures::formatNumber(108.25), "108.2"); // a binary tie, as printf (and the review) rounds it
    EXPECT_EQ(figures::formatNumber(std::nullopt), "—");
    EXPECT_EQ(figures::formatNumber(kNan), "—");
}

TEST(Money, LedgerYuanFromCents) {
    EXPECT_EQ(figures::formatYuan(0), "¥0.00");
    EXPECT_EQ(figures::formatYuan(5), "¥0.05");
    EXPECT_EQ(figures::formatYuan(129900), "¥1,299.00");
    EXPECT_EQ(figures::formatYuan(-2550), "-¥25.50");
    EXPECT_EQ(figures::formatYuan(123456789900), "¥1,234,567,899.00");
    EXPECT_EQ(figures::formatYuan(int64_t{900'000'000'000'000'000}), "¥9,000,000,000,000,000.00");
    EXPECT_EQ(figures::formatYuan(std::nullopt), "—");
    EXPECT_EQ(figures::formatYuan(kInf), "—");
}

TEST(Money, FractionalCentsRoundToTheNearestCentHalvesAwayFromZero) {
    EXPECT_EQ(figures::wholeCents(613.8), 614);
    EXPECT_EQ(figures::wholeCents(0.5), 1);
    EXPECT_EQ(figures::wholeCents(-0.5), -1);
    EXPECT_EQ(figures::wholeCents(0.49), 0);
    EXPECT_EQ(figures::wholeCents(1e30), 9'000'000'000'000'000'000);
    EXPECT_EQ(figures::wholeCents(kNan), 0);
    EXPECT_EQ(figures::formatYuan(613.8), "¥6.14");
    EXPECT_EQ(figures::formatYuan(12.5), "¥0.13");
    EXPECT_EQ(figures::formatYuan(-0.4), "¥0.00"); // nothing left to be negative
    EXPECT_EQ(figures::formatYuan(-0.5), "-¥0.01");
}

TEST(Money, CompactYuanKeepsTheFenOnlyBelowAHundredYuan) {
    EXPECT_EQ(figures::formatYuanCompact(0), "¥0.00");
    EXPECT_EQ(figures::formatYuanCompact(85), "¥0.85");
    EXPECT_EQ(figures::formatYuanCompact(9999), "¥99.99");
    EXPECT_EQ(figures::formatYuanCompact(10049), "¥100");
    EXPECT_EQ(figures::formatYuanCompact(10050), "¥101"); // half a yuan rounds up
    EXPECT_EQ(figures::formatYuanCompact(123456789), "¥1,234,568");
    EXPECT_EQ(figures::formatYuanCompact(-85), "-¥0.85");
    EXPECT_EQ(figures::formatYuanCompact(-123456), "-¥1,235");
}

TEST(Money, PriceTagsOnAirDropTrailingZerosAndRefuseNegatives) {
    using hawker::overlay::YuanStyle;
    using hawker::overlay::yuanText;
    EXPECT_EQ(yuanText(0, YuanStyle::PriceTag), "¥0");
    EXPECT_EQ(yuanText(29900, YuanStyle::PriceTag), "¥299");
    EXPECT_EQ(yuanText(1990, YuanStyle::PriceTag), "¥19.9");
    EXPECT_EQ(yuanText(1905, YuanStyle::PriceTag), "¥19.05");
    EXPECT_EQ(yuanText(-1, YuanStyle::PriceTag), "¥--");
    EXPECT_EQ(yuanText(INT64_MIN, YuanStyle::Ledger), "-¥92,233,720,368,547,758.08");
}

TEST(Clock, DurationsRoundToTheNearestSecondHalvesAwayFromZero) {
    EXPECT_EQ(figures::formatClock(0), "0:00");
    EXPECT_EQ(figures::formatClock(0.49), "0:00");
    EXPECT_EQ(figures::formatClock(0.5), "0:01");
    EXPECT_EQ(figures::formatClock(1.7), "0:02"); // the console used to floor this to 0:01
    EXPECT_EQ(figures::formatClock(59.5), "1:00");
    EXPECT_EQ(figures::formatClock(52.4), "0:52");
    EXPECT_EQ(figures::formatClock(-0.5), "-0:01");
    EXPECT_EQ(figures::formatClock(-30), "-0:30");
    EXPECT_EQ(figures::formatClock(-0.4), "0:00"); // nothing left to be negative
    EXPECT_EQ(figures::formatClock(kNan), "—");
    EXPECT_EQ(figures::wholeSeconds(2.5), 3);
    EXPECT_EQ(figures::wholeSeconds(-2.5), -3);
    EXPECT_EQ(figures::wholeSeconds(1e300), 1'000'000'000'000);
}

TEST(Clock, HoursAppearPastAnHour) {
    EXPECT_EQ(figures::formatClock(3599.4), "59:59");
    EXPECT_EQ(figures::formatClock(3599.5), "1:00:00");
    EXPECT_EQ(figures::formatClock(3727), "1:02:07");
    EXPECT_EQ(figures::formatClock(100 * 3600 + 5), "100:00:05");
    EXPECT_EQ(figures::formatOffset(65'500), "1:06");
    EXPECT_EQ(figures::formatOffset(std::nullopt), "—");
}

TEST(Clock, DurationsInProseUseTheSameRounding) {
    EXPECT_EQ(figures::formatDuration(42), "42 s");
    EXPECT_EQ(figures::formatDuration(52.4), "52 s");
    EXPECT_EQ(figures::formatDuration(59.5), "1 min 00 s");
    EXPECT_EQ(figures::formatDuration(185), "3 min 05 s");
    EXPECT_EQ(figures::formatDuration(7830), "2 h 10 min");
    EXPECT_EQ(figures::formatDuration(-90), "-1 min 30 s");
    EXPECT_EQ(figures::formatDuration(std::nullopt), "—");
}

TEST(Clock, ACountdownRoundsUpSoItReadsZeroOnlyWhenTimeIsUp) {
    EXPECT_EQ(figures::countdownSeconds(10'000), 10);
    EXPECT_EQ(figures::countdownSeconds(9'999), 10);
    EXPECT_EQ(figures::countdownSeconds(9'001), 10);
    EXPECT_EQ(figures::countdownSeconds(9'000), 9);
    EXPECT_EQ(figures::countdownSeconds(1), 1);
    EXPECT_EQ(figures::countdownSeconds(0), 0);
    EXPECT_EQ(figures::countdownSeconds(-5'000), 0);
    using hawker::overlay::ClockFace;
    EXPECT_EQ(hawker::overlay::clockText(95, ClockFace::Countdown), "01:35");
    EXPECT_EQ(hawker::overlay::clockText(99 * 60 + 59, ClockFace::Countdown), "99:59");
    EXPECT_EQ(hawker::overlay::clockText(-3, ClockFace::Countdown), "00:00");
}

TEST(Clock, CalendarTimes) {
    EXPECT_EQ(figures::formatUtc(1700000000000.0), "2023-11-14 22:13 UTC");
    EXPECT_EQ(figures::formatUtc(-1.0), "1969-12-31 23:59 UTC");
    EXPECT_EQ(figures::formatUtc(1e18), "—");
    EXPECT_EQ(figures::formatUtc(std::nullopt), "—");
}

TEST(Percent, RatiosAsPercentages) {
    EXPECT_EQ(figures::formatPercent(0.125), "12.5%");
    EXPECT_EQ(figures::formatPercent(0.125, 2), "12.50%");
    EXPECT_EQ(figures::formatPercent(1.0, 2), "100.00%");
    EXPECT_EQ(figures::formatPercent(0.0), "0.0%");
    EXPECT_EQ(figures::formatPercent(-0.0512), "-5.1%");
    EXPECT_EQ(figures::formatPercent(-0.0001), "0.0%"); // rounds to zero: no sign
    EXPECT_EQ(figures::formatPercent(12.34, 0), "1234%");
    EXPECT_EQ(figures::formatPercent(std::optional<double>()), "—");
    EXPECT_EQ(figures::formatPercent(kNan), "—");
    EXPECT_EQ(figures::formatPercentChange(0.2276), "+22.8%");
    EXPECT_EQ(figures::formatPercentChange(-0.123142), "-12.3%");
    EXPECT_EQ(figures::formatPercentChange(0.0), "+0.0%");
    EXPECT_EQ(hawker::overlay::percentText(33.0, 0), "33%");
}

TEST(Percent, SentencesSetTheSignApartAndDropTrailingZeros) {
    EXPECT_EQ(figures::formatPercentInSentence(0.09), "9 %");
    EXPECT_EQ(figures::formatPercentInSentence(0.02, 2), "2 %");
    EXPECT_EQ(figures::formatPercentInSentence(0.015, 2), "1.5 %");
    EXPECT_EQ(figures::formatPercentInSentence(1.0 / 3.0, 2), "33.33 %");
    EXPECT_EQ(figures::formatPercentInSentence(0.0), "0 %");
}

TEST(JsonRead, LenientReadersGiveNoValueForMissingFieldsAndWrongTypes) {
    const json object = json::parse(R"({"n": 12.5, "i": 7, "big": 18446744073709551615, "s": "text",
                                        "yes": true, "one": 1, "zero": 0, "nothing": null, "list": [1, 2]})");
    EXPECT_EQ(json_read::numberAt(object, "n"), 12.5);
    EXPECT_EQ(json_read::numberAt(object, "s"), std::nullopt);
    EXPECT_EQ(json_read::numberAt(object, "nothing"), std::nullopt);
    EXPECT_EQ(json_read::numberAt(object, "absent"), std::nullopt);
    EXPECT_EQ(json_read::numberAt(json::array({1}), "n"), std::nullopt); // not an object at all
    EXPECT_EQ(json_read::numberOf(json(kInf)), std::nullopt);
    EXPECT_EQ(json_read::numberOr(object, "absent", -1), -1);
    EXPECT_EQ(json_read::integerAt(object, "n"), 13);
    EXPECT_EQ(json_read::integerAt(object, "i"), 7);
    EXPECT_EQ(json_read::integerAt(object, "big"), INT64_MAX);
    EXPECT_EQ(json_read::integerAt(object, "s"), 0);
    EXPECT_EQ(json_read::stringAt(object, "s"), "text");
    EXPECT_EQ(json_read::stringAt(object, "n", "none"), "none"); // a number is not a string
    EXPECT_EQ(json_read::textAt(object, "n"), "12.5");           // ... but has a text
    EXPECT_EQ(json_read::textAt(object, "i"), "7");
    EXPECT_EQ(json_read::textAt(object, "yes"), "true");
    EXPECT_EQ(json_read::textAt(object, "list"), "");
    EXPECT_TRUE(json_read::flagAt(object, "yes"));
    EXPECT_TRUE(json_read::flagAt(object, "one"));
    EXPECT_FALSE(json_read::flagAt(object, "zero"));
    EXPECT_FALSE(json_read::flagAt(object, "s"));
    EXPECT_FALSE(json_read::flagAt(object, "absent"));
    EXPECT_EQ(json_read::listAt(object, "list").size(), 2u);
    EXPECT_TRUE(json_read::listAt(object, "s").empty());
    EXPECT_TRUE(json_read::memberOf(object, "absent").is_null());
}

TEST(JsonRead, CheckedReadsNameTheFieldAndWhatIsWrong) {
    const json object = json::parse(R"({"sku": "S1", "empty": "", "long": "abcdef", "number": 5,
                                        "qty": 3, "half": 2.5, "whole": 4.0, "text": "12", "neg": -2,
                                        "huge": 18446744073709551615, "nothing": null})");
    std::string reason;
    json_read::FieldReader read(object, reason);
    using json_read::Need;

    std::string text = "kept";
    EXPECT_TRUE(read.string("sku", text, Need::Required, 64));
    EXPECT_EQ(text, "S1");
    EXPECT_FALSE(read.string("absent", text, Need::Required, 64));
    EXPECT_EQ(reason, "absent is missing");
    EXPECT_FALSE(read.string("nothing", text, Need::Required, 64));
    EXPECT_EQ(reason, "nothing is missing"); // null is missing, not a value
    EXPECT_FALSE(read.string("number", text, Need::Required, 64));
    EXPECT_EQ(reason, "number must be a string");
    EXPECT_FALSE(read.string("empty", text, Need::Required, 64));
    EXPECT_EQ(reason, "empty is empty");
    EXPECT_FALSE(read.string("long", text, Need::Optional, 5));
    EXPECT_EQ(reason, "long is longer than 5 bytes");
    text = "kept";
    EXPECT_TRUE(read.string("absent", text, Need::Optional, 64));
    EXPECT_EQ(text, "kept"); // an optional field that is missing changes nothing

    int64_t value = -1;
    EXPECT_TRUE(read.integer("qty", value, Need::Required, 1, 100, "1 to 100"));
    EXPECT_EQ(value, 3);
    EXPECT_TRUE(read.integer("whole", value, Need::Required, 1, 100, "1 to 100"));
    EXPECT_EQ(value, 4);
    EXPECT_FALSE(read.integer("absent", value, Need::Required, 1, 100, "1 to 100"));
    EXPECT_EQ(reason, "absent is missing");
    EXPECT_FALSE(read.integer("text", value, Need::Required, 1, 100, "1 to 100"));
    EXPECT_EQ(reason, "text is not a number"); // "12" is text, however it reads
    EXPECT_FALSE(read.integer("half", value, Need::Required, 1, 100, "1 to 100"));
    EXPECT_EQ(reason, "half must be a whole number");
    EXPECT_FALSE(read.integer("neg", value, Need::Required, 0, 100, "0 to 100"));
    EXPECT_EQ(reason, "neg is negative");
    EXPECT_FALSE(read.integer("neg", value, Need::Required, -1, 100, "-1 to 100"));
    EXPECT_EQ(reason, "neg is out of range (-1 to 100)");
    EXPECT_FALSE(read.integer("huge", value, Need::Required, 0, 100, "0 to 100"));
    EXPECT_EQ(reason, "huge is out of range (0 to 100)");
    EXPECT_EQ(value, 4); // no failed read wrote its value
    value = 9;
    EXPECT_TRUE(read.integer("absent", value, Need::Optional, 1, 100, "1 to 100"));
    EXPECT_EQ(value, 9);

    const json list = json::array({1, 2});
    std::string notObjectReason;
    json_read::FieldReader notAnObject(list, notObjectReason);
    EXPECT_FALSE(notAnObject.string("sku", text, Need::Required, 64));
    EXPECT_EQ(notObjectReason, "sku is missing");
}
