#pragma once
// The one way viewer events get into a session: validated batches (from the
// HTTP endpoint, `hawker ingest`, or the audience simulator) are handed to a
// single writer thread that commits whatever is waiting in one transaction
// (group commit). store() returns only after its batch is committed —
// acknowledged means durable — and committed new events go to the listener
// (the live metrics).

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/base/viewer_hasher.hpp"
#include "hawker/studio/store/database.hpp"
#include "hawker/studio/store/event_store.hpp"
#include "hawker/studio/store/viewer_event.hpp"

namespace hawker::studio {

/// More events are waiting for the disk than the bound allows: try again.
class IngestBusy : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class EventIngest {
public:
    using Listener = std::function<void(int64_t session, const std::vector<ViewerEvent>& fresh)>;
    /// An order whose detail arrived: `pending` (stored before, its product
    /// pending) was replaced by `lines` in one transaction.
    using ResolveListener = std::function<void(int64_t session, const ViewerEvent& pending,
                                               const std::vector<ViewerEvent>& lines)>;

    /// `bulkCacheMiB`, for a one-off bulk import (an order export): the
    /// writer's page cache may grow to that size, so one transaction of
    /// hundreds of thousands of rows is written to the WAL once instead of
    /// being spilled and read back page by page. A live show keeps SQLite's
    /// small default, so its memory stays flat.
    EventIngest(const std::filesystem::path& database, std::shared_ptr<const ViewerHasher> hasher,
                std::optional<int> bulkCacheMiB = std::nullopt);
    ~EventIngest();
    EventIngest(const EventIngest&) = delete;
    EventIngest& operator=(const EventIngest&) = delete;

    /// Called on the writer thread, after each commit, with the events that
    /// were new. Set it before the first store().
    void setListener(Listener listener) { m_listener = std::move(listener); }
    /// Called on the writer thread after a replace() that took effect.
    void setResolveListener(ResolveListener listener) { m_resolveListener = std::move(listener); }
    /// True when the session exists (events for unknown sessions are refused).
    bool sessionExists(int64_t session);
    /// Commits `events` to `session`; blocks until durable. Throws StoreError
    /// (nothing of this batch is stored) or IngestBusy.
    StoreOutcome store(int64_t session, std::vector<ViewerEvent> events);

    /// Deletes the stored event `pending` and inserts `lines` in its place,
    /// in one transaction of the writer; blocks until durable. False when
    /// the session no longer has `pending` (its detail was applied already):
    /// then nothing changes. Throws like store().
    bool replace(int64_t session, const ViewerEvent& pending, std::vector<ViewerEvent> lines);
    /// Deletes one stored event (a live comment the platform deleted), in the
    /// writer's order; false when it was not there.
    bool remove(int64_t session, const std::string& eventId);

    /// Parse, validate and store a `{"events":[…]}` body (HTTP) or JSON Lines
    /// (`hawker ingest`), returning the reply docs/DESIGN.md fixes. Throws
    /// BatchError for an unusable body. Every event is marked as coming from `origin`.
    nlohmann::json ingestBatch(int64_t session, std::string_view body,
                               EventOrigin origin = EventOrigin::Ingest);
    nlohmann::json ingestLines(int64_t session, std::string_view text,
                               EventOrigin origin = EventOrigin::Ingest);

    const ViewerHasher& hasher() const { return *m_hasher; }

private:
    struct Job {
        int64_t session = 0;
        std::vector<ViewerEvent> events;
        size_t queued = 0;                   ///< events counted in m_pendingEvents (apply() may drop some)
        std::optional<ViewerEvent> replaces; ///< deleted first; the events only if it was there
        /// Set by the writer before the promise is kept; shared, because the
        /// job itself is gone by the time the sender reads it.
        std::shared_ptr<bool> replaced;
        std::promise<StoreOutcome> done;
    };
    /// Queues a job for the writer (bounded); throws IngestBusy or StoreError.
    std::future<StoreOutcome> submit(std::unique_ptr<Job> job);
    /// One job's writes inside the writer's transaction.
    StoreOutcome apply(Job& job, int64_t now, std::vector<size_t>* fresh);
    void run();
    nlohmann::json storeParsed(int64_t session, ParsedEvents parsed, EventOrigin origin);

    std::shared_ptr<const ViewerHasher> m_hasher;
    Database m_writerDb;
    EventStore m_store;
    Database m_readerDb;
    std::mutex m_readerMutex;
    std::set<int64_t> m_knownSessions;
    Listener m_listener;
    ResolveListener m_resolveListener;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::unique_ptr<Job>> m_jobs;
    size_t m_pendingEvents = 0;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace hawker::studio
