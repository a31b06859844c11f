// The console's login, held to a token when the show file asks for it.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "hawker/studio/api/console_login.hpp"

using namespace hawker::studio;

namespace {
const std::vector<ApiToken> kTokens = {{"deck", Role::Operator, "op-0123456789abcdef"},
                                       {"xiaoya", Role::Host, "host-0123456789abcdef"},
                                       {"lin", Role::Merchandiser, "me-0123456789abcdef"}};
ApiSpec api(ConsoleLogin login) {
    ApiSpec spec;
    spec.consoleLogin = login;
    return spec;
}
std::string refusal(const ApiSpec& spec, Role role, const std::string& who,
                    const std::optional<std::string>& token) {
    try {
        consoleLogin(spec, kTokens, role, who, token);
    } catch (const std::runtime_error& error) {
        return error.what();
    }
    return "";
}
} // namespace

TEST(ConsoleLogin, AnOpenLoginTakesTheRoleAndNameAsGiven) {
    const Actor login = consoleLogin(api(ConsoleLogin::Open), kTokens, Role::Operator, "amy", std::nullopt);
    EXPECT_EQ(login.who, "amy");
    EXPECT_EQ(login.role, Role::Operator);
}

TEST(ConsoleLogin, ATokenLoginNeedsATokenOfItsRole) {
    const ApiSpec held = api(ConsoleLogin::Token);
    const std::string none = refusal(held, Role::Operator, "", std::nullopt);
    EXPECT_NE(none.find("console_login = \"token\""), std::string::npos) << none;
    EXPECT_NE(none.find("--token-file FILE or HAWKER_CONSOLE_TOKEN"), std::string::npos) << none;
    const std::string wrong = refusal(held, Role::Operator, "", std::string("op-0123456789abcdeX"));
    EXPECT_NE(wrong.find("not one of this show's operator tokens"), std::string::npos) << wrong;
    // A host's token does not open the operator's desk, and the refusal does not say whose it was.
    const std::string other = refusal(held, Role::Operator, "", std::string("host-0123456789abcdef"));
    EXPECT_NE(other.find("not one of this show's operator tokens"), std::string::npos) << other;
    EXPECT_EQ(other.find("xiaoya"), std::string::npos) << other;
    // The right token: the login is the token's person.
    const Actor login = consoleLogin(held, kTokens, Role::Operator, "", std::string("op-0123456789abcdef"));
    EXPECT_EQ(login.who, "deck");
    EXPECT_EQ(login.role, Role::Operator);
    EXPECT_NE(refusal(held, Role::Operator, "someone-else", std::string("op-0123456789abcdef")).find("--who"),
              std::string::npos);
    EXPECT_EQ(consoleLogin(held, kTokens, Role::Host, "xiaoya", std::string("host-0123456789abcdef")).who,
              "xiaoya");
}

TEST(ConsoleLogin, ATokenGivenToAnOpenLoginIsCheckedToo) {
    EXPECT_NE(refusal(api(ConsoleLogin::Open), Role::Operator, "", std::string("nope-nope-nope-nope")), "");
    EXPECT_EQ(
        consoleLogin(api(ConsoleLogin::Open), kTokens, Role::Operator, "", std::string("op-0123456789abcdef"))
            .who,
        "deck");
}

TEST(ConsoleLogin, TheTokenComesFromAFileOrTheEnvironment) {
    const auto file =
        std::filesystem::temp_directory_path() / ("hawker-console-token-" + std::to_string(::getpid()));
    std::ofstream(file) << "op-0123456789abcdef\n";
    unsetenv("HAWKER_CONSOLE_TOKEN");
    EXPECT_EQ(consoleToken(file.string()), std::optional<std::string>("op-0123456789abcdef"));
    EXPECT_EQ(consoleToken(""), std::nullopt);
    setenv("HAWKER_CONSOLE_TOKEN", "env-0123456789abcdef", 1);
    EXPECT_EQ(consoleToken(""), std::optional<std::string>("env-0123456789abcdef"));
    unsetenv("HAWKER_CONSOLE_TOKEN");
    std::ofstream(file) << "\n";
    EXPECT_THROW(consoleToken(file.string()), std::runtime_error);
    std::filesystem::remove(file);
    EXPECT_THROW(consoleToken(file.string()), std::runtime_error);
}

TEST(ConsoleLogin, TheShowFileSaysWhichLogin) {
    const std::string base = R"(
[[sources]]
id = "cam"
url = "x"
[[scenes]]
id = "a"
[api]
tokens = [ { name = "deck", role = "operator", token_env = "X_OP" } ]
)";
    EXPECT_EQ(parseShow(base, "show.toml", "/").api.consoleLogin, ConsoleLogin::Open);
    EXPECT_EQ(parseShow(base + "console_login = \"token\"\n", "show.toml", "/").api.consoleLogin,
              ConsoleLogin::Token);
    EXPECT_THROW(parseShow(base + "console_login = \"yes\"\n", "show.toml", "/"), ShowFileError);
}
