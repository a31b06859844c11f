#include "hawker/studio/analytics/order_reconciliation.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/order_export.hpp"
#include "hawker/studio/store/export_order_store.hpp"
#include "hawker/studio/store/viewer_event.hpp"

namespace hawker::studio {

const char* toString(ReconciledState state) {
    switch (state) {
    case ReconciledState::Matched:
        return "matched";
    case ReconciledState::OnlyLive:
        return "only_live";
    case ReconciledState::OnlyExport:
        return "only_export";
    case ReconciledState::AmountDiffers:
        return "amount_differs";
    }
    return "matched";
}

namespace {

struct LiveOrder {
    int64_t cents = 0;
    std::string origin;
};

std::string originName(const Statement& rows, int column) {
    if (rows.isNull(column)) return "unrecorded"; // stored before origins were kept
    const int64_t code = rows.integer(column);
    return code >= 0 && code < kEventOriginCount ? toString(static_cast<EventOrigin>(code)) : "unknown";
}

} // namespace

OrderReconciliation reconcileOrders(Database& db, int64_t session) {
    OrderReconciliation out;
    // Paid lines by line key, the first event of each (a line a second live
    // source repeats is one sale), summed into their main orders.
    std::map<std::string, LiveOrder> live;
    std::set<std::string> lineKeys;
    std::map<std::string, std::string> firstOrigin;
    Statement rows = db.prepare("SELECT order_id, amount_cents, origin FROM events WHERE session_id = ?1 "
                                "AND type = ?2 AND order_id IS NOT NULL ORDER BY ts, ord, event_id");
    rows.bind(1, session).bind(2, static_cast<int64_t>(EventType::OrderPaid));
    while (rows.step()) {
        const std::string key = rows.text(0);
        if (!lineKeys.insert(key).second) continue;
        const std::string origin = originName(rows, 2);
        const std::string main = mainOrderId(key);
        firstOrigin.try_emplace(main, origin);
        if (!rows.isNull(2) && rows.integer(2) == static_cast<int64_t>(EventOrigin::ExportFile)) continue;
        LiveOrder& order = live[main];
        order.cents += rows.integer(1);
        if (order.origin.empty()) order.origin = origin;
    }
    for (const auto& [id, origin] : firstOrigin)
        ++out.ordersByOrigin[origin];
    out.liveOrders = live.size();

    const std::vector<ExportOrder> exported = ExportOrderStore(db).list(session);
    out.exportOrders = exported.size();
    if (exported.empty()) return out; // nothing to reconcile against yet

    std::set<std::string> seenInExport;
    auto add = [&](ReconciledOrder order) {
        ++out.counts[order.state];
        out.liveCents[order.state] += order.liveCents.value_or(0);
        out.exportCents[order.state] += order.exportCents.value_or(0);
        if (order.state == ReconciledState::Matched) return;
        if (out.differences.size() < OrderReconciliation::kMaxListed)
            out.differences.push_back(std::move(order));
        else
            ++out.unlisted;
    };
    for (const ExportOrder& e : exported) {
        seenInExport.insert(e.orderId);
        ReconciledOrder order;
        order.orderId = e.orderId;
        order.exportCents = e.paidCents;
        if (const auto it = live.find(e.orderId); it != live.end()) {
            order.liveCents = it->second.cents;
            order.liveOrigin = it->second.origin;
            order.state =
                it->second.cents == e.paidCents ? ReconciledState::Matched : ReconciledState::AmountDiffers;
        } else {
            order.state = ReconciledState::OnlyExport;
        }
        add(std::move(order));
    }
    for (const auto& [id, order] : live) {
        if (seenInExport.count(id)) continue;
        ReconciledOrder only;
        only.orderId = id;
        only.state = ReconciledState::OnlyLive;
        only.liveCents = order.cents;
        only.liveOrigin = order.origin;
        add(std::move(only));
    }
    return out;
}

nlohmann::json OrderReconciliation::toJson() const {
    nlohmann::json groups = nlohmann::json::object();
    for (const ReconciledState state : {ReconciledState::Matched, ReconciledState::OnlyLive,
                                        ReconciledState::OnlyExport, ReconciledState::AmountDiffers}) {
        const auto count = counts.find(state);
        const auto liveSum = liveCents.find(state);
        const auto exportSum = exportCents.find(state);
        groups[toString(state)] = {{"orders", count == counts.end() ? 0 : count->second},
                                   {"live_cents", liveSum == liveCents.end() ? 0 : liveSum->second},
                                   {"export_cents", exportSum == exportCents.end() ? 0 : exportSum->second}};
    }
    nlohmann::json listed = nlohmann::json::array();
    for (const ReconciledOrder& o : differences) {
        nlohmann::json row = {{"order_id", o.orderId}, {"state", toString(o.state)}};
        row["live_cents"] = o.liveCents ? nlohmann::json(*o.liveCents) : nlohmann::json();
        row["export_cents"] = o.exportCents ? nlohmann::json(*o.exportCents) : nlohmann::json();
        row["live_origin"] = o.liveOrigin.empty() ? nlohmann::json() : nlohmann::json(o.liveOrigin);
        listed.push_back(std::move(row));
    }
    return {{"export_imported", exportOrders > 0}, {"export_orders", exportOrders},
            {"live_orders", liveOrders},           {"groups", std::move(groups)},
            {"orders_by_origin", ordersByOrigin},  {"differences", std::move(listed)},
            {"differences_unlisted", unlisted}};
}

} // namespace hawker::studio
