#include "hawker/studio/analytics/event_ingest.hpp"

#include "hawker/studio/analytics/order_webhooks.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "hawker/studio/store/write_urgency.hpp"

namespace hawker::studio {

namespace {
/// Events waiting for the writer beyond this are refused (503) rather than
/// queued without bound: a sender retries, memory stays flat.
constexpr size_t kMaxPendingEvents = 1'000'000;

bool failsWholeDatabase(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const StoreError& error) {
        return error.wholeDatabase();
    } catch (...) {
        return false;
    }
}
} // namespace

EventIngest::EventIngest(const std::filesystem::path& database, std::shared_ptr<const ViewerHasher> hasher,
                         std::optional<int> bulkCacheMiB)
    : m_hasher(std::move(hasher)), m_writerDb(database), m_store(m_writerDb), m_readerDb(database) {
    // Before the writer thread starts: the connection is then only that thread's.
    if (bulkCacheMiB && *bulkCacheMiB > 0)
        m_writerDb.execute("PRAGMA cache_size = -" + std::to_string(int64_t{*bulkCacheMiB} * 1024));
    m_thread = std::thread([this] { run(); });
}

EventIngest::~EventIngest() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

bool EventIngest::sessionExists(int64_t session) {
    std::lock_guard lock(m_readerMutex);
    if (m_knownSessions.count(session)) return true;
    Statement find = m_readerDb.prepare("SELECT 1 FROM sessions WHERE id = ?1");
    find.bind(1, session);
    if (!find.step()) return false;
    m_knownSessions.insert(session);
    return true;
}

std::future<StoreOutcome> EventIngest::submit(std::unique_ptr<Job> job) {
    std::future<StoreOutcome> done = job->done.get_future();
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) throw StoreError("the event store is closing");
        if (m_pendingEvents + job->events.size() > kMaxPendingEvents)
            throw IngestBusy("too many events are waiting to be written; retry shortly");
        job->queued = job->events.size();
        m_pendingEvents += job->queued;
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
    return done;
}

StoreOutcome EventIngest::store(int64_t session, std::vector<ViewerEvent> events) {
    if (events.empty()) return {};
    auto job = std::make_unique<Job>();
    job->session = session;
    job->events = std::move(events);
    return submit(std::move(job)).get();
}

bool EventIngest::replace(int64_t session, const ViewerEvent& pending, std::vector<ViewerEvent> lines) {
    auto job = std::make_unique<Job>();
    job->session = session;
    job->events = std::move(lines);
    job->replaces = pending;
    auto replaced = std::make_shared<bool>(false);
    job->replaced = replaced;
    submit(std::move(job)).get();
    return *replaced; // written before the promise was kept: ordered by the future
}

bool EventIngest::remove(int64_t session, const std::string& eventId) {
    ViewerEvent gone;
    gone.id = eventId;
    return replace(session, gone, {}); // a replacement by nothing: no order is resolved
}

StoreOutcome EventIngest::apply(Job& job, int64_t now, std::vector<size_t>* fresh) {
    if (job.replaces) {
        *job.replaced = false;
        // Gone already: another fetch of the same order applied its detail.
        if (!m_store.remove(job.session, job.replaces->id)) return {};
        *job.replaced = true;
    }
    // A platform's retry of a paid order whose detail was applied already:
    // its pending event is gone (replaced by "ID/1"…), so the id alone would
    // not catch it. It is a duplicate, not the order again.
    size_t resolved = 0;
    for (auto it = job.events.begin(); it != job.events.end();) {
        // Only webhook events are resolved by a detail: an export import's
        // pending rows cost no lookup.
        if (it->type == EventType::OrderPaid && it->sku == kPendingSku && it->id.rfind("webhook:", 0) == 0 &&
            m_store.contains(job.session, it->id + "/1")) {
            it = job.events.erase(it);
            ++resolved;
        } else {
            ++it;
        }
    }
    StoreOutcome outcome = m_store.insert(job.session, job.events, now, fresh);
    outcome.duplicates += resolved;
    return outcome;
}

