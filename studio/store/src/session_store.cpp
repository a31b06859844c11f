#include "hawker/studio/store/session_store.hpp"

#include <chrono>

namespace hawker::studio {

namespace {
constexpr const char* kColumns =
    "id, title, COALESCE(tag, ''), state, rehearsal, start_utc_ms, end_utc_ms, "
    "created_utc_ms, platforms, targets_json, last_seen_utc_ms, last_program_ms, variant, host";

Session readSession(const Statement& row) {
    Session s;
    s.id = row.integer(0);
    s.title = row.text(1);
    s.tag = row.text(2);
    s.state = row.text(3);
    s.rehearsal = row.integer(4) != 0;
    s.startUtcMs = row.optionalInteger(5);
    s.endUtcMs = row.optionalInteger(6);
    s.createdUtcMs = row.integer(7);
    s.platforms = row.text(8);
    s.targetsJson = row.text(9);
    s.lastSeenUtcMs = row.optionalInteger(10);
    s.lastProgramMs = row.optionalInteger(11);
    s.variant = row.text(12);
    s.host = row.text(13);
    return s;
}
} // namespace

int64_t nowUtcMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Session SessionStore::create(const std::string& title, const std::string& tag,
                             std::optional<int64_t> startUtcMs, bool rehearsal) {
    if (title.empty()) throw StoreError("a session needs a title");
    if (startUtcMs && *startUtcMs < 0) throw StoreError("--start must be UTC milliseconds (0 or more)");
    Statement insert =
        m_db.prepare("INSERT INTO sessions (title, tag, state, rehearsal, start_utc_ms, created_utc_ms) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bind(1, title);
    if (tag.empty())
        insert.bindNull(2);
    else
        insert.bind(2, tag);
    insert.bind(3, std::string(startUtcMs ? "live" : "planned"));
    insert.bind(4, int64_t{rehearsal ? 1 : 0});
    insert.bind(5, startUtcMs);
    insert.bind(6, nowUtcMs());
    insert.run();
    return *find(m_db.lastInsertId());
}

void SessionStore::setHost(int64_t id, const std::string& host) {
    if (host.size() > 64) throw StoreError("a host is a name, at most 64 bytes");
    Statement update = m_db.prepare("UPDATE sessions SET host = ?2 WHERE id = ?1");
    update.bind(1, id).bind(2, host);
    update.run();
}

void SessionStore::setVariant(int64_t id, const std::string& variant) {
    if (variant.size() > 32) throw StoreError("a variant is a short label (A, B, …), at most 32 bytes");
    Statement update = m_db.prepare("UPDATE sessions SET variant = ?2 WHERE id = ?1");
    update.bind(1, id).bind(2, variant);
    update.run();
}

void SessionStore::setRundown(int64_t id, const std::vector<SegmentSpec>& rundown,
                              const std::vector<ProductSpec>& products) {
    m_db.transaction([&] {
        Statement clearSegments = m_db.prepare("DELETE FROM rundown WHERE session_id = ?1");
        clearSegments.bind(1, id);
        clearSegments.run();
        Statement segment =
            m_db.prepare("INSERT INTO rundown (session_id, idx, kind, title, sku, planned_seconds) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        for (size_t i = 0; i < rundown.size(); ++i) {
            const SegmentSpec& s = rundown[i];
            segment.bind(1, id).bind(2, static_cast<int64_t>(i + 1)).bind(3, std::string(toString(s.kind)));
            segment.bind(4, s.title).bind(5, s.sku).bind(6, int64_t{s.plannedSeconds});
            segment.run();
        }
        Statement product =
            m_db.prepare("INSERT OR REPLACE INTO session_products (session_id, sku, name, price_cents) "
                         "VALUES (?1, ?2, ?3, ?4)");
        for (const ProductSpec& p : products) {
            product.bind(1, id).bind(2, p.sku).bind(3, p.name).bind(4, p.priceCents);
            product.run();
        }
    });
}

Session SessionStore::end(int64_t id, std::optional<int64_t> atUtcMs) {
    std::optional<Session> session = find(id);
    if (!session) throw StoreError("no session " + std::to_string(id));
    if (session->state == "ended") throw StoreError("session " + std::to_string(id) + " has already ended");
    const int64_t at = atUtcMs.value_or(nowUtcMs());
    if (session->startUtcMs && at < *session->startUtcMs)
        throw StoreError("session " + std::to_string(id) + " cannot end before it started (" +
                         std::to_string(*session->startUtcMs) + ")");
    Statement update = m_db.prepare("UPDATE sessions SET state = 'ended', end_utc_ms = ?1, start_utc_ms = "
                                    "COALESCE(start_utc_ms, ?1) WHERE id = ?2");
    update.bind(1, at).bind(2, id).run();
    return *find(id);
}

void SessionStore::setPlan(int64_t id, const std::string& platforms, const std::string& targetsJson) {
    m_db.prepare("UPDATE sessions SET platforms = ?1, targets_json = ?2 WHERE id = ?3")
        .bind(1, platforms)
        .bind(2, targetsJson)
        .bind(3, id)
        .run();
}

void SessionStore::setOffers(int64_t id, const std::vector<CouponSpec>& coupons,
                             const std::vector<PromotionSpec>& promotions) {
    m_db.transaction([&] {
        Statement coupon = m_db.prepare("INSERT INTO coupons (session_id, coupon_id, title, discount_cents, "
                                        "min_spend_cents, total) VALUES (?1, "
                                        "?2, ?3, ?4, ?5, ?6) ON CONFLICT (session_id, coupon_id) DO NOTHING");
        for (const CouponSpec& c : coupons)
            coupon.bind(1, id)
                .bind(2, c.id)
                .bind(3, c.title)
                .bind(4, c.discountCents)
                .bind(5, c.minSpendCents)
                .bind(6, c.total)
                .run();
        Statement promotion = m_db.prepare("INSERT INTO promotions (session_id, promotion_id, title, "
                                           "threshold_cents, discount_cents) VALUES (?1, ?2, "
                                           "?3, ?4, ?5) ON CONFLICT (session_id, promotion_id) DO NOTHING");
        for (const PromotionSpec& p : promotions)
            promotion.bind(1, id)
                .bind(2, p.id)
                .bind(3, p.title)
                .bind(4, p.thresholdCents)
                .bind(5, p.discountCents)
                .run();
    });
}

Session SessionStore::goLive(int64_t id) {
    std::optional<Session> session = find(id);
    if (!session) throw StoreError("no session " + std::to_string(id));
    if (session->state == "ended") throw StoreError("session " + std::to_string(id) + " has already ended");
    m_db.prepare(
            "UPDATE sessions SET state = 'live', start_utc_ms = COALESCE(start_utc_ms, ?1) WHERE id = ?2")
        .bind(1, nowUtcMs())
        .bind(2, id)
        .run();
    return *find(id);
}

std::vector<Session> SessionStore::live() {
    Statement select =
        m_db.prepare(std::string("SELECT ") + kColumns + " FROM sessions WHERE state = 'live' ORDER BY id");
    std::vector<Session> sessions;
    while (select.step())
        sessions.push_back(readSession(select));
    return sessions;
}

ResumePoint SessionStore::resumePoint(int64_t id) {
    std::optional<Session> session = find(id);
    if (!session) throw StoreError("no session " + std::to_string(id));
    if (session->state != "live")
        throw StoreError("session " + std::to_string(id) + " is " + session->state +
                         ", not live; only a live "
                         "session whose show stopped can be resumed");
    ResumePoint point{*session, std::nullopt, session->lastProgramMs.value_or(0),
                      session->lastSeenUtcMs.value_or(session->startUtcMs.value_or(nowUtcMs()))};
    Statement select = m_db.prepare("SELECT state_json, program_ms FROM show_state WHERE session_id = ?1");
    select.bind(1, id);
    if (select.step()) {
        point.stateJson = select.text(0);
        point.lastProgramMs = std::max(point.lastProgramMs, select.integer(1));
    }
    return point;
}

std::optional<Session> SessionStore::find(int64_t id) {
    Statement select = m_db.prepare(std::string("SELECT ") + kColumns + " FROM sessions WHERE id = ?1");
    select.bind(1, id);
    if (!select.step()) return std::nullopt;
    return readSession(select);
}

std::vector<Session> SessionStore::list() {
    Statement select = m_db.prepare(std::string("SELECT ") + kColumns + " FROM sessions ORDER BY id");
    std::vector<Session> sessions;
    while (select.step())
        sessions.push_back(readSession(select));
    return sessions;
}

} // namespace hawker::studio
