// Text from outside on its way into logs and answers: never a throw, never a
// raw control character, and a hostile JSON nesting found before parsing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hawker/studio/base/untrusted_text.hpp"

using namespace hawker::studio;

TEST(UntrustedText, JsonWithInvalidUtf8IsWrittenWithReplacements) {
    const nlohmann::json value = {{"error", std::string("no such endpoint: /api/v1/\xff\xfe")}};
    EXPECT_THROW((void)value.dump(), nlohmann::json::type_error); // why toJsonText exists
    const std::string text = toJsonText(value);
    EXPECT_NE(text.find("\xef\xbf\xbd"), std::string::npos) << text;
    EXPECT_FALSE(nlohmann::json::parse(text, nullptr, false).is_discarded());
}

TEST(UntrustedText, PrintableEscapesControlsAndBadBytes) {
    EXPECT_EQ(printable("/api/v1/state"), "/api/v1/state");
    EXPECT_EQ(printable("/a\x1b[2Jb"), "/a\\x1b[2Jb");
    EXPECT_EQ(printable("a\r\nb"), "a\\x0d\\x0ab");
    EXPECT_EQ(printable("\xff"), "\\xff");
    EXPECT_EQ(printable("back\\slash"), "back\\x5cslash");
    EXPECT_EQ(printable("直播带货"), "直播带货");
    const std::string cut = printable(std::string(500, 'a'), 20);
    EXPECT_EQ(cut, std::string(20, 'a') + "…");
    // A cut never splits a code point.
    const std::string chinese = printable("直播带货直播带货", 7);
    EXPECT_EQ(chinese, "直播带…");
}

TEST(UntrustedText, NestingIsMeasuredOutsideStrings) {
    EXPECT_TRUE(jsonNestingWithin(R"({"events":[{"id":"a"}]})", 3));
    EXPECT_FALSE(jsonNestingWithin(R"({"events":[{"id":"a"}]})", 2));
    EXPECT_TRUE(jsonNestingWithin(R"({"text":"[[[[[[[[[[[[\"]]]"})", 1));
    EXPECT_FALSE(jsonNestingWithin(std::string(100000, '['), 32));
    EXPECT_TRUE(jsonNestingWithin("", 1));
}
