#include "hawker/studio/base/viewer_hasher.hpp"
#include "hawker/studio/base/lower_hex.hpp"

#include <algorithm>
#include <cstdlib>
#include <fcntl.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace hawker::studio {

namespace {
constexpr size_t kKeyBytes = 32;

std::string randomKey() {
    std::string key(kKeyBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), static_cast<int>(key.size())) != 1)
        throw std::runtime_error("cannot make a random viewer-hash key (OpenSSL RAND_bytes failed)");
    return key;
}
} // namespace

/// The two pre-keyed SHA-256 states of HMAC (RFC 2104).
struct HmacPads {
    EVP_MD_CTX* inner = EVP_MD_CTX_new();
    EVP_MD_CTX* outer = EVP_MD_CTX_new();
    ~HmacPads() {
        EVP_MD_CTX_free(inner);
        EVP_MD_CTX_free(outer);
    }
};

namespace {
constexpr size_t kSha256Block = 64;

std::shared_ptr<const HmacPads> makePads(const std::string& key) {
    auto pads = std::make_shared<HmacPads>();
    unsigned char block[kSha256Block] = {};
    if (key.size() > kSha256Block) {
        unsigned int n = 0;
        EVP_Digest(key.data(), key.size(), block, &n, EVP_sha256(), nullptr);
    } else {
        std::copy(key.begin(), key.end(), block);
    }
    unsigned char ipad[kSha256Block], opad[kSha256Block];
    for (size_t i = 0; i < kSha256Block; ++i) {
        ipad[i] = block[i] ^ 0x36;
        opad[i] = block[i] ^ 0x5c;
    }
    if (!pads->inner || !pads->outer || EVP_DigestInit_ex(pads->inner, EVP_sha256(), nullptr) != 1 ||
        EVP_DigestUpdate(pads->inner, ipad, sizeof ipad) != 1 ||
        EVP_DigestInit_ex(pads->outer, EVP_sha256(), nullptr) != 1 ||
        EVP_DigestUpdate(pads->outer, opad, sizeof opad) != 1)
        throw std::runtime_error("cannot set up the viewer hash (OpenSSL SHA-256)");
    return pads;
}

/// One scratch context per thread: copying a pre-keyed state into it allocates nothing.
EVP_MD_CTX* scratch() {
    thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                             &EVP_MD_CTX_free);
    return ctx.get();
}
} // namespace

ViewerHasher::ViewerHasher(std::string key) : m_key(std::move(key)) {
    if (m_key.empty()) throw std::invalid_argument("viewer-hash key is empty");
    m_pads = makePads(m_key);
}

void ViewerHasher::hmac(std::string_view message, unsigned char* digest) const {
    EVP_MD_CTX* ctx = scratch();
    unsigned char inner[32];
    unsigned int n = 0;
    if (EVP_MD_CTX_copy_ex(ctx, m_pads->inner) != 1 ||
        EVP_DigestUpdate(ctx, message.data(), message.size()) != 1 ||
        EVP_DigestFinal_ex(ctx, inner, &n) != 1 || EVP_MD_CTX_copy_ex(ctx, m_pads->outer) != 1 ||
        EVP_DigestUpdate(ctx, inner, sizeof inner) != 1 || EVP_DigestFinal_ex(ctx, digest, &n) != 1)
        throw std::runtime_error("viewer hash failed (OpenSSL SHA-256)");
}

ViewerHasher ViewerHasher::withRandomKey() {
    return ViewerHasher(randomKey());
}

std::filesystem::path ViewerHasher::defaultKeyPath() {
    if (const char* home = std::getenv("HAWKER_HOME"); home && *home)
        return std::filesystem::path(home) / "viewer.key";
    if (const char* config = std::getenv("XDG_CONFIG_HOME"); config && *config)
        return std::filesystem::path(config) / "hawker" / "viewer.key";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : ".") / ".config" / "hawker" / "viewer.key";
}

ViewerHasher ViewerHasher::fromKeyFile(const std::filesystem::path& path) {
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    // O_EXCL: two processes starting at once never both write a key.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        const std::string key = randomKey();
        const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
        const bool synced = ::fsync(fd) == 0;
        ::close(fd);
        if (!written || !synced) {
            std::filesystem::remove(path, error);
            throw std::runtime_error("cannot write the viewer-hash key " + path.string());
        }
        return ViewerHasher(key);
    }
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot read the viewer-hash key " + path.string());
    struct stat info {};
    if (::fstat(fd, &info) != 0 || (info.st_mode & 077) != 0) {
        ::close(fd);
        throw std::runtime_error("the viewer-hash key " + path.string() +
                                 " is readable by others; run chmod 600 on it");
    }
    std::string key(kKeyBytes, '\0');
    const ssize_t got = ::read(fd, key.data(), key.size());
    ::close(fd);
    if (got != static_cast<ssize_t>(kKeyBytes))
        throw std::runtime_error("the viewer-hash key " + path.string() + " is damaged (expected " +
                                 std::to_string(kKeyBytes) + " bytes)");
    return ViewerHasher(key);
}

std::string ViewerHasher::hash(const std::string& viewer) const {
    if (viewer.empty()) return {};
    unsigned char digest[32];
    const unsigned int length = sizeof digest;
    hmac(viewer, digest);
    return lowerHex(digest, std::min(16u, length)); // the first 128 bits
}

int64_t ViewerHasher::key(std::string_view viewer) const {
    unsigned char digest[32];
    hmac(viewer, digest);
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i)
        value = (value << 8) | digest[i];
    const auto signedValue = static_cast<int64_t>(value);
    return signedValue == 0 ? 1 : signedValue; // 0 means "no viewer"
}

} // namespace hawker::studio
