// [[api.webhooks]] in the show file, and the app keys and secrets resolved
// from the environment or a secrets file (made up here, at test time).

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "hawker/studio/api/webhook_secrets.hpp"
#include "hawker/studio/show/show_file.hpp"

#include "api_show_text.hpp"

#include "temp_dir.hpp"

using namespace hawker::studio;

namespace {

const std::string& kShow = test::kShowWithApi;

std::string errorOf(const std::string& addition) {
    return test::showErrorOf(addition);
}

} // namespace

TEST(WebhookConfig, ReadsEachPlatformsEntry) {
    const ShowSpec show = parseShow(kShow + R"(
[[api.webhooks]]
platform = "douyin-shop"
app_key_env = "DY_KEY"
secret_env = "DY_SECRET"
[[api.webhooks]]
platform = "shopify"
secrets_file = "secrets.toml"
)",
                                    "show.toml", "/shows");
    ASSERT_EQ(show.api.webhooks.size(), 2u);
    EXPECT_EQ(show.api.webhooks[0].platform, "douyin-shop");
    EXPECT_EQ(show.api.webhooks[0].appKeyEnv, "DY_KEY");
    EXPECT_EQ(show.api.webhooks[0].secretEnv, "DY_SECRET");
    EXPECT_EQ(show.api.webhooks[1].secretsFile, "/shows/secrets.toml");
    EXPECT_EQ(show.api.webhooks[1].secretsTable, "shopify");
}

TEST(WebhookConfig, RefusesASecretInTheShowFileAndOtherMistakes) {
    EXPECT_NE(errorOf("[[api.webhooks]]\nplatform = \"shopify\"\napp_secret = \"abc\"\n").find("secret_env"),
              std::string::npos);
    EXPECT_NE(errorOf("[[api.webhooks]]\nplatform = \"kuaishou\"\nsecret_env = \"S\"\n").find("douyin-shop"),
              std::string::npos);
    EXPECT_NE(
        errorOf("[[api.webhooks]]\nplatform = \"douyin-shop\"\nsecret_env = \"S\"\n").find("app_key_env"),
        std::string::npos);
    EXPECT_NE(errorOf("[[api.webhooks]]\nplatform = \"shopify\"\nsecret_env = \"S\"\n"
                      "[[api.webhooks]]\nplatform = \"shopify\"\nsecret_env = \"T\"\n")
                  .find("one per platform"),
              std::string::npos);
}

TEST(WebhookConfig, SecretsComeFromTheEnvironmentOrAFile) {
    TempDir dir("webhook-secrets");
    const std::string secret = "made-up-" + std::to_string(::getpid()) + "-0123456789abcdef";
    {
        std::ofstream out(dir.path / "secrets.toml");
        out << "[douyin-shop]\napp_key = \"7001\"\napp_secret = \"" << secret << "\"\n";
    }
    ApiSpec api;
    api.webhooks.push_back({"douyin-shop", "", "", dir.path / "secrets.toml", "douyin-shop", {}, {}});
    ::setenv("HAWKER_TEST_WEBHOOK_SECRET", ("env-" + secret).c_str(), 1);
    api.webhooks.push_back({"shopify", "", "HAWKER_TEST_WEBHOOK_SECRET", {}, "shopify", {}, {}});
    const std::vector<WebhookSecret> secrets = resolveWebhookSecrets(api);
    ASSERT_EQ(secrets.size(), 2u);
    EXPECT_EQ(secrets[0].appKey, "7001");
    EXPECT_EQ(secrets[0].appSecret, secret);
    EXPECT_EQ(secrets[1].appSecret, "env-" + secret);

    // A missing variable or table is named; the secret never is.
    ::unsetenv("HAWKER_TEST_WEBHOOK_SECRET");
    try {
        resolveWebhookSecrets(api);
        ADD_FAILURE() << "no error for an unset variable";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("HAWKER_TEST_WEBHOOK_SECRET is not set"), std::string::npos);
        EXPECT_EQ(std::string(error.what()).find(secret), std::string::npos);
    }
    api.webhooks.resize(1);
    api.webhooks[0].secretsTable = "tiktok-shop";
    EXPECT_THROW(resolveWebhookSecrets(api), std::runtime_error);
}

