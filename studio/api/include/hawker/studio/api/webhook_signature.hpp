#pragma once
// The three selling platforms' order-webhook signatures (docs/PLATFORMS.md
// "Order webhooks"), each computed over the raw body exactly as it arrived
// and compared in constant time, so a forged message is refused before any
// byte of it is parsed.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hawker::studio {

/// Lowercase hex MD5 of `text`.
std::string md5Hex(std::string_view text);
/// Lowercase hex HMAC-SHA256 of `message` under `key`.
std::string hmacSha256Hex(std::string_view key, std::string_view message);
/// Standard base64 (with padding) of HMAC-SHA256 of `message` under `key`.
std::string hmacSha256Base64(std::string_view key, std::string_view message);
/// Equal strings, in time that does not depend on where they differ (only
/// on their lengths, which are public: a digest's length is fixed).
bool sameDigest(std::string_view given, std::string_view expected);

/// 抖店: event-sign = md5_hex(app_key + raw_body + app_secret).
bool douyinShopSigned(std::string_view eventSign, std::string_view appKey, std::string_view appSecret,
                      std::string_view rawBody);
/// TikTok Shop: Authorization = hex(HMAC-SHA256(app_secret, app_key + raw_body)).
bool tiktokShopSigned(std::string_view authorization, std::string_view appKey, std::string_view appSecret,
                      std::string_view rawBody);
/// Shopify: X-Shopify-Hmac-Sha256 = base64(HMAC-SHA256(app_secret, raw_body)).
bool shopifySigned(std::string_view hmacHeader, std::string_view appSecret, std::string_view rawBody);

/// Douyin's live-room data push (直播小玩法): the x-* headers but x-signature,
/// sorted by name and joined "k=v&k=v", then the raw body, then the secret;
/// base64 of its MD5. `headers` are (lowercase name, value) pairs.
std::string douyinLivePushSignature(std::vector<std::pair<std::string, std::string>> headers,
                                    std::string_view rawBody, std::string_view secret);
bool douyinLivePushSigned(std::string_view signature,
                          std::vector<std::pair<std::string, std::string>> headers, std::string_view rawBody,
                          std::string_view secret);

} // namespace hawker::studio
