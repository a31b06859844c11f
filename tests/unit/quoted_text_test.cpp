// Refusals quote what was sent, shortened: a megabyte sku cannot make a
// megabyte message, audit entry or log line, and the cut never splits a
// character.

#include <gtest/gtest.h>

#include <string>

#include "hawker/overlay/utf8.hpp"
#include "hawker/studio/base/quoted_text.hpp"
#include "hawker/studio/show/show_controller.hpp"

using namespace hawker::studio;

TEST(QuotedText, ShortValuesStayAsTheyAre) {
    EXPECT_EQ(quoteValue("SKU-1"), "'SKU-1'");
    EXPECT_EQ(quoteValue(""), "''");
    EXPECT_EQ(shortened(std::string(kQuotedChars, 'x')), std::string(kQuotedChars, 'x'));
}

TEST(QuotedText, LongValuesAreCutAtAFixedNumberOfCharactersWithAnEllipsis) {
    EXPECT_EQ(shortened(std::string(kQuotedChars + 1, 'x')), std::string(kQuotedChars, 'x') + "…");
    EXPECT_EQ(quoteValue(std::string(1 << 20, 'A')), "'" + std::string(kQuotedChars, 'A') + "…'");
    // Three-byte characters: the cut counts characters, not bytes, and keeps each whole.
    std::string chinese;
    for (int i = 0; i < 100; ++i)
        chinese += "精";
    const std::string cut = shortened(chinese);
    EXPECT_TRUE(hawker::overlay::isValidUtf8(cut));
    std::string expected;
    for (size_t i = 0; i < kQuotedChars; ++i)
        expected += "精";
    EXPECT_EQ(cut, expected + "…");
    // A four-byte character across the limit is not split either.
    const std::string emoji = std::string(kQuotedChars - 1, 'a') + "😀😀";
    EXPECT_EQ(shortened(emoji), std::string(kQuotedChars - 1, 'a') + "😀…");
}

TEST(QuotedText, ControlCharactersAndBrokenBytesCannotBreakTheLine) {
    EXPECT_EQ(shortened("a\nb\tc\x1b[31m"), "abc[31m");
    EXPECT_EQ(shortened("ok\xff\xfe"), "ok\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_TRUE(hawker::overlay::isValidUtf8(shortened("\xe7\xb2")));
}

TEST(QuotedText, RefusalsAuditEntriesAndLogLinesQuoteOnlyTheStart) {
    const ShowSpec show = parseShow(R"(
[[sources]]
id = "cam"
url = "x"
[[scenes]]
id = "a"
[program]
scene = "a"
[[products]]
sku = "S1"
name = "精华液"
price_cents = 100
)",
                                    "show.toml", "/");
    ShowController controller(show);
    const Actor deck{"deck", Role::Operator};
    const std::string huge(1 << 20, 'Z');
    const std::string start = std::string(kQuotedChars, 'Z') + "…";
    const size_t bound = 200 + 4 * kQuotedChars; // the message's own words plus the quoted start

    const CommandResult scene = controller.execute(Command::cut(huge), deck, 0);
    EXPECT_FALSE(scene.ok);
    EXPECT_EQ(scene.message, "cut: no scene '" + start + "'");
    const CommandResult card = controller.execute(Command::named("card.show", {{"sku", huge}}), deck, 0);
    EXPECT_FALSE(card.ok);
    EXPECT_LT(card.message.size(), bound);
    EXPECT_NE(card.message.find(start), std::string::npos);
    const CommandResult number =
        controller.execute(Command::named("card.update", {{"sku", "S1"}, {"sold", huge}}), deck, 0);
    EXPECT_EQ(number.message, "card.update: sold must be a whole number, got '" + start + "'");
    const CommandResult unknown = controller.execute(Command::named(huge, {}), deck, 0);
    EXPECT_EQ(unknown.message, "unknown command '" + start + "'");
    const CommandResult offer = controller.execute(Command::named("offer.sell", {{"slot", huge}}), deck, 0);
    EXPECT_FALSE(offer.ok);
    EXPECT_LT(offer.message.size(), bound);

    for (const AuditEntry& entry : controller.audit()) {
        EXPECT_LT(entry.command.size(), bound);
        EXPECT_LT(entry.message.size(), bound);
    }
}
