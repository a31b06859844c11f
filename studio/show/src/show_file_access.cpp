// The show file's access sections: the control API ([api]: where it listens,
// its tokens, how the console logs in) and what sources may open
// ([security]).

#include <algorithm>
#include <cctype>

#include "show_file_sections.hpp"

namespace hawker::studio::detail {

namespace {

void readApi(Fields& top, ShowSpec& show, const std::string& file) {
    const toml::table* table = top.optTable("api");
    if (!table) return;
    Fields f(*table, "api", file);
    ApiSpec& api = show.api;
    api.enabled = f.optBool("enabled").value_or(true);
    api.bind = f.optString("bind").value_or(api.bind);
    api.port = f.optInt("port", api.port, 0, 65535);
    api.maxBodyBytes = static_cast<size_t>(f.optInt64("max_body_bytes", 1 << 20, 1024, 64 << 20));
    forEachTable(f, "tokens", file, [&](Fields& tf, size_t) {
        ApiTokenSpec token;
        const std::string roleName = tf.reqString("role");
        const std::optional<Role> role = roleFromName(roleName);
        if (!role || !roleInfo(*role).person)
            tf.fail("role", "expected " + roleNames([](const RoleInfo& info) { return info.person; }));
        token.role = *role;
        token.name = tf.optString("name").value_or(roleName);
        token.tokenEnv = tf.optString("token_env").value_or("");
        if (auto tokenFile = tf.optString("token_file")) token.tokenFile = resolve(show.baseDir, *tokenFile);
        token.tokenKey = tf.optString("token_key").value_or(token.name);
        if (token.tokenEnv.empty() == token.tokenFile.empty())
            tf.fail("token_env",
                    "give token_env or token_file (the token itself never goes in the show file)");
        api.tokens.push_back(std::move(token));
    });
    forEachTable(f, "webhooks", file, [&](Fields& wf, size_t) {
        WebhookSpec hook;
        hook.platform = wf.reqString("platform");
        if (hook.platform != "douyin-shop" && hook.platform != "tiktok-shop" && hook.platform != "shopify")
            wf.fail("platform", "expected \"douyin-shop\", \"tiktok-shop\" or \"shopify\"");
        for (const WebhookSpec& other : api.webhooks)
            if (other.platform == hook.platform)
                wf.fail("platform", "a second webhook for " + hook.platform + "; one per platform");
        hook.appKeyEnv = wf.optString("app_key_env").value_or("");
        hook.secretEnv = wf.optString("secret_env").value_or("");
        if (auto secrets = wf.optString("secrets_file")) hook.secretsFile = resolve(show.baseDir, *secrets);
        hook.secretsTable = wf.optString("secrets_table").value_or(hook.platform);
        if (hook.secretEnv.empty() == hook.secretsFile.empty())
            wf.fail("secret_env",
                    "give secret_env or secrets_file (the app secret never goes in the show file)");
        hook.detailUrl = wf.optString("detail_url").value_or("");
        hook.accessTokenEnv = wf.optString("access_token_env").value_or("");
        if (!hook.detailUrl.empty()) {
            // Only a root: the signed path is the API's own, nothing may come before it.
            const size_t scheme = hook.detailUrl.find("://");
            const std::string prefix = hook.detailUrl.substr(0, scheme);
            const size_t slash = scheme == std::string::npos ? 0 : hook.detailUrl.find('/', scheme + 3);
            if (hook.platform == "shopify")
                wf.fail("detail_url", "shopify's webhook carries its line items; it needs no detail_url");
            if (scheme == std::string::npos || (prefix != "http" && prefix != "https") ||
                (slash != std::string::npos && slash + 1 != hook.detailUrl.size()))
                wf.fail("detail_url", "expected http(s)://host[:port] with no path");
            if (hook.detailUrl.back() == '/') hook.detailUrl.pop_back();
            if (hook.secretsFile.empty() && hook.accessTokenEnv.empty())
                wf.fail("access_token_env", "the detail API needs an access token: give access_token_env");
        }
        const bool needsKey = hook.platform != "shopify";
        if (needsKey && hook.secretsFile.empty() && hook.appKeyEnv.empty())
            wf.fail("app_key_env", hook.platform + " signs with its app key too: give app_key_env");
        api.webhooks.push_back(std::move(hook));
    });
    if (api.enabled && api.tokens.empty())
        f.fail("tokens", "an enabled API needs at least one token; without tokens nobody could use it");
    if (auto login = f.optString("console_login")) {
        if (*login == "token")
            api.consoleLogin = ConsoleLogin::Token;
        else if (*login != "open")
            f.fail("console_login", "expected \"open\" or \"token\", got '" + *login + "'");
        const bool desk = std::any_of(api.tokens.begin(), api.tokens.end(),
                                      [](const ApiTokenSpec& token) { return roleInfo(token.role).console; });
        if (api.consoleLogin == ConsoleLogin::Token && !desk)
            f.fail("console_login", "\"token\" needs an operator, host or merchandiser token in tokens");
    }
    f.finish();
}

void readSecurity(Fields& top, ShowSpec& show, const std::string& file) {
    const toml::table* table = top.optTable("security");
    if (!table) return;
    Fields f(*table, "security", file);
    if (f.has("source_protocols")) {
        show.security.sourceProtocols = stringList(f, "source_protocols");
        for (std::string& name : show.security.sourceProtocols) {
            const bool plain =
                !name.empty() && name.size() <= 32 &&
                std::all_of(name.begin(), name.end(), [](unsigned char c) {
                    return std::islower(c) || std::isdigit(c) || c == '+' || c == '-' || c == '.' || c == '_';
                });
            if (!plain)
                f.fail("source_protocols", "'" + name +
                                               "' is not a protocol or input name (lower-case, like "
                                               "\"srt\", \"file\" or \"lavfi\")");
        }
    }
    f.finish();
}

} // namespace

void readAccessSections(Fields& top, ShowSpec& show, const std::string& file) {
    readApi(top, show, file);
    readSecurity(top, show, file);
}

} // namespace hawker::studio::detail
