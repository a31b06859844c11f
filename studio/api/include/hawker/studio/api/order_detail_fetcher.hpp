#pragma once
// The background fetcher of order details: 抖店 and TikTok Shop webhooks name
// only the order, so its line items are asked of the platform's order API
// here, off the webhook's answer. One thread per platform, a bounded queue
// (a full queue refuses the order at once and counts it: the webhook's
// answer never waits), retries with capped exponential backoff and jitter,
// a timeout per request, and a stop that interrupts a request in flight.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "hawker/studio/analytics/order_details.hpp"
#include "hawker/studio/api/order_detail_request.hpp"
#include "hawker/studio/base/phrase.hpp"
#include "hawker/studio/store/viewer_event.hpp"

namespace httplib {
class Client;
}

namespace hawker::studio {

struct DetailFetchConfig {
    std::string platform; ///< douyin-shop | tiktok-shop
    std::string baseUrl;  ///< scheme://host[:port], the API's root
    DetailCredentials credentials;
    size_t maxQueued = 1000; ///< orders waiting for their detail
    std::chrono::milliseconds firstBackoff{1000}, maxBackoff{60000};
    int maxAttempts = 10; ///< then the order stays pending and counts as failed
    std::chrono::milliseconds connectTimeout{3000}, readTimeout{5000};
    /// Auth refusals in a row that raise an alert (once, until a fetch succeeds).
    int authAlertAfter = 3;
};

/// What GET /api/v1/webhooks shows of a fetcher.
struct DetailFetchCounts {
    int64_t pending = 0;  ///< orders in the queue (their product is pending)
    int64_t retrying = 0; ///< of them, asked at least once and waiting to ask again
    int64_t fetched = 0;  ///< details applied: the order now has its SKUs
    int64_t failed = 0;   ///< gave up (attempts used up, or an unusable answer)
    int64_t dropped = 0;  ///< refused because the queue was full
    int64_t authFailures = 0;
    std::string lastError; ///< the newest failure's reason (no secret, no buyer)
};

/// The wait before attempt `attempt` + 1 (attempt ≥ 1): first × 2^(attempt−1),
/// capped at `cap`, of which the upper half is spread by `jitter` ∈ [0, 1)
/// so that orders failing together do not come back together.
std::chrono::milliseconds detailBackoff(int attempt, std::chrono::milliseconds first,
                                        std::chrono::milliseconds cap, double jitter);

class OrderDetailFetcher {
public:
    /// Stores the resolved order (EventIngest::replace); false when it was
    /// resolved already. Throws when the store does not take it now (retried).
    using Apply = std::function<bool(int64_t session, const ViewerEvent& pending,
                                     const std::vector<DetailLine>& lines)>;
    /// An alert for the operator (repeated auth failures), in words for each reader's language.
    using Alert = std::function<void(const i18n::Phrase& said)>;

    OrderDetailFetcher(DetailFetchConfig config, Apply apply, Alert alert);
    ~OrderDetailFetcher();
    OrderDetailFetcher(const OrderDetailFetcher&) = delete;
    OrderDetailFetcher& operator=(const OrderDetailFetcher&) = delete;

    /// Queues the order for its detail; false (and counted) when the queue
    /// is full or the fetcher is stopping. Never blocks on the network.
    bool enqueue(int64_t session, const ViewerEvent& pending);
    /// Ends the thread; a request in flight is cut off. Idempotent.
    void stop();
    DetailFetchCounts counts() const;
    nlohmann::json json() const;
    const std::string& platform() const { return m_config.platform; }

private:
    struct Job {
        int64_t session = 0;
        ViewerEvent pending;
        int attempts = 0;
        std::chrono::steady_clock::time_point due;
    };
    void run();
    /// One attempt; true when the job is finished (applied or given up).
    bool attempt(Job& job);
    OrderDetail ask(const Job& job);
    /// Counts a failed attempt and schedules the next; true when the order is given up.
    bool failedAgain(Job& job, const OrderDetail& detail);
    void noteFailure(Job& job, const OrderDetail& result);

    DetailFetchConfig m_config;
    Apply m_apply;
    Alert m_alert;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<Job> m_jobs; ///< bounded by maxQueued; the earliest due goes first
    DetailFetchCounts m_counts;
    int m_authInARow = 0;
    bool m_authAlerted = false;
    bool m_stopping = false;
    httplib::Client* m_inFlight = nullptr; ///< to cut off on stop()
    std::mt19937 m_random{std::random_device{}()};
    std::thread m_thread;
};

} // namespace hawker::studio
