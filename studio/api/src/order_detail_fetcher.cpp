#include "hawker/studio/api/order_detail_fetcher.hpp"

#include <algorithm>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "hawker/studio/base/log.hpp"
#include "hawker/studio/base/untrusted_text.hpp"

namespace hawker::studio {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds detailBackoff(int attempt, std::chrono::milliseconds first,
                                        std::chrono::milliseconds cap, double jitter) {
    const int64_t firstMs = std::max<int64_t>(first.count(), 1);
    const int64_t capMs = std::max<int64_t>(cap.count(), firstMs);
    int64_t base = firstMs;
    // Doubling stops at the cap, so no shift overflows however many attempts.
    for (int i = 1; i < attempt && base < capMs; ++i)
        base *= 2;
    base = std::min(base, capMs);
    const double spread = std::clamp(jitter, 0.0, 1.0);
    return std::chrono::milliseconds(base / 2 + static_cast<int64_t>(spread * static_cast<double>(base / 2)));
}

OrderDetailFetcher::OrderDetailFetcher(DetailFetchConfig config, Apply apply, Alert alert)
    : m_config(std::move(config)), m_apply(std::move(apply)), m_alert(std::move(alert)) {
    m_jobs.reserve(std::min<size_t>(m_config.maxQueued, 1024));
    m_thread = std::thread([this] { run(); });
}

OrderDetailFetcher::~OrderDetailFetcher() {
    stop();
}

void OrderDetailFetcher::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        if (m_inFlight) m_inFlight->stop(); // its socket is shut: the request returns at once
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

bool OrderDetailFetcher::enqueue(int64_t session, const ViewerEvent& pending) {
    {
        std::lock_guard lock(m_mutex);
        // The bound is checked before the order is taken: a flood of orders
        // cannot grow the queue, and the webhook's answer does not wait for room.
        if (m_stopping || m_jobs.size() >= m_config.maxQueued) {
            ++m_counts.dropped;
            m_counts.lastError = "the queue of orders waiting for their detail is full";
            logWarning("order detail " + m_config.platform + ": the queue is full (" +
                       std::to_string(m_config.maxQueued) + "); " + pending.id +
                       " stays pending / 订单详情队列已满，该订单商品暂记为待定");
            return false;
        }
        m_jobs.push_back({session, pending, 0, Clock::now()});
        m_counts.pending = static_cast<int64_t>(m_jobs.size());
    }
    m_wake.notify_one();
    return true;
}

DetailFetchCounts OrderDetailFetcher::counts() const {
    std::lock_guard lock(m_mutex);
    return m_counts;
}

nlohmann::json OrderDetailFetcher::json() const {
    const DetailFetchCounts c = counts();
    return {{"configured", true},
            {"pending", c.pending},
            {"retrying", c.retrying},
            {"fetched", c.fetched},
            {"failed", c.failed},
            {"dropped", c.dropped},
            {"auth_failures", c.authFailures},
            {"last_error", c.lastError}};
}

void OrderDetailFetcher::run() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            for (;;) {
                if (m_stopping) return;
                if (m_jobs.empty()) {
                    m_wake.wait(lock);
                    continue;
                }
                const auto next = std::min_element(m_jobs.begin(), m_jobs.end(),
                                                   [](const Job& a, const Job& b) { return a.due < b.due; });
                if (next->due <= Clock::now()) {
                    job = std::move(*next);
                    m_jobs.erase(next);
                    break;
                }
                m_wake.wait_until(lock, next->due);
            }
        }
        bool done = true;
        try {
            done = attempt(job);
        } catch (const std::exception& error) {
            // Nothing escapes the thread: the order is tried again later.
            OrderDetail failure;
            failure.status = DetailStatus::Retry;
            failure.reason = printable(error.what(), 200);
            done = failedAgain(job, failure);
        } catch (...) {
            OrderDetail failure;
            failure.status = DetailStatus::Retry;
            failure.reason = "an unknown error";
            done = failedAgain(job, failure);
        }
        std::lock_guard lock(m_mutex);
        if (!done && !m_stopping) m_jobs.push_back(std::move(job));
        m_counts.pending = static_cast<int64_t>(m_jobs.size());
        m_counts.retrying = static_cast<int64_t>(
            std::count_if(m_jobs.begin(), m_jobs.end(), [](const Job& j) { return j.attempts > 0; }));
    }
}

