#pragma once
// Viewer ids are personal data: Hawker keeps only a salted HMAC-SHA256 of
// them, keyed per installation, so the same viewer can be counted (unique
// viewers, per-buyer limits) without anyone being able to read who it was.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace hawker::studio {

class ViewerHasher {
public:
    /// A hasher with `key` (raw bytes).
    explicit ViewerHasher(std::string key);
    /// A hasher with a fresh random key (rehearsals and tests without an installation key).
    static ViewerHasher withRandomKey();
    /// The installation's key: read from `path`, or created there (mode 0600)
    /// on first run. Throws std::runtime_error if it cannot be read or made,
    /// or if its permissions let others read it.
    static ViewerHasher fromKeyFile(const std::filesystem::path& path);
    /// $HAWKER_HOME/viewer.key, or $XDG_CONFIG_HOME/hawker/viewer.key, or ~/.config/hawker/viewer.key.
    static std::filesystem::path defaultKeyPath();

    /// 32 hex characters (the first 128 bits of the HMAC); empty for an empty id.
    std::string hash(const std::string& viewer) const;
    /// The first 64 bits of the same HMAC as a non-zero integer: the compact
    /// form the event store keeps (collisions are negligible below billions of viewers).
    int64_t key(std::string_view viewer) const;

private:
    /// HMAC-SHA256 of `message` into `digest` (32 bytes).
    void hmac(std::string_view message, unsigned char* digest) const;

    std::string m_key;
    /// SHA-256 states after absorbing key^ipad and key^opad: each hash then
    /// costs two short SHA-256 runs instead of a full HMAC setup (ingest
    /// hashes every event's viewer). Shared read-only; copied per call.
    std::shared_ptr<const struct HmacPads> m_pads;
};

} // namespace hawker::studio
