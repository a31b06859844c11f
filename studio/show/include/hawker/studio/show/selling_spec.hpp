#pragma once
// The selling side of a show file: flash sales, coupons and spend-threshold
// promotions, the run of show, the compliance gate, the session's targets and
// the control API. assets/shows/example.toml documents every field.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/show/role.hpp"

namespace hawker::studio {

/// A flash sale (秒杀) planned in the show file; started by an operator, the
/// rundown or its schedule.
struct OfferSpec {
    std::string id;
    std::string sku;
    std::string title; ///< shown on the countdown; checked by the compliance gate
    int64_t dealPriceCents = 0;
    int64_t quantity = 0;
    int perBuyerLimit = 0; ///< 0: none
    int prelaunchSeconds = 10;
    int durationSeconds = 300;
    std::optional<double> startAtSeconds; ///< scheduled: starts by itself at this program time
    std::string variant; ///< A/B label ("A", "B"): the report compares offers of different variants
};

struct CouponSpec {
    std::string id;
    std::string title;
    int64_t discountCents = 0;
    int64_t minSpendCents = 0; ///< 0: no threshold
    int64_t total = 0;         ///< how many may be issued; 0: unlimited
};

/// 满减: spend at least the threshold, get the discount off.
struct PromotionSpec {
    std::string id;
    std::string title;
    int64_t thresholdCents = 0;
    int64_t discountCents = 0;
};

enum class SegmentKind { Opening, Product, QA, Offer, Giveaway, Closing };
const char* toString(SegmentKind kind);
std::optional<SegmentKind> parseSegmentKind(const std::string& text);
/// The kind's name for people: a key of the translation tables ("segment_kind.opening").
const char* segmentKindKey(SegmentKind kind);

/// One segment of the run of show (直播脚本).
struct SegmentSpec {
    SegmentKind kind = SegmentKind::Product;
    std::string title;
    int plannedSeconds = 0;
    std::string sku;   ///< the product it explains; empty: none
    std::string scene; ///< the scene it wants on program; empty: leave as is
    std::string offer; ///< an offer id to start (offer segments)
    std::vector<std::string> talkingPoints;
    bool autoApply = true; ///< "Next" also takes its scene and shows its card
};

struct ComplianceSpec {
    bool approvalRequired = true;
    std::vector<std::string> bannedWords; ///< absolute claims the Advertising Law forbids
    std::vector<Role> approverRoles{Role::Merchandiser, Role::Host};
};
/// The default banned absolute claims (最, 第一, 国家级, 顶级, 100%, ...).
std::vector<std::string> defaultBannedWords();

struct SessionTargets {
    std::optional<int64_t> gmvCents;
    std::optional<int64_t> uv;
    std::optional<double> conversionRate;
    std::map<std::string, int64_t> units; ///< by sku
};

struct SessionPlan {
    std::string title; ///< empty: the show's name
    std::string tag;   ///< a label that groups sessions for trends ("beauty"); empty: none
    std::string host;  ///< who presents it, for trends by host; empty: not said
    std::vector<std::string> platforms;
    SessionTargets targets;
};

/// A bearer token of the control API. The secret itself comes from the
/// environment or a secrets file, never from the show file.
struct ApiTokenSpec {
    std::string name;           ///< who, in the audit log ("stream-deck")
    Role role = Role::Operator; ///< a person's role: host, operator, merchandiser or ingest
    std::string tokenEnv;
    std::filesystem::path tokenFile;
    std::string tokenKey;
};

/// How the console's login is checked ([api] console_login).
enum class ConsoleLogin {
    Open,  ///< --role (and --who) are taken as given: a desk on a trusted machine
    Token, ///< the console must be given a token of its role (--token-file or HAWKER_CONSOLE_TOKEN)
};

/// A selling platform's order webhook ([[api.webhooks]]). Its app key and
/// secret come from the environment or a secrets file, never from the show file.
struct WebhookSpec {
    std::string platform; ///< douyin-shop | tiktok-shop | shopify
    std::string appKeyEnv, secretEnv;
    std::filesystem::path secretsFile; ///< TOML: [table] app_key = "…", app_secret = "…"
    std::string secretsTable;          ///< the table in secretsFile (default: the platform)
    /// 抖店 / TikTok Shop: the order-detail API's base URL (scheme://host[:port]);
    /// empty: no fetch, orders keep their product pending.
    std::string detailUrl;
    std::string accessTokenEnv; ///< the detail API's access token (or access_token in secretsFile)
};

struct ApiSpec {
    bool enabled = false;
    ConsoleLogin consoleLogin = ConsoleLogin::Open;
    std::string bind = "127.0.0.1";
    int port = 8620;
    size_t maxBodyBytes = 1 << 20;
    std::vector<ApiTokenSpec> tokens;
    std::vector<WebhookSpec> webhooks;
};

/// What senders of commands may reach ([security]).
struct SecuritySpec {
    /// The protocols and local inputs source.add and source.edit may open, as
    /// URL schemes ("srt"), "file" for paths, or FFmpeg input formats for
    /// devices and generated inputs ("lavfi", "v4l2", "x11grab").
    std::vector<std::string> sourceProtocols{"srt", "rtmp", "rtmps", "rtsp", "udp"};
};

} // namespace hawker::studio
