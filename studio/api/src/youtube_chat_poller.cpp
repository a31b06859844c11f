#include "hawker/studio/api/youtube_chat_poller.hpp"

#include <algorithm>

#include <httplib.h>

#include "hawker/studio/analytics/youtube_chat.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/base/untrusted_text.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

namespace {

using std::chrono::milliseconds;

/// The platform refuses the key or has no quota left: waiting alone will not fix it.
bool refusesKey(int status, const std::string& reason) {
    return status == 401 || reason == "quotaExceeded" || reason == "forbidden" ||
           reason == "insufficientPermissions" || reason == "keyInvalid" || reason == "authError";
}

/// The chat is over (or never was): no more calls.
bool chatGone(int status, const std::string& reason) {
    return reason == "liveChatEnded" || reason == "liveChatNotFound" || reason == "liveChatDisabled" ||
           status == 404;
}

} // namespace

YouTubeChatPoller::YouTubeChatPoller(ConnectorSpec spec, std::string credential, bool bearer,
                                     const ViewerHasher& hasher, CommentSink sink, ConnectorHealth& health,
                                     PollTiming timing)
    : m_spec(std::move(spec)), m_credential(std::move(credential)), m_bearer(bearer), m_hasher(hasher),
      m_sink(std::move(sink)), m_health(health), m_timing(timing) {}

YouTubeChatPoller::~YouTubeChatPoller() {
    stop();
}

void YouTubeChatPoller::start() {
    m_thread = std::thread([this] { run(); });
}

void YouTubeChatPoller::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        if (m_inFlight) m_inFlight->stop(); // its socket is shut: the call returns at once
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void YouTubeChatPoller::run() {
    for (;;) {
        std::optional<milliseconds> wait;
        try {
            wait = pollOnce();
        } catch (const std::exception& error) {
            // Nothing escapes the thread: the call is tried again later.
            wait = failed(printable(error.what(), 200), false);
        } catch (...) {
            wait = failed("an unknown error", false);
        }
        std::unique_lock lock(m_mutex);
        if (!wait || m_stopping) return;
        const int64_t next = nowUtcMs() + wait->count();
        m_health.update(m_spec.name, [&](ConnectorStatus& s) { s.nextCallUtcMs = next; });
        m_wake.wait_for(lock, *wait, [this] { return m_stopping; });
        if (m_stopping) return;
    }
}

std::chrono::milliseconds YouTubeChatPoller::failed(const std::string& reason, bool alertNow) {
    ++m_failuresInARow;
    const int shift = std::min(m_failuresInARow - 1, 20);
    const milliseconds wait = std::min(m_timing.maxBackoff, m_timing.firstBackoff * (int64_t{1} << shift));
    const bool failing = alertNow || m_failuresInARow >= kAlertAfterFailures;
    m_health.update(m_spec.name, [&](ConnectorStatus& s) {
        s.state = failing ? ConnectorState::Failing : ConnectorState::BackingOff;
        s.lastError = reason;
        ++s.errors;
    });
    logWarning("connector " + m_spec.name + ": " + reason + "; next call in " + std::to_string(wait.count()) +
               " ms / 评论连接失败，稍后重试");
    if (failing && !m_alerted && m_sink.alert) {
        m_alerted = true;
        m_sink.alert("connector." + m_spec.name, "red",
                     i18n::Phrase(i18n::trKey("alert_text.youtube_chat_failing"),
                                  {{"name", m_spec.name}, {"reason", reason}}));
    }
    return wait;
}

std::optional<std::chrono::milliseconds> YouTubeChatPoller::pollOnce() {
    std::string target =
        "/youtube/v3/liveChat/messages?part=id,snippet,authorDetails&maxResults=2000&liveChatId=" +
        httplib::detail::encode_query_param(m_spec.liveChatId);
    if (!m_pageToken.empty()) target += "&pageToken=" + httplib::detail::encode_query_param(m_pageToken);
    httplib::Headers headers;
    if (m_bearer)
        headers.emplace("Authorization", "Bearer " + m_credential);
    else
        target += "&key=" + httplib::detail::encode_query_param(m_credential);
    httplib::Client client(m_spec.apiUrl);
    client.set_connection_timeout(std::chrono::seconds(5));
    client.set_read_timeout(m_timing.readTimeout);
    client.set_keep_alive(false);
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) return std::nullopt;
        m_inFlight = &client;
    }
    httplib::Result result = client.Get(target.c_str(), headers);
    {
        std::lock_guard lock(m_mutex);
        m_inFlight = nullptr;
        if (m_stopping) return std::nullopt;
    }
    if (!result) return failed("no answer (" + httplib::to_string(result.error()) + ")", false);
    const int status = result->status;
    if (status != 200) {
        const std::string reason = youtubeErrorReason(result->body);
        const std::string said =
            "HTTP " + std::to_string(status) + (reason.empty() ? "" : " " + printable(reason, 60));
        if (chatGone(status, reason)) {
            m_health.update(m_spec.name, [&](ConnectorStatus& s) {
                s.state = ConnectorState::Ended;
                s.lastError = said;
            });
            logInfo("connector " + m_spec.name + ": the live chat has ended (" + said + ") / 直播聊天已结束");
            return std::nullopt;
        }
        return failed(said, refusesKey(status, reason));
    }
    YouTubeChatPage page = youtubeChatPage(result->body, m_hasher);
    const size_t comments = page.comments.size();
    int64_t latest = 0;
    for (const ViewerEvent& e : page.comments)
        latest = std::max(latest, e.ts);
    // Stored before the page token moves on: a failed store asks for the same page again.
    const StoreOutcome stored = comments ? m_sink.store(std::move(page.comments)) : StoreOutcome{};
    for (const std::string& id : page.deletedIds)
        m_sink.remove(id);
    m_pageToken = page.nextPageToken.empty() ? m_pageToken : page.nextPageToken;
    if (m_alerted) logInfo("connector " + m_spec.name + ": working again / 评论连接已恢复");
    m_failuresInARow = 0;
    m_alerted = false;
    m_health.update(m_spec.name, [&](ConnectorStatus& s) {
        s.state = page.offline ? ConnectorState::Ended : ConnectorState::Connected;
        s.lastError.clear();
        s.received += static_cast<int64_t>(stored.accepted);
        s.duplicates += static_cast<int64_t>(stored.duplicates);
        s.deleted += static_cast<int64_t>(page.deletedIds.size());
        s.ignored += static_cast<int64_t>(page.ignored);
        s.rejected += static_cast<int64_t>(page.rejected.size());
        s.superChats += page.superChats;
        for (const auto& [currency, micros] : page.superChatMicros)
            s.superChatMicros[currency] += micros;
        if (latest) s.lastMessageUtcMs = std::max(s.lastMessageUtcMs, latest);
    });
    for (const std::string& reason : page.rejected)
        logWarning("connector " + m_spec.name + ": an item was not usable: " + reason);
    if (page.offline) {
        logInfo("connector " + m_spec.name + ": the live chat went offline / 直播聊天已下线");
        return std::nullopt;
    }
    const milliseconds interval =
        page.pollingIntervalMs > 0 ? milliseconds(page.pollingIntervalMs) : m_timing.defaultInterval;
    return std::max(interval, m_timing.minInterval);
}

} // namespace hawker::studio
