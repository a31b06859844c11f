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

uint64_t OnAirLog::timeline(int64_t programMs, const std::string& event, const std::string& detail) {
    std::lock_guard lock(m_mutex);
    m_queue.push_back({false, nowUtcMs(), programMs, event, maskSecrets(detail), {}, {}, false});
    m_changed.notify_one();
    return ++m_queued;
}

uint64_t OnAirLog::audit(const AuditEntry& entry) {
    std::lock_guard lock(m_mutex);
    m_queue.push_back({true, entry.utcMs, entry.programMs, entry.actor.who, entry.actor.role, entry.command,
                       maskSecrets(entry.message), entry.ok});
    m_changed.notify_one();
    return ++m_queued;
}

uint64_t OnAirLog::saveState(uint64_t version, int64_t programMs, std::string stateJson,
                             std::map<std::string, CouponCounts> coupons) {
    std::lock_guard lock(m_mutex);
    // Two threads may save the same change; the newest version wins.
    if (version > m_savedVersion && (!m_state || version > m_state->version)) {
        m_state = PendingState{version, programMs, std::move(stateJson), std::move(coupons)};
        m_changed.notify_one();
    }
    return ++m_queued;
}

bool OnAirLog::waitDurable(uint64_t sequence, std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    ++m_waiters;
    m_changed.notify_one();
    const bool done = m_durableChanged.wait_for(lock, timeout, [&] { return m_durable >= sequence; });
    --m_waiters;
    return done;
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
    auto lastBeat = std::chrono::steady_clock::now();
    for (;;) {
        std::vector<Row> rows;
        std::optional<PendingState> state;
        bool closing = false;
        uint64_t sequence = 0;
        {
            std::unique_lock lock(m_mutex);
            // Batch: wake for a row, then collect what else arrives within
            // 200 ms, unless a sender waits for its row to be durable. Wake
            // at least once a second for the heartbeat.
            m_changed.wait_for(lock, std::chrono::seconds(1),
                               [&] { return m_closing || !m_queue.empty() || m_state; });
            if (!m_closing && m_waiters == 0 && (!m_queue.empty() || m_state))
                m_changed.wait_for(lock, std::chrono::milliseconds(200),
                                   [&] { return m_closing || m_waiters > 0; });
            rows.swap(m_queue);
            state.swap(m_state);
            if (state) m_savedVersion = state->version;
            closing = m_closing;
            sequence = m_queued;
        }
        const auto now = std::chrono::steady_clock::now();
        const bool beat = now - lastBeat >= std::chrono::milliseconds(900) || closing;
        if (beat) lastBeat = now;
        if (!rows.empty() || state || beat) flush(rows, state, beat);
        {
            std::lock_guard lock(m_mutex);
            m_durable = sequence;
        }
        m_durableChanged.notify_all();
        if (closing) {
            std::lock_guard lock(m_mutex);
            if (m_queue.empty() && !m_state) return;
        }
    }
}

void OnAirLog::flush(std::vector<Row>& rows, std::optional<PendingState>& state, bool beat) {
    try {
        m_db.transaction([&] {
            if (state) {
                m_db.prepare(
                        "INSERT INTO show_state (session_id, utc_ms, program_ms, state_json) VALUES (?1, ?2, "
                        "?3, ?4) ON CONFLICT (session_id) DO UPDATE SET utc_ms = excluded.utc_ms, program_ms "
                        "= excluded.program_ms, state_json = excluded.state_json")
                    .bind(1, m_session)
                    .bind(2, nowUtcMs())
                    .bind(3, state->programMs)
                    .bind(4, state->json)
                    .run();
                Statement coupon = m_db.prepare(
                    "UPDATE coupons SET issued = ?1, redeemed = ?2 WHERE session_id = ?3 AND coupon_id = ?4");
                for (const auto& [id, counts] : state->coupons) {
                    coupon.bind(1, counts.issued)
                        .bind(2, counts.redeemed)
                        .bind(3, m_session)
                        .bind(4, id)
                        .run();
                }
            }
            const int64_t beatMs = m_heartbeatMs.load();
            if (beat && beatMs >= 0)
                m_db.prepare("UPDATE sessions SET last_seen_utc_ms = ?1, last_program_ms = ?2 WHERE id = ?3")
                    .bind(1, nowUtcMs())
                    .bind(2, beatMs)
                    .bind(3, m_session)
                    .run();
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
