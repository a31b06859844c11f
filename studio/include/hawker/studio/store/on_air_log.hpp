#pragma once
// Writes the on-air timeline and the audit log of a live session to SQLite
// on its own thread, in batched transactions, so the compositor thread never
// waits on the disk.

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

#include "hawker/studio/show_controller.hpp"
#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

class OnAirLog {
public:
    /// Opens its own connection to `path` for session `sessionId`.
    OnAirLog(const std::filesystem::path& path, int64_t sessionId);
    ~OnAirLog();
    OnAirLog(const OnAirLog&) = delete;
    OnAirLog& operator=(const OnAirLog&) = delete;

    /// Never waits: queues the row for the writer thread. Returns its
    /// sequence number, for waitDurable().
    uint64_t timeline(int64_t programMs, const std::string& event, const std::string& detail);
    uint64_t audit(const AuditEntry& entry);
    /// The show state to resume from after a crash; only the newest version
    /// is kept. Coupon counts go to the coupons table with it.
    uint64_t saveState(uint64_t version, int64_t programMs, std::string stateJson,
                       std::map<std::string, CouponCounts> coupons);
    /// The running show's clock; the writer stores it about once a second, so
    /// a restart knows when the show stopped.
    void heartbeat(int64_t programMs) { m_heartbeatMs = programMs; }
    /// Waits until everything queued up to `sequence` is committed (a command
    /// is acknowledged only when it is durable). False on timeout.
    bool waitDurable(uint64_t sequence, std::chrono::milliseconds timeout);
    /// Writes everything queued and stops the writer.
    void close();
    uint64_t written() const;

private:
    struct Row {
        bool isAudit = false;
        int64_t utcMs = 0, programMs = 0;
        std::string a, b, c, d; ///< timeline: event, detail; audit: who, role, command, message
        bool ok = false;
    };
    struct PendingState {
        uint64_t version = 0;
        int64_t programMs = 0;
        std::string json;
        std::map<std::string, CouponCounts> coupons;
    };
    void run();
    void flush(std::vector<Row>& rows, std::optional<PendingState>& state, bool beat);

    Database m_db;
    int64_t m_session;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<Row> m_queue;
    std::optional<PendingState> m_state;
    uint64_t m_savedVersion = 0;
    bool m_closing = false;
    uint64_t m_written = 0;
    uint64_t m_queued = 0, m_durable = 0; ///< sequence numbers
    int m_waiters = 0;                    ///< someone waits: skip the batching delay
    std::condition_variable m_durableChanged;
    std::atomic<int64_t> m_heartbeatMs{-1};
    std::thread m_thread;
};

} // namespace hawker::studio
