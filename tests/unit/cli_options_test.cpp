#include <gtest/gtest.h>

#include "hawker/studio/cli/cli_options.hpp"

using namespace hawker::studio;

TEST(CliOptions, ValuesFlagsAndPositionals) {
    const ParsedArgs args =
        parseArgs({"show.toml", "--duration", "10", "--offline"}, {"--duration"}, {"--offline"});
    EXPECT_EQ(args.positional, std::vector<std::string>{"show.toml"});
    EXPECT_TRUE(args.flag("--offline"));
    EXPECT_DOUBLE_EQ(*args.seconds("--duration"), 10.0);
    const ParsedArgs inlineForm = parseArgs({"--duration=2.5"}, {"--duration"}, {});
    EXPECT_DOUBLE_EQ(*inlineForm.seconds("--duration"), 2.5);
}

TEST(CliOptions, BadArgumentsAreUsageErrors) {
    EXPECT_THROW(parseArgs({"--bogus"}, {"--duration"}, {}), UsageError);
    EXPECT_THROW(parseArgs({"--duration"}, {"--duration"}, {}), UsageError);
    EXPECT_THROW(parseArgs({"-x"}, {}, {}), UsageError);
    for (const char* bad : {"-1", "0", "abc", "10s", "nan", "inf"}) {
        const ParsedArgs args = parseArgs({"--duration", bad}, {"--duration"}, {});
        EXPECT_THROW(args.seconds("--duration"), UsageError) << bad;
    }
}
