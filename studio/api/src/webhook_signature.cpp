#include "hawker/studio/api/webhook_signature.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "hawker/studio/base/lower_hex.hpp"

namespace hawker::studio {

namespace {

std::array<unsigned char, 32> hmacSha256(std::string_view key, std::string_view message) {
    std::array<unsigned char, 32> digest{};
    unsigned int size = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(), &size) ||
        size != digest.size())
        throw std::runtime_error("HMAC-SHA256 failed");
    return digest;
}

} // namespace

std::string md5Hex(std::string_view text) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!EVP_Digest(text.data(), text.size(), digest, &size, EVP_md5(), nullptr))
        throw std::runtime_error("MD5 failed");
    return lowerHex(digest, size);
}

std::string hmacSha256Hex(std::string_view key, std::string_view message) {
    const auto digest = hmacSha256(key, message);
    return lowerHex(digest.data(), digest.size());
}

std::string hmacSha256Base64(std::string_view key, std::string_view message) {
    const auto digest = hmacSha256(key, message);
    unsigned char out[48] = {}; // 4 * ceil(32 / 3) = 44, and the terminating NUL
    const int size = EVP_EncodeBlock(out, digest.data(), static_cast<int>(digest.size()));
    return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(size));
}

bool sameDigest(std::string_view given, std::string_view expected) {
    // A wrong length says nothing about the secret; the bytes are compared
    // by CRYPTO_memcmp, which reads every byte whatever differs.
    if (given.size() != expected.size() || expected.empty()) return false;
    return CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

bool douyinShopSigned(std::string_view eventSign, std::string_view appKey, std::string_view appSecret,
                      std::string_view rawBody) {
    std::string message;
    message.reserve(appKey.size() + rawBody.size() + appSecret.size());
    message.append(appKey).append(rawBody).append(appSecret);
    return sameDigest(eventSign, md5Hex(message));
}

bool tiktokShopSigned(std::string_view authorization, std::string_view appKey, std::string_view appSecret,
                      std::string_view rawBody) {
    std::string message;
    message.reserve(appKey.size() + rawBody.size());
    message.append(appKey).append(rawBody);
    return sameDigest(authorization, hmacSha256Hex(appSecret, message));
}

bool shopifySigned(std::string_view hmacHeader, std::string_view appSecret, std::string_view rawBody) {
    return sameDigest(hmacHeader, hmacSha256Base64(appSecret, rawBody));
}

std::string douyinLivePushSignature(std::vector<std::pair<std::string, std::string>> headers,
                                    std::string_view rawBody, std::string_view secret) {
    std::sort(headers.begin(), headers.end());
    std::string message;
    for (const auto& [name, value] : headers) {
        if (name.rfind("x-", 0) != 0 || name == "x-signature") continue;
        if (!message.empty()) message += '&';
        message.append(name).append("=").append(value);
    }
    message.append(rawBody).append(secret);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!EVP_Digest(message.data(), message.size(), digest, &size, EVP_md5(), nullptr))
        throw std::runtime_error("MD5 failed");
    unsigned char out[32] = {}; // 4 * ceil(16 / 3) = 24, and the terminating NUL
    const int length = EVP_EncodeBlock(out, digest, static_cast<int>(size));
    return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(length));
}

bool douyinLivePushSigned(std::string_view signature,
                          std::vector<std::pair<std::string, std::string>> headers, std::string_view rawBody,
                          std::string_view secret) {
    return sameDigest(signature, douyinLivePushSignature(std::move(headers), rawBody, secret));
}

} // namespace hawker::studio
