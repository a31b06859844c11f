#include "hawker/studio/store/event_store.hpp"

#include <algorithm>

namespace hawker::studio {

EventStore::EventStore(Database& db)
    : m_db(db),
      m_insert(db.prepare(
          "INSERT OR IGNORE INTO events (session_id, ts, ord, event_id, type, platform, viewer, sku, "
          "qty, amount_cents, order_id, coupon, text, masked_name, received_utc_ms, origin, currency, "
          "amount_micros) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)")),
      m_remove(db.prepare("DELETE FROM events WHERE session_id = ?1 AND event_id = ?2")),
      m_contains(db.prepare("SELECT 1 FROM events WHERE session_id = ?1 AND event_id = ?2")) {}

bool EventStore::contains(int64_t session, const std::string& eventId) {
    m_contains.reset();
    m_contains.bind(1, session).bind(2, eventId);
    const bool found = m_contains.step();
    m_contains.reset();
    return found;
}

bool EventStore::remove(int64_t session, const std::string& eventId) {
    m_remove.reset();
    m_remove.bind(1, session).bind(2, eventId);
    m_remove.run();
    const bool removed = m_remove.changes() > 0;
    m_remove.reset();
    return removed;
}

namespace {
bool hasQuantity(EventType type) {
    return type == EventType::Like || type == EventType::AddToCart || type == EventType::OrderCreated ||
           type == EventType::OrderPaid;
}
bool hasAmount(EventType type) {
    return type == EventType::OrderCreated || type == EventType::OrderPaid || type == EventType::Refund;
}
void bindOptional(Statement& statement, int index, const std::string& text) {
    if (text.empty())
        statement.bindNull(index);
    else
        statement.bindView(index, text);
}
} // namespace

StoreOutcome EventStore::insert(int64_t session, const std::vector<ViewerEvent>& events,
                                int64_t receivedUtcMs, std::vector<size_t>* fresh) {
    StoreOutcome outcome;
    for (size_t i = 0; i < events.size(); ++i) {
        const ViewerEvent& e = events[i];
        m_insert.bind(1, session).bind(2, e.ts).bind(3, static_cast<int64_t>(processingOrder(e.type)));
        m_insert.bindView(4, e.id).bind(5, static_cast<int64_t>(e.type));
        bindOptional(m_insert, 6, e.platform);
        if (e.viewer != 0)
            m_insert.bind(7, e.viewer);
        else
            m_insert.bindNull(7);
        bindOptional(m_insert, 8, e.sku);
        if (hasQuantity(e.type))
            m_insert.bind(9, e.quantity);
        else
            m_insert.bindNull(9);
        if (hasAmount(e.type))
            m_insert.bind(10, e.amountCents);
        else
            m_insert.bindNull(10);
        bindOptional(m_insert, 11, e.orderId);
        bindOptional(m_insert, 12, e.coupon);
        bindOptional(m_insert, 13, e.text);
        bindOptional(m_insert, 14, e.maskedName);
        m_insert.bind(15, receivedUtcMs);
        m_insert.bind(16, static_cast<int64_t>(e.origin));
        bindOptional(m_insert, 17, e.currency);
        if (e.type == EventType::PaidEngagement)
            m_insert.bind(18, e.amountMicros);
        else
            m_insert.bindNull(18);
        m_insert.step();
        const bool inserted = m_insert.changes() > 0;
        m_insert.reset();
        if (inserted) {
            ++outcome.accepted;
            if (fresh) fresh->push_back(i);
        } else {
            ++outcome.duplicates;
        }
    }
    return outcome;
}

namespace {
constexpr const char* kReadSql =
    "SELECT ts, type, viewer, qty, amount_cents, sku, order_id, coupon, text, masked_name, currency, "
    "amount_micros FROM events WHERE session_id = ?1 AND ts >= ?2 AND ts <= ?3 ORDER BY session_id, ts, ord, "
    "event_id";

/// One row into `e`; false for a type this hawker does not know (a newer one's).
bool decodeRow(const Statement& rows, ViewerEvent& e) {
    const int64_t type = rows.integer(1);
    if (type < 0 || type >= kEventTypeCount) return false;
    e.ts = rows.integer(0);
    e.type = static_cast<EventType>(type);
    e.viewer = rows.integer(2);
    e.quantity = rows.isNull(3) ? 1 : rows.integer(3);
    e.amountCents = rows.integer(4);
    // SQLite decodes a column only when it is read: read the text columns
    // only for the types that have them (most events are views and likes).
    switch (e.type) {
    case EventType::ProductClick:
    case EventType::AddToCart:
        e.sku.assign(rows.textView(5));
        break;
    case EventType::OrderCreated:
    case EventType::OrderPaid:
        e.sku.assign(rows.textView(5));
        e.orderId.assign(rows.textView(6));
        break;
    case EventType::Refund:
        e.orderId.assign(rows.textView(6));
        break;
    case EventType::CouponIssued:
    case EventType::CouponRedeemed:
        e.coupon.assign(rows.textView(7));
        break;
    case EventType::Comment:
    case EventType::PaidEngagement:
        e.text.assign(rows.textView(8));
        e.maskedName.assign(rows.textView(9));
        if (e.type == EventType::PaidEngagement) {
            e.currency.assign(rows.textView(10));
            e.amountMicros = rows.integer(11);
        }
        break;
    default:
        break;
    }
    return true;
}
} // namespace

void EventStore::forEachBatch(int64_t session, int64_t fromTs, int64_t toTs, size_t batch,
                              const std::function<void(std::vector<ViewerEvent>&)>& visit) {
    Statement rows = m_db.prepare(kReadSql);
    rows.bind(1, session).bind(2, fromTs).bind(3, toTs);
    batch = std::max<size_t>(1, batch);
    std::vector<ViewerEvent> run(batch);
    size_t filled = 0;
    while (rows.step()) {
        if (!decodeRow(rows, run[filled])) continue;
        if (++filled == batch) {
            visit(run);
            run.resize(batch);
            filled = 0;
        }
    }
    if (filled > 0) {
        run.resize(filled);
        visit(run);
    }
}

std::vector<ViewerEvent> EventStore::pendingOrders(int64_t session, const std::string& idPrefix,
                                                   const std::string& pendingSku, size_t limit) {
    Statement rows = m_db.prepare(
        "SELECT event_id, ts, platform, viewer, qty, amount_cents, order_id, origin FROM events"
        " WHERE session_id = ?1 AND type = ?2 AND sku = ?3 AND substr(event_id, 1, length(?4)) = ?4"
        " ORDER BY ts LIMIT ?5");
    rows.bind(1, session).bind(2, static_cast<int64_t>(EventType::OrderPaid)).bind(3, pendingSku);
    rows.bind(4, idPrefix).bind(5, static_cast<int64_t>(limit));
    std::vector<ViewerEvent> out;
    while (rows.step()) {
        ViewerEvent e;
        e.type = EventType::OrderPaid;
        e.id = rows.text(0);
        e.ts = rows.integer(1);
        e.platform = rows.isNull(2) ? std::string() : rows.text(2);
        e.viewer = rows.integer(3);
        e.quantity = rows.isNull(4) ? 1 : rows.integer(4);
        e.amountCents = rows.integer(5);
        e.orderId = rows.text(6);
        e.sku = pendingSku;
        const std::optional<int64_t> origin = rows.optionalInteger(7);
        if (origin && *origin >= 0 && *origin < kEventOriginCount)
            e.origin = static_cast<EventOrigin>(*origin);
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace hawker::studio
