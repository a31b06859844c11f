#include "hawker/studio/store/on_air_log.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "hawker/studio/base/log.hpp"
#include "hawker/studio/show/timeline_fields.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "hawker/studio/store/timeline_table.hpp"

namespace hawker::studio {

namespace {
using Clock = std::chrono::steady_clock;

std::string secondsText(int64_t ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms) / 1000.0);
    return text;
}

std::string rowsText(uint64_t count) {
    return std::to_string(count) + (count == 1 ? " row" : " rows");
}
} // namespace

OnAirLog::OnAirLog(const std::filesystem::path& path, int64_t sessionId, OnAirLogLimits limits)
    : m_db(path), m_session(sessionId), m_limits(limits) {
    m_thread = std::thread([this] {
        try {
            run();
        } catch (const std::exception& error) {
            logError(std::string("on-air log stopped: ") + error.what());
        }
    });
}

OnAirLog::~OnAirLog() {
    close();
}

uint64_t OnAirLog::enqueue(Row row) {
    std::lock_guard lock(m_mutex);
    const size_t cost = row.cost();
    if (m_waitingBytes + cost > m_limits.maxWaitingBytes) {
        // The bound is full only when the database has not taken a write for
        // a long time. The new row is dropped, not an old one: the queued rows
        // were promised to their senders ("stored once the database is
        // writable"), while whoever sent this one learns at once that it is lost.
        if (m_lost == m_lostReported) {
            m_lostFromMs = row.programMs;
            logError("on-air log: " + std::to_string(m_limits.maxWaitingBytes >> 20) +
                     " MiB of rows are waiting for the database; new timeline and audit rows are dropped "
                     "(and counted) until it takes them");
        }
        ++m_lost;
        m_lostToMs = row.programMs;
        return ++m_queued;
    }
    m_waitingBytes += cost;
    m_queue.push_back(std::move(row));
    m_changed.notify_one();
    return ++m_queued;
}

uint64_t OnAirLog::timeline(const TimelineRow& row) {
    // Encoded here, so the writer's transaction only binds text.
    Row stored{false, nowUtcMs(), row.programMs, toString(row.kind), maskSecrets(row.text()), {}, {}, false};
    stored.c = timelineFieldsText(withSecretsMasked(row));
    return enqueue(std::move(stored));
}

