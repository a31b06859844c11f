#include "hawker/studio/viewer_hasher.hpp"

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

ViewerHasher::ViewerHasher(std::string key) : m_key(std::move(key)) {
    if (m_key.empty()) throw std::invalid_argument("viewer-hash key is empty");
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
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), m_key.data(), static_cast<int>(m_key.size()),
         reinterpret_cast<const unsigned char*>(viewer.data()), viewer.size(), digest, &length);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < 16 && i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

int64_t ViewerHasher::key(std::string_view viewer) const {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), m_key.data(), static_cast<int>(m_key.size()),
         reinterpret_cast<const unsigned char*>(viewer.data()), viewer.size(), digest, &length);
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i)
        value = (value << 8) | digest[i];
    const auto signedValue = static_cast<int64_t>(value);
    return signedValue == 0 ? 1 : signedValue; // 0 means "no viewer"
}

} // namespace hawker::studio
