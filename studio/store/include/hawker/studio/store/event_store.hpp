#pragma once
// Viewer events of sessions in SQLite: inserts that count a repeated event id
// once, and a read of one session in processing order (ts, view_end first).

#include <cstdint>
#include <functional>
#include <vector>

#include "hawker/studio/store/database.hpp"
#include "hawker/studio/store/viewer_event.hpp"

namespace hawker::studio {

struct StoreOutcome {
    size_t accepted = 0;
    size_t duplicates = 0;
};

class EventStore {
public:
    explicit EventStore(Database& db);

    /// Inserts inside the caller's transaction. An event whose id the session
    /// already has (a retried webhook) is a duplicate and changes nothing.
    /// `fresh`, when given, receives the indexes of the events that were new.
    StoreOutcome insert(int64_t session, const std::vector<ViewerEvent>& events, int64_t receivedUtcMs,
                        std::vector<size_t>* fresh = nullptr);
    /// Deletes one event by its id inside the caller's transaction; false when
    /// the session has no such event (an order detail applied already).
    bool remove(int64_t session, const std::string& eventId);
    /// True when the session has an event with this id.
    bool contains(int64_t session, const std::string& eventId);
    /// Every event of `session` with fromTs <= ts <= toTs in processing order,
    /// in runs of up to `batch` events, decoded straight into the
    /// vector; `visit` may swap its contents out for another vector (which is
    /// then refilled, reusing its strings' capacity).
    void forEachBatch(int64_t session, int64_t fromTs, int64_t toTs, size_t batch,
                      const std::function<void(std::vector<ViewerEvent>&)>& visit);
    /// The session's paid orders whose product is still `pendingSku` and whose
    /// event id starts with `idPrefix`, oldest first, at most `limit`: what an
    /// order-detail fetcher takes up again when a show resumes its session.
    std::vector<ViewerEvent> pendingOrders(int64_t session, const std::string& idPrefix,
                                           const std::string& pendingSku, size_t limit);

private:
    Database& m_db;
    Statement m_insert;
    Statement m_remove;
    Statement m_contains;
};

} // namespace hawker::studio
