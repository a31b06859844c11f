#pragma once
// What each order webhook has received, for GET /api/v1/webhooks, and the
// watch on bad signatures: several within a short window mean a wrong app
// secret in the show or someone forging orders, which the operator must see.

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "hawker/studio/base/phrase.hpp"

namespace hawker::studio {

/// Bad signatures within kBadSignatureWindow that raise an alert.
inline constexpr size_t kBadSignatureAlertCount = 5;
inline constexpr std::chrono::seconds kBadSignatureWindow{60};

struct WebhookCounts {
    int64_t requests = 0;      ///< requests with a valid signature
    int64_t messages = 0;      ///< platform messages in them
    int64_t accepted = 0;      ///< events stored
    int64_t duplicates = 0;    ///< events the session had already (a retried message)
    int64_t ignored = 0;       ///< messages that change no sale (verification, other statuses)
    int64_t rejected = 0;      ///< signed messages that were unreadable
    int64_t badSignatures = 0; ///< refused with 401, stored nowhere
    int64_t storeFailures = 0; ///< answered 503 (the platform retries)
    int64_t lastBadSignatureUtcMs = 0;
};

class WebhookStats {
public:
    using Clock = std::chrono::steady_clock;

    /// Counts one bad signature; returns the alert's words when this one makes
    /// kBadSignatureAlertCount within the window (once per window).
    std::optional<i18n::Phrase> badSignature(const std::string& platform, Clock::time_point now,
                                             int64_t utcMs);
    void add(const std::string& platform, const WebhookCounts& delta);
    WebhookCounts counts(const std::string& platform) const;
    /// {"platform":…,"requests":…,"bad_signatures":…} for each platform in `platforms`.
    nlohmann::json json(const std::vector<std::string>& platforms) const;

private:
    mutable std::mutex m_mutex;
    std::map<std::string, WebhookCounts> m_counts;
    std::map<std::string, std::deque<Clock::time_point>> m_recentBad;
    std::map<std::string, Clock::time_point> m_lastAlert;
};

} // namespace hawker::studio