OrderDetail OrderDetailFetcher::ask(const Job& job) {
    const int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    const bool douyin = m_config.platform == "douyin-shop";
    const SignedRequest request = douyin
                                      ? douyinDetailRequest(m_config.credentials, job.pending.orderId, now)
                                      : tiktokDetailRequest(m_config.credentials, job.pending.orderId, now);
    httplib::Client client(m_config.baseUrl);
    client.set_connection_timeout(m_config.connectTimeout);
    client.set_read_timeout(m_config.readTimeout);
    client.set_write_timeout(m_config.readTimeout);
    client.set_keep_alive(false);
    httplib::Headers headers;
    for (const auto& [name, value] : request.headers)
        headers.emplace(name, value);
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            OrderDetail stopping;
            stopping.status = DetailStatus::Retry;
            stopping.reason = "the fetcher is stopping";
            return stopping;
        }
        m_inFlight = &client;
    }
    httplib::Result result = client.Get(request.target.c_str(), headers);
    {
        std::lock_guard lock(m_mutex);
        m_inFlight = nullptr;
    }
    const int status = result ? result->status : 0;
    const std::string body = result ? result->body : std::string();
    OrderDetail detail =
        douyin ? douyinShopDetail(status, body) : tiktokShopDetail(status, body, job.pending.orderId);
    if (!result) detail.reason = "no answer (" + httplib::to_string(result.error()) + ")";
    return detail;
}

bool OrderDetailFetcher::attempt(Job& job) {
    const OrderDetail detail = ask(job);
    if (detail.status == DetailStatus::Lines) {
        const bool applied = m_apply(job.session, job.pending, detail.lines);
        std::lock_guard lock(m_mutex);
        m_authInARow = 0;
        m_authAlerted = false;
        if (applied) {
            ++m_counts.fetched;
            std::string skus;
            for (const DetailLine& line : detail.lines)
                skus += (skus.empty() ? "" : ", ") + printable(line.sku, 64);
            logInfo("order detail " + m_config.platform + ": " + job.pending.id + " resolved to " +
                    std::to_string(detail.lines.size()) + " line(s): " + skus);
        }
        return true;
    }
    return failedAgain(job, detail);
}

bool OrderDetailFetcher::failedAgain(Job& job, const OrderDetail& detail) {
    noteFailure(job, detail);
    if (detail.status == DetailStatus::Unusable) {
        std::lock_guard lock(m_mutex);
        ++m_counts.failed;
        logWarning("order detail " + m_config.platform + ": " + job.pending.id +
                   " stays pending, the answer is unusable: " + detail.reason);
        return true;
    }
    if (job.attempts >= m_config.maxAttempts) {
        std::lock_guard lock(m_mutex);
        ++m_counts.failed;
        logWarning("order detail " + m_config.platform + ": " + job.pending.id + " stays pending after " +
                   std::to_string(job.attempts) + " attempts / 订单详情多次获取失败，商品仍为待定");
        return true;
    }
    return false;
}

void OrderDetailFetcher::noteFailure(Job& job, const OrderDetail& result) {
    ++job.attempts;
    std::optional<i18n::Phrase> alert;
    {
        std::lock_guard lock(m_mutex);
        const double jitter = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
        const auto wait = detailBackoff(job.attempts, m_config.firstBackoff, m_config.maxBackoff, jitter);
        job.due = Clock::now() + wait;
        m_counts.lastError = printable(result.reason, 200);
        if (result.status == DetailStatus::Auth) {
            ++m_counts.authFailures;
            if (++m_authInARow >= m_config.authAlertAfter && !m_authAlerted) {
                m_authAlerted = true;
                alert =
                    i18n::Phrase(i18n::trKey("alert_text.order_detail_auth"),
                                 {{"count", std::to_string(m_authInARow)}, {"platform", m_config.platform}});
            }
        } else {
            m_authInARow = 0;
        }
        if (result.status != DetailStatus::Unusable)
            logInfo("order detail " + m_config.platform + ": " + job.pending.id + " attempt " +
                    std::to_string(job.attempts) + " failed (" + m_counts.lastError + "); next in " +
                    std::to_string(wait.count()) + " ms");
    }
    if (alert && m_alert) m_alert(*alert);
}

} // namespace hawker::studio
