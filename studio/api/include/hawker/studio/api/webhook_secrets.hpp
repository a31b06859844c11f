#pragma once
// The app keys and secrets of the order webhooks ([[api.webhooks]]), read
// from the environment or a secrets file when the show starts, so a missing
// one stops the start instead of refusing every order later.

#include <string>
#include <vector>

#include "hawker/studio/show/selling_spec.hpp"

namespace hawker::studio {

struct WebhookSecret {
    std::string platform; ///< douyin-shop | tiktok-shop | shopify
    std::string appKey;   ///< empty for shopify (its signature has no key part)
    std::string appSecret;
    std::string detailUrl;   ///< the order-detail API's root; empty: no fetch
    std::string accessToken; ///< for the order-detail API (with detailUrl only)
};

/// Every webhook's key and secret; throws std::runtime_error naming the
/// webhook and the variable or file that lacks it (never the value).
std::vector<WebhookSecret> resolveWebhookSecrets(const ApiSpec& api);

} // namespace hawker::studio
