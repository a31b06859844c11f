#include "hawker/studio/api/console_login.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include <openssl/crypto.h>

namespace hawker::studio {

namespace {
bool sameSecret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}
} // namespace

Actor consoleLogin(const ApiSpec& api, const std::vector<ApiToken>& tokens, Role role, const std::string& who,
                   const std::optional<std::string>& token) {
    if (!token) {
        if (api.consoleLogin == ConsoleLogin::Token)
            throw std::runtime_error(
                "this show holds the console to a token ([api] console_login = \"token\"): "
                "give the " +
                std::string(toString(role)) + "'s token with --token-file FILE or HAWKER_CONSOLE_TOKEN");
        return Actor{who, role};
    }
    const ApiToken* found = nullptr;
    for (const ApiToken& candidate : tokens)
        if (sameSecret(*token, candidate.secret)) found = &candidate;
    // Never say which token it was, or whose: a wrong guess learns nothing.
    if (!found || found->role != role)
        throw std::runtime_error(std::string("the token given is not one of this show's ") + toString(role) +
                                 " tokens ([api] tokens)");
    if (!who.empty() && who != found->name)
        throw std::runtime_error("--who " + who + " is not the name of the token given (" + found->name +
                                 "): a token's login is its name");
    return Actor{found->name, role};
}

std::optional<std::string> consoleToken(const std::string& tokenFile) {
    std::string token;
    if (!tokenFile.empty()) {
        std::ifstream in(tokenFile);
        if (!in) throw std::runtime_error("--token-file: cannot read " + tokenFile);
        std::getline(in, token);
        while (!token.empty() && (token.back() == '\r' || token.back() == ' ' || token.back() == '\t'))
            token.pop_back();
        if (token.empty())
            throw std::runtime_error("--token-file: " + tokenFile + " has no token on its first line");
        return token;
    }
    if (const char* value = std::getenv("HAWKER_CONSOLE_TOKEN"); value && *value) return std::string(value);
    return std::nullopt;
}

} // namespace hawker::studio