uint64_t OnAirLog::audit(const AuditEntry& entry) {
    return enqueue({true, entry.utcMs, entry.programMs, entry.actor.who, toString(entry.actor.role),
                    entry.command, maskSecrets(entry.message), entry.ok});
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

uint64_t OnAirLog::lost() const {
    std::lock_guard lock(m_mutex);
    return m_lost;
}

StoreHealth OnAirLog::health() const {
    std::lock_guard lock(m_mutex);
    return {m_writable, m_error, m_failingSinceUtcMs, m_queue.size() + m_retryRows, m_lost};
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
    auto lastBeat = Clock::now();
    // Rows taken from the queue and not stored yet, oldest first: a failed
    // batch is retried whole, with whatever queued since appended, as one
    // transaction, so a row is stored exactly once and in order.
    std::vector<Row> rows;
    std::optional<PendingState> state; ///< the newest state not stored yet
    std::chrono::milliseconds delay = m_limits.firstRetry;
    Clock::time_point retryAt{}, lastAttempt{};
    Clock::time_point giveUpAt = Clock::time_point::max(); ///< closing: when to stop retrying
    for (;;) {
        bool closing = false, failing = false;
        uint64_t sequence = 0;
        std::optional<Recovery> recovery;
        {
            std::unique_lock lock(m_mutex);
            failing = !m_writable;
            if (failing) {
                // Retry when the backoff says so; a sender waiting for its row
                // (or the close) brings it forward, never closer than
                // firstRetry to the last attempt.
                m_changed.wait_until(lock, retryAt, [&] { return m_closing || m_waiters > 0; });
                const auto earliest = lastAttempt + m_limits.firstRetry;
                while (Clock::now() < earliest)
                    m_changed.wait_until(lock, earliest);
            } else {
                // Batch: wake for a row, then collect what else arrives within
                // 200 ms, unless a sender waits for its row to be durable. Wake
                // at least once a second for the heartbeat.
                m_changed.wait_for(lock, std::chrono::seconds(1),
                                   [&] { return m_closing || !m_queue.empty() || m_state; });
                if (!m_closing && m_waiters == 0 && (!m_queue.empty() || m_state))
                    m_changed.wait_for(lock, std::chrono::milliseconds(200),
                                       [&] { return m_closing || m_waiters > 0; });
            }
            rows.insert(rows.end(), std::make_move_iterator(m_queue.begin()),
                        std::make_move_iterator(m_queue.end()));
            m_queue.clear();
            m_retryRows = rows.size();
            if (m_state) {
                state = std::move(m_state); // newer than the one a failed write held
                m_state.reset();
                m_savedVersion = state->version;
            }
            closing = m_closing;
            sequence = m_queued;
            if (failing || m_lost > m_lostReported)
                recovery = Recovery{
                    failing,      m_failingSinceUtcMs, failing ? rows.size() : 0, m_lost - m_lostReported,
                    m_lostFromMs, m_lostToMs};
        }
        const auto now = Clock::now();
        const bool beat = now - lastBeat >= std::chrono::milliseconds(900) || closing;
        if (beat) lastBeat = now;
        bool stored = true;
        std::string error;
        // While failing, every wake is an attempt: only a write that lands
        // says the database is writable again.
        if (!rows.empty() || state || beat || failing) {
            lastAttempt = Clock::now();
            stored = flush(rows, state, beat, recovery, error);
        }
        if (stored) {
            size_t bytes = 0;
            for (const Row& row : rows)
                bytes += row.cost();
            {
                std::lock_guard lock(m_mutex);
                m_durable = sequence;
                m_waitingBytes -= std::min(bytes, m_waitingBytes);
                m_written += rows.size();
                m_retryRows = 0;
                if (recovery) m_lostReported += recovery->lostRows;
                m_writable = true;
                m_error.clear();
                m_failingSinceUtcMs = 0;
            }
            m_durableChanged.notify_all();
            if (failing)
                logInfo("database writable again after " +
                        secondsText(nowUtcMs() - recovery->failingSinceUtcMs) + ": " + rowsText(rows.size()) +
                        " that waited are stored" +
                        (recovery->lostRows ? "; " + rowsText(recovery->lostRows) + " were dropped" : ""));
            rows.clear();
            state.reset();
            delay = m_limits.firstRetry;
            giveUpAt = Clock::time_point::max();
        } else {
            bool first = false, changed = false;
            {
                std::lock_guard lock(m_mutex);
                first = m_writable;
                changed = m_error != error;
                m_writable = false;
                m_error = error;
                if (first) m_failingSinceUtcMs = nowUtcMs();
            }
            // Said once per outage (and when the reason changes), not per retry.
            if (first)
                logError("database not writable: " + error + "; " + rowsText(rows.size()) +
                         " of the timeline and audit log" + (state ? " and the show state" : "") +
                         " are kept and retried, the show goes on");
            else if (changed)
                logWarning("database still not writable: " + error);
            retryAt = Clock::now() + delay;
            delay = std::min(delay * 2, m_limits.maxRetry);
        }
        if (closing) {
            if (stored) {
                std::lock_guard lock(m_mutex);
                if (m_queue.empty() && !m_state) return;
                continue;
            }
            if (giveUpAt == Clock::time_point::max()) giveUpAt = Clock::now() + m_limits.closeTimeout;
            if (Clock::now() >= giveUpAt) {
                logError(
                    "on-air log: " + rowsText(rows.size()) +
                    " of the timeline and audit log could not be stored before the show closed: " + error);
                return;
            }
        }
    }
}

bool OnAirLog::flush(const std::vector<Row>& rows, const std::optional<PendingState>& state, bool beat,
                     const std::optional<Recovery>& recovery, std::string& error) {
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
            TimelineInsert timeline(m_db);
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
                    timeline.add(m_session, row.utcMs, row.programMs, row.a, row.b, row.c);
                }
            }
            if (recovery) {
                // Made inside the transaction that lands, so it is stored
                // exactly once, after the rows that waited.
                timeline.add(m_session, nowUtcMs(),
                             TimelineRow::databaseRecovered(
                                 std::max<int64_t>(0, m_heartbeatMs.load()), recovery->outage,
                                 recovery->outage ? nowUtcMs() - recovery->failingSinceUtcMs : 0,
                                 static_cast<int64_t>(recovery->waitedRows),
                                 static_cast<int64_t>(recovery->lostRows), recovery->lostFromMs,
                                 recovery->lostToMs));
            }
        });
        return true;
    } catch (const std::exception& failure) {
        error = failure.what();
        const std::string prefix = "database: ";
        if (error.rfind(prefix, 0) == 0) error.erase(0, prefix.size());
        return false;
    }
}

} // namespace hawker::studio