TEST(WebhookConfig, DetailUrlIsARootWithAnAccessToken) {
    const ShowSpec show = parseShow(kShow + R"(
[[api.webhooks]]
platform = "tiktok-shop"
app_key_env = "TT_KEY"
secret_env = "TT_SECRET"
detail_url = "https://open-api.tiktokglobalshop.com/"
access_token_env = "TT_TOKEN"
)",
                                    "show.toml", "/shows");
    ASSERT_EQ(show.api.webhooks.size(), 1u);
    EXPECT_EQ(show.api.webhooks[0].detailUrl, "https://open-api.tiktokglobalshop.com");
    EXPECT_EQ(show.api.webhooks[0].accessTokenEnv, "TT_TOKEN");
    const std::string head =
        "[[api.webhooks]]\nplatform = \"douyin-shop\"\napp_key_env = \"K\"\nsecret_env = \"S\"\n";
    EXPECT_NE(errorOf(head + "detail_url = \"http://127.0.0.1:9\"\n").find("access_token_env"),
              std::string::npos);
    EXPECT_NE(errorOf(head + "detail_url = \"ftp://x\"\naccess_token_env = \"T\"\n").find("http(s)://host"),
              std::string::npos);
    EXPECT_NE(errorOf(head + "detail_url = \"https://x/order\"\naccess_token_env = \"T\"\n").find("no path"),
              std::string::npos);
    EXPECT_NE(errorOf("[[api.webhooks]]\nplatform = \"shopify\"\nsecret_env = \"S\"\n"
                      "detail_url = \"https://x\"\naccess_token_env = \"T\"\n")
                  .find("needs no detail_url"),
              std::string::npos);
}

TEST(WebhookConfig, TheAccessTokenComesFromTheEnvironmentOrTheSecretsFile) {
    TempDir dir("webhook-token");
    const std::string token = "made-up-token-" + std::to_string(::getpid());
    {
        std::ofstream out(dir.path / "secrets.toml");
        out << "[douyin-shop]\napp_key = \"7001\"\napp_secret = \"0123456789abcdef0123\"\naccess_token = \""
            << token << "\"\n";
    }
    ApiSpec api;
    api.webhooks.push_back(
        {"douyin-shop", "", "", dir.path / "secrets.toml", "douyin-shop", "http://127.0.0.1:9", {}});
    std::vector<WebhookSecret> secrets = resolveWebhookSecrets(api);
    ASSERT_EQ(secrets.size(), 1u);
    EXPECT_EQ(secrets[0].accessToken, token);
    EXPECT_EQ(secrets[0].detailUrl, "http://127.0.0.1:9");
    ::setenv("HAWKER_TEST_DETAIL_TOKEN", ("env-" + token).c_str(), 1);
    api.webhooks[0].accessTokenEnv = "HAWKER_TEST_DETAIL_TOKEN";
    secrets = resolveWebhookSecrets(api);
    EXPECT_EQ(secrets[0].accessToken, "env-" + token);
    ::unsetenv("HAWKER_TEST_DETAIL_TOKEN");
    // A detail URL whose token is missing stops the start, naming what is missing, never a value.
    api.webhooks[0].accessTokenEnv.clear();
    {
        std::ofstream out(dir.path / "secrets.toml");
        out << "[douyin-shop]\napp_key = \"7001\"\napp_secret = \"0123456789abcdef0123\"\n";
    }
    try {
        resolveWebhookSecrets(api);
        ADD_FAILURE() << "no error for a missing access_token";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("access_token"), std::string::npos);
    }
}
