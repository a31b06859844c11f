#include "hawker/studio/api/order_detail_request.hpp"

#include <nlohmann/json.hpp>

#include "hawker/studio/api/webhook_signature.hpp"

namespace hawker::studio {

std::string queryEscape(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' ||
            u == '_' || u == '.' || u == '~') {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

namespace {
std::string queryOf(const std::map<std::string, std::string>& params) {
    std::string out;
    for (const auto& [key, value] : params) {
        out += out.empty() ? "?" : "&";
        out += queryEscape(key) + "=" + queryEscape(value);
    }
    return out;
}
} // namespace

std::string douyinOpenApiSign(std::string_view appKey, std::string_view appSecret, std::string_view method,
                              std::string_view paramJson, std::string_view timestamp) {
    std::string message;
    message.reserve(appSecret.size() * 2 + appKey.size() + method.size() + paramJson.size() + 64);
    message.append(appSecret)
        .append("app_key")
        .append(appKey)
        .append("method")
        .append(method)
        .append("param_json")
        .append(paramJson)
        .append("timestamp")
        .append(timestamp)
        .append("v2")
        .append(appSecret);
    return hmacSha256Hex(appSecret, message);
}

std::string tiktokOpenApiSign(std::string_view appSecret, std::string_view path,
                              const std::map<std::string, std::string>& query, std::string_view body) {
    std::string message(appSecret);
    message.append(path);
    for (const auto& [key, value] : query) // std::map: already in key order
        if (key != "sign" && key != "access_token") message.append(key).append(value);
    message.append(body).append(appSecret);
    return hmacSha256Hex(appSecret, message);
}

SignedRequest douyinDetailRequest(const DetailCredentials& credentials, std::string_view orderId,
                                  int64_t unixSeconds) {
    // param_json: keys sorted, no spaces (nlohmann's object is sorted and dump() is compact).
    const std::string paramJson = nlohmann::json{{"shop_order_id", std::string(orderId)}}.dump();
    const std::string timestamp = std::to_string(unixSeconds);
    std::map<std::string, std::string> params{{"app_key", credentials.appKey},
                                              {"method", kDouyinDetailMethod},
                                              {"param_json", paramJson},
                                              {"timestamp", timestamp},
                                              {"v", "2"},
                                              {"sign_method", "hmac-sha256"},
                                              {"access_token", credentials.accessToken}};
    params["sign"] = douyinOpenApiSign(credentials.appKey, credentials.appSecret, kDouyinDetailMethod,
                                       paramJson, timestamp);
    return {kDouyinDetailPath + queryOf(params), {{"Accept", "application/json"}}};
}

SignedRequest tiktokDetailRequest(const DetailCredentials& credentials, std::string_view orderId,
                                  int64_t unixSeconds) {
    std::map<std::string, std::string> params{{"app_key", credentials.appKey},
                                              {"ids", std::string(orderId)},
                                              {"timestamp", std::to_string(unixSeconds)}};
    params["sign"] = tiktokOpenApiSign(credentials.appSecret, kTiktokDetailPath, params, "");
    return {kTiktokDetailPath + queryOf(params),
            {{"x-tts-access-token", credentials.accessToken}, {"Content-Type", "application/json"}}};
}

} // namespace hawker::studio
