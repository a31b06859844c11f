#include "hawker/studio/store/on_air_log.hpp"

#include <chrono>

#include "hawker/studio/log.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

OnAirLog::OnAirLog(const std::filesystem::path& path, int64_t sessionId) : m_db(path), m_session(sessionId) {
    m_thread = std::thread([this] { run(); });
}

OnAirLog::~OnAirLog() {
    close();
}

void OnAirLog::timeline(int64_t programMs, const std::string& event, const std::string& detail) {
    std::lock_guard lock(m_mutex);
    m_queue.push_back({false, nowUtcMs(), programMs, event, maskSecrets(detail), {}, {}, false});
    m_changed.notify_one();
}

void OnAirLog::audit(const AuditEntry& entry) {
    std::lock_guard lock(m_mutex);
    m_queue.push_back({true, entry.utcMs, entry.programMs, entry.actor.who, entry.actor.role, entry.command,
                       maskSecrets(entry.message), entry.ok});
    m_changed.notify_one();
}

uint64_t OnAirLog::written() const {
    std::lock_guard lock(m_mutex);
    return m_written;
}

void OnAirLog::close() {
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_one();
    if (m_thread.joinable()) m_thread.join();
}

void OnAirLog::run() {
    for (;;) {
        std::vector<Row> rows;
        bool closing = false;
        {
            std::unique_lock lock(m_mutex);
            // Batch: wake for a row, then collect what else arrives within 200 ms.
            m_changed.wait(lock, [&] { return m_closing || !m_queue.empty(); });
            if (!m_closing)
                m_changed.wait_for(lock, std::chrono::milliseconds(200), [&] { return m_closing; });
            rows.swap(m_queue);
            closing = m_closing;
        }
        if (!rows.empty()) flush(rows);
        if (closing) {
            std::lock_guard lock(m_mutex);
            if (m_queue.empty()) return;
        }
    }
}

void OnAirLog::flush(std::vector<Row>& rows) {
    try {
        m_db.transaction([&] {
            Statement timeline = m_db.prepare("INSERT INTO timeline (session_id, utc_ms, program_ms, event, "
                                              "detail) VALUES (?1, ?2, ?3, ?4, ?5)");
            Statement audit =
                m_db.prepare("INSERT INTO audit (session_id, utc_ms, program_ms, who, role, command, ok, "
                             "message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
            for (const Row& row : rows) {
                if (row.isAudit) {
                    audit.bind(1, m_session)
                        .bind(2, row.utcMs)
                        .bind(3, row.programMs)
                        .bind(4, row.a)
                        .bind(5, row.b);
                    audit.bind(6, row.c).bind(7, int64_t{row.ok ? 1 : 0}).bind(8, row.d).run();
                } else {
                    timeline.bind(1, m_session)
                        .bind(2, row.utcMs)
                        .bind(3, row.programMs)
                        .bind(4, row.a)
                        .bind(5, row.b);
                    timeline.run();
                }
            }
        });
        std::lock_guard lock(m_mutex);
        m_written += rows.size();
    } catch (const std::exception& error) {
        // The show goes on; the log says what could not be stored.
        logError("on-air log: " + std::to_string(rows.size()) + " rows not stored: " + error.what());
    }
}

} // namespace hawker::studio
