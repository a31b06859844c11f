#pragma once
// The signed order-detail requests of 抖店 and TikTok Shop (docs/PLATFORMS.md
// "Order details"): the path with its query and the headers, ready for any
// HTTP client. The signatures are pure functions so a test can check them
// against a vector computed elsewhere.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hawker::studio {

struct DetailCredentials {
    std::string appKey, appSecret, accessToken;
};

struct SignedRequest {
    std::string target; ///< path and query, percent-encoded ("/order/orderDetail?app_key=…")
    std::vector<std::pair<std::string, std::string>> headers;
};

/// 抖店's method for an order's detail; its path is the method with '/' for '.'.
inline constexpr const char* kDouyinDetailMethod = "order.orderDetail";
inline constexpr const char* kDouyinDetailPath = "/order/orderDetail";
inline constexpr const char* kTiktokDetailPath = "/order/202309/orders";

/// 抖店 sign: hex HMAC-SHA256 under app_secret of app_secret + "app_key" +
/// key + "method" + method + "param_json" + paramJson + "timestamp" +
/// timestamp + "v" + "2" + app_secret (the keys in alphabetical order).
std::string douyinOpenApiSign(std::string_view appKey, std::string_view appSecret, std::string_view method,
                              std::string_view paramJson, std::string_view timestamp);
/// TikTok Shop sign: hex HMAC-SHA256 under app_secret of app_secret + path +
/// every query parameter but sign and access_token as key+value in key
/// order + body + app_secret.
std::string tiktokOpenApiSign(std::string_view appSecret, std::string_view path,
                              const std::map<std::string, std::string>& query, std::string_view body);

/// GET /order/orderDetail with param_json {"shop_order_id":ORDER}, v=2,
/// sign_method=hmac-sha256 and the access token as a query parameter.
SignedRequest douyinDetailRequest(const DetailCredentials& credentials, std::string_view orderId,
                                  int64_t unixSeconds);
/// GET /order/202309/orders?ids=ORDER, the token in x-tts-access-token.
SignedRequest tiktokDetailRequest(const DetailCredentials& credentials, std::string_view orderId,
                                  int64_t unixSeconds);

/// Percent-encoding of a query value (RFC 3986 unreserved kept).
std::string queryEscape(std::string_view text);

} // namespace hawker::studio
