// The order webhooks' signatures. The expected digests were computed once,
// independently of this code, with the openssl command line over the same
// bytes (printf '%s' "$KEY$BODY$SECRET" | openssl dgst -md5;
// printf '%s' "$KEY$BODY" | openssl dgst -sha256 -hmac "$SECRET";
// printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | openssl base64).
// The integration test (test_webhooks.sh) computes its own at test time.

#include <gtest/gtest.h>

#include <string>

#include "hawker/studio/api/webhook_signature.hpp"

using namespace hawker::studio;

namespace {

const std::string kKey = "app-key-7000123";
const std::string kSecret = "made-up-secret-for-tests-0123456789";
const std::string kBody =
    R"([{"tag":"101","msg_id":"m1","data":"{\"p_id\":6900001,\"pay_amount\":12990,\"pay_time\":1764850000}"}])";

} // namespace

TEST(WebhookSignature, DigestsMatchTheOpensslCommandLine) {
    EXPECT_EQ(md5Hex(kKey + kBody + kSecret), "ade84fd9de08058cb49bcdd1ab12df70");
    EXPECT_EQ(hmacSha256Hex(kSecret, kKey + kBody),
              "47fbd98a8c9e961df74656625074b10f264e8872892cfa0090a45f05e30b5988");
    EXPECT_EQ(hmacSha256Base64(kSecret, kBody), "UGpZuReV4OUNq44Ttq4JdWqajwCYTCVK9nSb/SPn4Ig=");
    EXPECT_EQ(hmacSha256Hex("key", ""), "5d5d139563c95b5967b9bd9a8c9b233a9dedb45072794cd232dc1b74832607d0");
}

TEST(WebhookSignature, DouyinShopSignsKeyBodySecret) {
    EXPECT_TRUE(douyinShopSigned("ade84fd9de08058cb49bcdd1ab12df70", kKey, kSecret, kBody));
    // One changed byte of the body, the wrong secret, a missing or cut header: refused.
    std::string changed = kBody;
    changed[changed.find("12990")] = '9';
    EXPECT_FALSE(douyinShopSigned("ade84fd9de08058cb49bcdd1ab12df70", kKey, kSecret, changed));
    EXPECT_FALSE(douyinShopSigned("ade84fd9de08058cb49bcdd1ab12df70", kKey, kSecret + "x", kBody));
    EXPECT_FALSE(douyinShopSigned("", kKey, kSecret, kBody));
    EXPECT_FALSE(douyinShopSigned("ade84fd9de08058cb49bcdd1ab12df7", kKey, kSecret, kBody));
    // Hex is compared as sent: the documented form is lowercase.
    EXPECT_FALSE(douyinShopSigned("ADE84FD9DE08058CB49BCDD1AB12DF70", kKey, kSecret, kBody));
}

TEST(WebhookSignature, TiktokShopSignsKeyAndBodyUnderTheSecret) {
    const std::string good = "47fbd98a8c9e961df74656625074b10f264e8872892cfa0090a45f05e30b5988";
    EXPECT_TRUE(tiktokShopSigned(good, kKey, kSecret, kBody));
    EXPECT_FALSE(tiktokShopSigned(good, "other-key", kSecret, kBody));
    EXPECT_FALSE(tiktokShopSigned(good, kKey, kSecret, kBody + " "));
    EXPECT_FALSE(tiktokShopSigned("Bearer " + good, kKey, kSecret, kBody));
    EXPECT_FALSE(tiktokShopSigned("", kKey, kSecret, kBody));
}

TEST(WebhookSignature, ShopifySignsTheBodyInBase64) {
    const std::string good = "UGpZuReV4OUNq44Ttq4JdWqajwCYTCVK9nSb/SPn4Ig=";
    EXPECT_TRUE(shopifySigned(good, kSecret, kBody));
    EXPECT_FALSE(shopifySigned(good, kSecret + "x", kBody));
    EXPECT_FALSE(shopifySigned(good.substr(0, 43), kSecret, kBody));
    EXPECT_FALSE(shopifySigned("", kSecret, kBody));
}

TEST(WebhookSignature, SameDigestNeedsEqualLengthAndBytes) {
    EXPECT_TRUE(sameDigest("abc", "abc"));
    EXPECT_FALSE(sameDigest("abd", "abc"));
    EXPECT_FALSE(sameDigest("ab", "abc"));
    EXPECT_FALSE(sameDigest("", "")); // nothing expected is never a match
}

// Douyin's documented test vector for the 直播小玩法 push: the sorted x-*
// headers, then the body, then the secret, MD5, base64. x-signature itself
// and other headers take no part.
TEST(DouyinLivePushSignature, MatchesTheDocumentedTestVector) {
    const std::vector<std::pair<std::string, std::string>> headers = {
        {"x-timestamp", "456789"}, {"x-roomid", "268"},        {"x-msg-type", "user_group"},
        {"x-nonce-str", "123456"}, {"x-signature", "ignored"}, {"content-type", "application/json"}};
    EXPECT_EQ(douyinLivePushSignature(headers, "abc123你好", "123abc"), "GAkalGmhzqlUGQO/TgvMug==");
    EXPECT_TRUE(douyinLivePushSigned("GAkalGmhzqlUGQO/TgvMug==", headers, "abc123你好", "123abc"));
    EXPECT_FALSE(douyinLivePushSigned("GAkalGmhzqlUGQO/TgvMuG==", headers, "abc123你好", "123abc"));
    EXPECT_FALSE(douyinLivePushSigned("GAkalGmhzqlUGQO/TgvMug==", headers, "abc123你好!", "123abc"));
    EXPECT_FALSE(douyinLivePushSigned("", headers, "abc123你好", "123abc"));
}
