#include "hawker/studio/api/webhook_secrets.hpp"

#include <cstdlib>
#include <stdexcept>

#include <toml++/toml.h>

#include "hawker/studio/base/secret_mask.hpp"
#include "hawker/studio/show/secrets_file.hpp"

namespace hawker::studio {

namespace {

/// Secrets shorter than this are not a platform's app secret (they are 32+).
constexpr size_t kMinSecretLength = 16;

std::string fromEnv(const WebhookSpec& hook, const std::string& variable) {
    const char* value = std::getenv(variable.c_str());
    if (!value || !*value)
        throw std::runtime_error("webhook " + hook.platform + ": environment variable " + variable +
                                 " is not set");
    return value;
}

void fromFile(const WebhookSpec& hook, WebhookSecret& out) {
    const toml::table table = readSecretsFile(hook.secretsFile, "webhook " + hook.platform);
    const toml::table* section = table[hook.secretsTable].as_table();
    const auto text_of = [&](const char* key) -> std::string {
        const toml::node* node = section ? section->get(key) : nullptr;
        return node && node->is_string() ? node->as_string()->get() : std::string();
    };
    out.appSecret = text_of("app_secret");
    out.appKey = text_of("app_key");
    if (!hook.detailUrl.empty() && hook.accessTokenEnv.empty()) {
        out.accessToken = text_of("access_token");
        if (out.accessToken.empty())
            throw std::runtime_error("webhook " + hook.platform + ": " + hook.secretsFile.string() +
                                     " has no [" + hook.secretsTable + "] access_token for its detail_url");
    }
    if (out.appSecret.empty() || (hook.platform != "shopify" && out.appKey.empty()))
        throw std::runtime_error("webhook " + hook.platform + ": " + hook.secretsFile.string() + " has no [" +
                                 hook.secretsTable + "] with app_key and app_secret");
}

} // namespace

std::vector<WebhookSecret> resolveWebhookSecrets(const ApiSpec& api) {
    std::vector<WebhookSecret> secrets;
    for (const WebhookSpec& hook : api.webhooks) {
        WebhookSecret secret{hook.platform, {}, {}, hook.detailUrl, {}};
        if (!hook.secretsFile.empty()) {
            fromFile(hook, secret);
        } else {
            secret.appSecret = fromEnv(hook, hook.secretEnv);
            if (!hook.appKeyEnv.empty()) secret.appKey = fromEnv(hook, hook.appKeyEnv);
        }
        if (!hook.accessTokenEnv.empty()) secret.accessToken = fromEnv(hook, hook.accessTokenEnv);
        if (secret.appSecret.size() < kMinSecretLength)
            throw std::runtime_error("webhook " + hook.platform + ": the app secret is shorter than " +
                                     std::to_string(kMinSecretLength) + " characters");
        // The log masks it wherever it would appear; the key is not secret
        // alone, but it is half of what a forger needs.
        registerSecret(secret.appSecret);
        if (!secret.appKey.empty()) registerSecret(secret.appKey);
        if (!secret.accessToken.empty()) registerSecret(secret.accessToken);
        secrets.push_back(std::move(secret));
    }
    return secrets;
}

} // namespace hawker::studio
