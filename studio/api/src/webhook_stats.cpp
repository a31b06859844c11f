#include "webhook_stats.hpp"

#include <vector>

namespace hawker::studio {

std::optional<i18n::Phrase> WebhookStats::badSignature(const std::string& platform, Clock::time_point now,
                                                       int64_t utcMs) {
    std::lock_guard lock(m_mutex);
    WebhookCounts& counts = m_counts[platform];
    ++counts.badSignatures;
    counts.lastBadSignatureUtcMs = utcMs;
    std::deque<Clock::time_point>& recent = m_recentBad[platform];
    recent.push_back(now);
    while (!recent.empty() && now - recent.front() > kBadSignatureWindow)
        recent.pop_front();
    if (recent.size() < kBadSignatureAlertCount) return std::nullopt;
    // One alert per window: a forger's flood must not bury the console in alerts.
    const auto last = m_lastAlert.find(platform);
    if (last != m_lastAlert.end() && now - last->second < kBadSignatureWindow) return std::nullopt;
    m_lastAlert[platform] = now;
    return i18n::Phrase(i18n::trKey("alert_text.webhook_bad_signatures"),
                        {{"count", std::to_string(recent.size())},
                         {"platform", platform},
                         {"seconds", std::to_string(kBadSignatureWindow.count())}});
}

void WebhookStats::add(const std::string& platform, const WebhookCounts& delta) {
    std::lock_guard lock(m_mutex);
    WebhookCounts& c = m_counts[platform];
    c.requests += delta.requests;
    c.messages += delta.messages;
    c.accepted += delta.accepted;
    c.duplicates += delta.duplicates;
    c.ignored += delta.ignored;
    c.rejected += delta.rejected;
    c.storeFailures += delta.storeFailures;
}

WebhookCounts WebhookStats::counts(const std::string& platform) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_counts.find(platform);
    return it == m_counts.end() ? WebhookCounts{} : it->second;
}

nlohmann::json WebhookStats::json(const std::vector<std::string>& platforms) const {
    nlohmann::json out = nlohmann::json::array();
    for (const std::string& platform : platforms) {
        const WebhookCounts c = counts(platform);
        out.push_back({{"platform", platform},
                       {"path", "/api/v1/webhooks/" + platform},
                       {"requests", c.requests},
                       {"messages", c.messages},
                       {"accepted", c.accepted},
                       {"duplicates", c.duplicates},
                       {"ignored", c.ignored},
                       {"rejected", c.rejected},
                       {"bad_signatures", c.badSignatures},
                       {"last_bad_signature_utc_ms", c.lastBadSignatureUtcMs},
                       {"store_failures", c.storeFailures}});
    }
    return out;
}

} // namespace hawker::studio
