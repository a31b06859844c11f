#pragma once
// Writes the on-air timeline and the audit log of a live session to SQLite
// on its own thread, in batched transactions, so the compositor thread never
// waits on the disk. A batch that cannot be written (disk full, file locked,
// I/O error) stays queued in order and is retried whole, as one transaction,
// until the database takes it.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "hawker/studio/show/show_controller.hpp"
#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

struct OnAirLogLimits {
    /// Rows waiting for the database may hold this much memory; beyond it new
    /// rows are dropped (and counted) until the database takes the queue.
    size_t maxWaitingBytes = size_t{16} << 20;
    std::chrono::milliseconds firstRetry{250}; ///< after a failed write; doubles each time …
    std::chrono::milliseconds maxRetry{2000};  ///< … up to this
    /// close() keeps retrying a database that does not take the queue this long.
    std::chrono::milliseconds closeTimeout{10000};
};

/// Whether the database takes the log's writes, for alerts and status lines.
struct StoreHealth {
    bool writable = true;
    std::string error;             ///< SQLite's message of the last failed write
    int64_t failingSinceUtcMs = 0; ///< when the current outage began (0 when writable)
    size_t waitingRows = 0;        ///< timeline and audit rows not stored yet
    uint64_t lostRows = 0;         ///< dropped at the memory bound since the log opened
};

class OnAirLog {
public:
    /// Opens its own connection to `path` for session `sessionId`.
    OnAirLog(const std::filesystem::path& path, int64_t sessionId, OnAirLogLimits limits = {});
    ~OnAirLog();
    OnAirLog(const OnAirLog&) = delete;
    OnAirLog& operator=(const OnAirLog&) = delete;

    /// Never waits: queues the row for the writer thread. Returns its
    /// sequence number, for waitDurable(). A row that does not fit in the
    /// memory bound is dropped and counted in lost().
    /// The row is stored with its fields and its text, secrets masked in both.
    uint64_t timeline(const TimelineRow& row);
    uint64_t audit(const AuditEntry& entry);
    /// The show state to resume from after a crash; only the newest version
    /// is kept (it is never dropped). Coupon counts go to the coupons table with it.
    uint64_t saveState(uint64_t version, int64_t programMs, std::string stateJson,
                       std::map<std::string, CouponCounts> coupons);
    /// The running show's clock; the writer stores it about once a second, so
    /// a restart knows when the show stopped.
    void heartbeat(int64_t programMs) { m_heartbeatMs = programMs; }
    /// Waits until everything queued up to `sequence` is committed (a command
    /// is acknowledged only when it is durable). False on timeout. A dropped
    /// row never becomes durable: compare lost() before and after queueing.
    bool waitDurable(uint64_t sequence, std::chrono::milliseconds timeout);
    /// Rows dropped at the memory bound so far (only grows).
    uint64_t lost() const;
    StoreHealth health() const;
    /// Writes everything queued and stops the writer (retrying a database
    /// that does not take it for up to closeTimeout).
    void close();
    uint64_t written() const;

private:
    struct Row {
        bool isAudit = false;
        int64_t utcMs = 0, programMs = 0;
        /// timeline: event, text, fields (encoded); audit: who, role, command, message
        std::string a, b, c, d;
        bool ok = false;
        size_t cost() const { return sizeof(Row) + a.size() + b.size() + c.size() + d.size(); }
    };
    struct PendingState {
        uint64_t version = 0;
        int64_t programMs = 0;
        std::string json;
        std::map<std::string, CouponCounts> coupons;
    };
    /// What a write after an outage adds to the timeline, in the same transaction.
    struct Recovery {
        bool outage = false;           ///< the last write had failed …
        int64_t failingSinceUtcMs = 0; ///< … and the first of them was then
        size_t waitedRows = 0;
        uint64_t lostRows = 0;
        int64_t lostFromMs = 0, lostToMs = 0;
    };
    uint64_t enqueue(Row row);
    void run();
    /// One transaction; false (and the reason in `error`) when it was rolled back.
    bool flush(const std::vector<Row>& rows, const std::optional<PendingState>& state, bool beat,
               const std::optional<Recovery>& recovery, std::string& error);

    Database m_db;
    int64_t m_session;
    OnAirLogLimits m_limits;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<Row> m_queue;
    std::optional<PendingState> m_state;
    uint64_t m_savedVersion = 0;
    bool m_closing = false;
    uint64_t m_written = 0;
    uint64_t m_queued = 0, m_durable = 0; ///< sequence numbers
    int m_waiters = 0;                    ///< someone waits: skip the batching delay
    size_t m_waitingBytes = 0;            ///< rows queued or being retried
    size_t m_retryRows = 0;               ///< rows the writer holds for a retry
    uint64_t m_lost = 0, m_lostReported = 0;
    int64_t m_lostFromMs = 0, m_lostToMs = 0; ///< program time of the rows dropped since the last report
    bool m_writable = true;
    std::string m_error;
    int64_t m_failingSinceUtcMs = 0;
    std::condition_variable m_durableChanged;
    std::atomic<int64_t> m_heartbeatMs{-1};
    std::thread m_thread;
};

} // namespace hawker::studio