void EventIngest::run() {
    for (;;) {
        std::deque<std::unique_ptr<Job>> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty()) return; // stopping with nothing left
            batch.swap(m_jobs);
        }
        // Everything that queued while the last commit was on disk goes into
        // one transaction: one fsync for many requests.
        std::vector<StoreOutcome> outcomes(batch.size());
        std::vector<std::vector<size_t>> fresh(batch.size());
        std::vector<std::exception_ptr> failures(batch.size());
        const int64_t now = nowUtcMs();
        yieldToUrgentWrites(std::chrono::milliseconds(1000));
        try {
            m_writerDb.transaction([&] {
                for (size_t i = 0; i < batch.size(); ++i)
                    outcomes[i] = apply(*batch[i], now, m_listener ? &fresh[i] : nullptr);
            });
        } catch (...) {
            // The file as a whole does not take writes (full, locked, I/O):
            // every batch of this transaction fails the same way, at once,
            // and nothing of it is acknowledged; the next ones are tried
            // afresh. Otherwise one bad batch (its session was deleted) must
            // not fail the others that shared the transaction: each on its own.
            const std::exception_ptr failure = std::current_exception();
            const bool whole = failsWholeDatabase(failure);
            for (size_t i = 0; i < batch.size(); ++i) {
                fresh[i].clear();
                if (whole) {
                    failures[i] = failure;
                    continue;
                }
                try {
                    m_writerDb.transaction(
                        [&] { outcomes[i] = apply(*batch[i], now, m_listener ? &fresh[i] : nullptr); });
                } catch (...) {
                    failures[i] = std::current_exception();
                }
            }
        }
        {
            std::lock_guard lock(m_mutex);
            for (const auto& job : batch)
                m_pendingEvents -= job->queued;
        }
        for (size_t i = 0; i < batch.size(); ++i) {
            if (failures[i]) {
                batch[i]->done.set_exception(failures[i]);
                continue;
            }
            if (batch[i]->replaces) {
                // A resolved order goes to its own listener: the live side
                // moves the order from pending to its lines, it does not add it.
                if (*batch[i]->replaced && m_resolveListener && !batch[i]->events.empty()) try {
                        m_resolveListener(batch[i]->session, *batch[i]->replaces, batch[i]->events);
                    } catch (const std::exception& error) {
                        logWarning(std::string("live metrics: ") + error.what());
                    }
                batch[i]->done.set_value(outcomes[i]);
                continue;
            }
            if (m_listener && !fresh[i].empty()) {
                try {
                    if (fresh[i].size() == batch[i]->events.size()) {
                        m_listener(batch[i]->session, batch[i]->events); // all new: no copy
                    } else {
                        std::vector<ViewerEvent> accepted;
                        accepted.reserve(fresh[i].size());
                        for (size_t index : fresh[i])
                            accepted.push_back(batch[i]->events[index]);
                        m_listener(batch[i]->session, accepted);
                    }
                } catch (const std::exception& error) {
                    // The events are stored; a listener bug must not fail the sender.
                    logWarning(std::string("live metrics: ") + error.what());
                }
            }
            batch[i]->done.set_value(outcomes[i]);
        }
    }
}

nlohmann::json EventIngest::storeParsed(int64_t session, ParsedEvents parsed, EventOrigin origin) {
    for (ViewerEvent& event : parsed.events)
        event.origin = origin;
    const StoreOutcome outcome = store(session, std::move(parsed.events));
    return ingestReply(outcome.accepted, outcome.duplicates, parsed.rejected);
}

nlohmann::json EventIngest::ingestBatch(int64_t session, std::string_view body, EventOrigin origin) {
    return storeParsed(session, parseEventBatch(body, *m_hasher), origin);
}

nlohmann::json EventIngest::ingestLines(int64_t session, std::string_view text, EventOrigin origin) {
    return storeParsed(session, parseEventLines(text, *m_hasher), origin);
}

} // namespace hawker::studio
