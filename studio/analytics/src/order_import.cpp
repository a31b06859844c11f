#include "hawker/studio/analytics/order_import.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/store/export_order_store.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

namespace {

/// The ids of orders that already have a sale (or a refund) in the session, by
/// any event id, with the main order of each line: what an export must not
/// count a second time. A live order's lines are keyed by their position
/// (ORDER/1) and the export's by the sub-order (ORDER/ORDER1): they meet on ORDER.
std::set<std::string> knownOrders(Database& reader, int64_t session, EventType type) {
    std::set<std::string> ids;
    Statement find = reader.prepare("SELECT DISTINCT order_id FROM events"
                                    " WHERE session_id = ?1 AND type = ?2 AND order_id IS NOT NULL");
    find.bind(1, session).bind(2, static_cast<int64_t>(type));
    while (find.step()) {
        std::string id = find.text(0);
        ids.insert(mainOrderId(id));
        ids.insert(std::move(id));
    }
    return ids;
}

/// What the export says about each order of one sheet, summed over its lines:
/// kept for the reconciliation even when every line is a duplicate of a live sale.
void addExportOrders(std::map<std::string, ExportOrder>& orders, const std::vector<ViewerEvent>& events,
                     const std::string& platform, const std::string& file) {
    const std::string name = std::filesystem::path(file).filename().string();
    for (const ViewerEvent& e : events) {
        if (e.type != EventType::OrderPaid && e.type != EventType::Refund) continue;
        ExportOrder& order = orders[mainOrderId(e.orderId)];
        if (order.orderId.empty()) {
            order.orderId = mainOrderId(e.orderId);
            order.platform = platform;
            order.file = name;
            order.paidUtcMs = e.ts;
        }
        if (e.type == EventType::OrderPaid) {
            order.paidCents += e.amountCents;
            ++order.lines;
            order.paidUtcMs = std::min(order.paidUtcMs, e.ts);
        } else {
            order.refundedCents += e.amountCents;
        }
    }
}

} // namespace

nlohmann::json OrderImportResult::toJson(bool withFiles) const {
    nlohmann::json rows = nlohmann::json::array();
    for (const RowRejection& r : rejected) {
        nlohmann::json row = {{"line", r.line}, {"reason", r.reason}};
        if (withFiles) row["file"] = r.file;
        rows.push_back(std::move(row));
    }
    std::string encoding;
    for (const std::string& e : encodings)
        if (encoding.find(e) == std::string::npos) encoding += (encoding.empty() ? "" : ",") + e;
    return {{"accepted", accepted},
            {"duplicates", duplicates},
            {"rejected", rows},
            {"outside_window", outsideWindow},
            {"encoding", encoding}};
}

OrderImportResult importOrderSheets(EventIngest& ingest, Database& reader, int64_t session,
                                    std::vector<Sheet> sheets, const OrderColumns& columns, bool skipBad) {
    OrderImportResult result;
    std::vector<ViewerEvent> events;
    std::map<std::string, ExportOrder> exported;
    for (Sheet& sheet : sheets) {
        ExportEvents converted = orderEventsFromSheet(sheet, columns, ingest.hasher());
        // Its cells are done with: the memory goes to the store's page cache instead.
        sheet.rows = {};
        addExportOrders(exported, converted.events, columns.platform, sheet.file);
        result.encodings.push_back(sheet.encoding);
        result.notPaid += converted.notPaid;
        result.duplicates += converted.duplicateRows;
        result.rejected.insert(result.rejected.end(), converted.rejected.begin(), converted.rejected.end());
        if (events.empty())
            events = std::move(converted.events); // one file, the usual case: no copy
        else
            std::move(converted.events.begin(), converted.events.end(), std::back_inserter(events));
    }
    if (!result.rejected.empty() && !skipBad) return result; // a file with bad rows changes nothing

    const std::set<std::string> paid = knownOrders(reader, session, EventType::OrderPaid);
    const std::set<std::string> refunded = knownOrders(reader, session, EventType::Refund);
    std::set<std::string> ownIds; // this import's own events are deduplicated by the store, on their ids
    {
        Statement mine =
            reader.prepare("SELECT event_id FROM events WHERE session_id = ?1 AND event_id LIKE ?2");
        mine.bind(1, session).bind(2, columns.platform + ":%");
        while (mine.step())
            ownIds.insert(mine.text(0));
    }
    // Filtered in place: a 200,000-row export's events are not copied again.
    std::vector<ViewerEvent> fresh = std::move(events);
    const auto kept = std::remove_if(fresh.begin(), fresh.end(), [&](const ViewerEvent& event) {
        if (ownIds.count(event.id) > 0) return false;
        const std::set<std::string>& seen = event.type == EventType::Refund ? refunded : paid;
        if (!seen.count(event.orderId) && !seen.count(mainOrderId(event.orderId))) return false;
        ++result.duplicates; // the same order, delivered by another source
        return true;
    });
    fresh.erase(kept, fresh.end());

    const std::optional<Session> found = SessionStore(reader).find(session);
    std::vector<char> outside;
    for (const ViewerEvent& event : fresh) {
        const bool before = found && found->startUtcMs && event.ts < *found->startUtcMs;
        const bool after = found && found->endUtcMs && event.ts > *found->endUtcMs;
        outside.push_back(event.type == EventType::OrderPaid && (before || after));
    }
    // Only events that were new can be outside the window of this import's answer.
    for (size_t i = 0; i < fresh.size(); ++i)
        if (outside[i] && !ownIds.count(fresh[i].id)) ++result.outsideWindow;
    const StoreOutcome outcome = ingest.store(session, std::move(fresh));
    result.accepted = outcome.accepted;
    result.duplicates += outcome.duplicates;
    // After the sales: a failure here leaves them stored, and importing the
    // same files again (which adds no sale) records the export's figures.
    std::vector<ExportOrder> records;
    records.reserve(exported.size());
    for (auto& [id, order] : exported)
        if (order.lines > 0) records.push_back(std::move(order)); // a refund alone sold nothing here
    ExportOrderStore(reader).record(session, records, nowUtcMs());
    result.stored = true;
    return result;
}

} // namespace hawker::studio
