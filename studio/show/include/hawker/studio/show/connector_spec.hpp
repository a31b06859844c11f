#pragma once
// [[connectors]]: the live-comment connectors of a show, one per platform
// account. Their secrets come from the environment or a secrets file, never
// from the show file itself (docs/PLATFORMS.md "Live comments").

#include <filesystem>
#include <string>

namespace hawker::studio {

enum class ConnectorPlatform {
    YouTubeLiveChat, ///< "youtube": Hawker polls the Live Chat API
    DouyinLivePush,  ///< "douyin-live": Douyin's 直播小玩法 data push posts to Hawker
};

struct ConnectorSpec {
    std::string name; ///< unique in the show; in the health list and the push route
    ConnectorPlatform platform = ConnectorPlatform::YouTubeLiveChat;
    std::string platformName; ///< as the file names it ("youtube", "douyin-live")
    // YouTube
    std::string liveChatId;
    std::string apiUrl = "https://www.googleapis.com"; ///< scheme://host[:port]; a test's fake replaces it
    std::string keyEnv;                                ///< an API key (public streams), or
    std::string tokenEnv;                              ///< an OAuth access token
    // Douyin push
    std::string secretEnv; ///< the push's signing secret
    std::filesystem::path
        secretsFile; ///< or a TOML file: [table] secret = "…" (key = "…", token = "…" for YouTube)
    std::string secretsTable; ///< the table in secretsFile (default: the connector's name)
};

} // namespace hawker::studio
