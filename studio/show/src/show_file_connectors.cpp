// [[connectors]]: one live-comment connector per platform account.

#include <cctype>
#include <set>

#include "show_file_sections.hpp"

namespace hawker::studio::detail {

namespace {

/// scheme://host[:port] with nothing after it: the API's own paths follow.
bool isRootUrl(const std::string& url) {
    const size_t scheme = url.find("://");
    if (scheme == std::string::npos) return false;
    const std::string prefix = url.substr(0, scheme);
    const size_t slash = url.find('/', scheme + 3);
    return (prefix == "http" || prefix == "https") && url.size() > scheme + 3 &&
           (slash == std::string::npos || slash + 1 == url.size());
}

} // namespace

void readConnectors(Fields& top, ShowSpec& show, const std::string& file) {
    std::set<std::string> names;
    forEachTable(top, "connectors", file, [&](Fields& f, size_t) {
        ConnectorSpec c;
        c.name = f.reqString("name");
        for (const char ch : c.name)
            if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_')
                f.fail("name", "use letters, digits, '-' and '_' only (it is part of a URL)");
        if (!names.insert(c.name).second) f.fail("name", "a second connector named " + c.name);
        c.platformName = f.reqString("platform");
        if (c.platformName == "youtube")
            c.platform = ConnectorPlatform::YouTubeLiveChat;
        else if (c.platformName == "douyin-live")
            c.platform = ConnectorPlatform::DouyinLivePush;
        else
            f.fail("platform", "expected \"youtube\" or \"douyin-live\"");
        if (auto secrets = f.optString("secrets_file")) c.secretsFile = resolve(show.baseDir, *secrets);
        c.secretsTable = f.optString("secrets_table").value_or(c.name);
        if (c.platform == ConnectorPlatform::YouTubeLiveChat) {
            c.liveChatId = f.reqString("live_chat_id");
            c.apiUrl = f.optString("api_url").value_or(c.apiUrl);
            if (!isRootUrl(c.apiUrl)) f.fail("api_url", "expected http(s)://host[:port] with no path");
            if (c.apiUrl.back() == '/') c.apiUrl.pop_back();
            c.keyEnv = f.optString("key_env").value_or("");
            c.tokenEnv = f.optString("token_env").value_or("");
            if (!c.keyEnv.empty() && !c.tokenEnv.empty())
                f.fail("token_env", "give key_env or token_env, not both");
            if (c.keyEnv.empty() && c.tokenEnv.empty() && c.secretsFile.empty())
                f.fail("key_env",
                       "give key_env (an API key) or token_env (an OAuth token), or secrets_file; the key "
                       "never goes in the show file");
        } else {
            c.secretEnv = f.optString("secret_env").value_or("");
            if (c.secretEnv.empty() == c.secretsFile.empty())
                f.fail("secret_env",
                       "give secret_env or secrets_file (the push secret never goes in the show file)");
        }
        show.connectors.push_back(std::move(c));
    });
    if (!show.connectors.empty() && !show.api.enabled)
        top.fail("connectors", "live-comment connectors need the [api] section: the push arrives there and "
                               "their health is served there");
}

} // namespace hawker::studio::detail
