#pragma once
// The YouTube Live Chat connector: a thread that reads liveChatMessages.list
// page after page, never sooner than the API's pollingIntervalMillis, and
// hands the comments to the one event path. A failed call backs off
// (doubling, capped); a refused key or a spent quota raises an alert at once,
// other failures after kAlertAfterFailures in a row. A page whose comments
// could not be stored is asked for again, so nothing acknowledged is lost.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hawker/studio/api/connector_health.hpp"
#include "hawker/studio/base/phrase.hpp"
#include "hawker/studio/show/connector_spec.hpp"
#include "hawker/studio/store/event_store.hpp"
#include "hawker/studio/store/viewer_event.hpp"

namespace httplib {
class Client;
}

namespace hawker::studio {

class ViewerHasher;

/// Where a connector's comments go (the session's ingest writer and the live
/// analytics, in ControlApi).
struct CommentSink {
    /// Stores durably and counts live; throws when it could not store.
    std::function<StoreOutcome(std::vector<ViewerEvent>)> store;
    /// Removes a deleted comment (store and feed).
    std::function<void(const std::string& eventId)> remove;
    std::function<void(const std::string& ruleId, const std::string& level, const i18n::Phrase& said)> alert;
};

struct PollTiming {
    std::chrono::milliseconds firstBackoff{1000};
    std::chrono::milliseconds maxBackoff{300000};
    std::chrono::milliseconds minInterval{500}; ///< floor under a page's pollingIntervalMillis
    std::chrono::milliseconds defaultInterval{5000};
    std::chrono::seconds readTimeout{10};
};
inline constexpr int kAlertAfterFailures = 3;

class YouTubeChatPoller {
public:
    /// `credential` is the API key, or the OAuth token when spec.tokenEnv (or
    /// the secrets file's token) gave one (`bearer`).
    YouTubeChatPoller(ConnectorSpec spec, std::string credential, bool bearer, const ViewerHasher& hasher,
                      CommentSink sink, ConnectorHealth& health, PollTiming timing = {});
    ~YouTubeChatPoller();
    YouTubeChatPoller(const YouTubeChatPoller&) = delete;
    YouTubeChatPoller& operator=(const YouTubeChatPoller&) = delete;

    void start();
    /// Cuts off a call in flight and joins the thread; idempotent.
    void stop();

private:
    void run();
    /// One call; returns how long to wait before the next, or nothing to end.
    std::optional<std::chrono::milliseconds> pollOnce();
    std::chrono::milliseconds failed(const std::string& reason, bool alertNow);

    ConnectorSpec m_spec;
    std::string m_credential;
    bool m_bearer = false;
    const ViewerHasher& m_hasher;
    CommentSink m_sink;
    ConnectorHealth& m_health;
    PollTiming m_timing;
    std::string m_pageToken;
    int m_failuresInARow = 0;
    bool m_alerted = false;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    httplib::Client* m_inFlight = nullptr;
    std::thread m_thread;
};

} // namespace hawker::studio
