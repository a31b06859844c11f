#pragma once
// Writes the on-air timeline and the audit log of a live session to SQLite
// on its own thread, in batched transactions, so the compositor thread never
// waits on the disk.

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
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

    /// Never waits: queues the row for the writer thread.
    void timeline(int64_t programMs, const std::string& event, const std::string& detail);
    void audit(const AuditEntry& entry);
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
    void run();
    void flush(std::vector<Row>& rows);

    Database m_db;
    int64_t m_session;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<Row> m_queue;
    bool m_closing = false;
    uint64_t m_written = 0;
    std::thread m_thread;
};

} // namespace hawker::studio
