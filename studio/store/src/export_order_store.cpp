#include "hawker/studio/store/export_order_store.hpp"

namespace hawker::studio {

void ExportOrderStore::record(int64_t session, const std::vector<ExportOrder>& orders,
                              int64_t importedUtcMs) {
    if (orders.empty()) return;
    m_db.transaction([&] {
        Statement upsert = m_db.prepare(
            "INSERT INTO export_orders (session_id, order_id, platform, paid_utc_ms, paid_cents, "
            "refunded_cents, lines, file, imported_utc_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
            "ON CONFLICT (session_id, order_id) DO UPDATE SET platform = excluded.platform, "
            "paid_utc_ms = excluded.paid_utc_ms, paid_cents = excluded.paid_cents, "
            "refunded_cents = excluded.refunded_cents, lines = excluded.lines, file = excluded.file, "
            "imported_utc_ms = excluded.imported_utc_ms");
        for (const ExportOrder& o : orders) {
            upsert.bind(1, session).bindView(2, o.orderId).bindView(3, o.platform).bind(4, o.paidUtcMs);
            upsert.bind(5, o.paidCents).bind(6, o.refundedCents).bind(7, o.lines).bindView(8, o.file);
            upsert.bind(9, importedUtcMs);
            upsert.step();
            upsert.reset();
        }
    });
}

std::vector<ExportOrder> ExportOrderStore::list(int64_t session) {
    std::vector<ExportOrder> orders;
    Statement select = m_db.prepare("SELECT order_id, platform, paid_utc_ms, paid_cents, refunded_cents, "
                                    "lines, file FROM export_orders WHERE session_id = ?1 ORDER BY order_id");
    select.bind(1, session);
    while (select.step()) {
        ExportOrder o;
        o.orderId = select.text(0);
        o.platform = select.text(1);
        o.paidUtcMs = select.integer(2);
        o.paidCents = select.integer(3);
        o.refundedCents = select.integer(4);
        o.lines = select.integer(5);
        o.file = select.text(6);
        orders.push_back(std::move(o));
    }
    return orders;
}

} // namespace hawker::studio
