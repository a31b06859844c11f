// The reconciliation of orders seen live against the platform's export:
// each state, lines summed into their main order, a line a second live source
// repeats counted once, and export-file events never taken for live ones.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/order_reconciliation.hpp"
#include "hawker/studio/store/event_store.hpp"
#include "hawker/studio/store/export_order_store.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "temp_db.hpp"

using namespace hawker::studio;

namespace {

constexpr int64_t kStart = 1796382000000;

ViewerEvent paid(const std::string& id, const std::string& order, int64_t cents, EventOrigin origin,
                 int64_t ts = kStart + 60000) {
    ViewerEvent e;
    e.id = id;
    e.type = EventType::OrderPaid;
    e.ts = ts;
    e.platform = "douyin";
    e.viewer = 7;
    e.sku = "SERUM-50";
    e.orderId = order;
    e.amountCents = cents;
    e.origin = origin;
    return e;
}

ExportOrder exported(const std::string& order, int64_t cents) {
    ExportOrder o;
    o.orderId = order;
    o.platform = "douyin";
    o.paidUtcMs = kStart + 60000;
    o.paidCents = cents;
    o.lines = 1;
    o.file = "orders.csv";
    return o;
}

} // namespace

TEST(OrderReconciliation, EveryStateWithLinesSummedAndRepeatsCountedOnce) {
    TempDb temp("reconcile");
    Database db(temp.path);
    const int64_t session = SessionStore(db).create("show", "", kStart, false).id;
    EventStore store(db);
    db.transaction([&] {
        store.insert(session,
                     {paid("w1", "A1", 1000, EventOrigin::LiveWebhook),
                      paid("i1", "A1", 1000, EventOrigin::Ingest, kStart + 61000), // same order, again
                      paid("w2a", "A2/1", 500, EventOrigin::LiveWebhook),
                      paid("w2b", "A2/2", 300, EventOrigin::LiveWebhook),
                      paid("i3", "A3", 700, EventOrigin::Ingest),
                      paid("x5", "A5", 400, EventOrigin::ExportFile)},
                     kStart);
    });
    ExportOrderStore(db).record(
        session, {exported("A1", 1000), exported("A2", 900), exported("A4", 250), exported("A5", 400)},
        kStart + 7200000);

    const OrderReconciliation r = reconcileOrders(db, session);
    EXPECT_EQ(r.exportOrders, 4u);
    EXPECT_EQ(r.liveOrders, 3u); // A1, A2, A3: A5 came from the export only
    EXPECT_EQ(r.counts.at(ReconciledState::Matched), 1u);
    EXPECT_EQ(r.counts.at(ReconciledState::AmountDiffers), 1u);
    EXPECT_EQ(r.counts.at(ReconciledState::OnlyLive), 1u);
    EXPECT_EQ(r.counts.at(ReconciledState::OnlyExport), 2u);
    EXPECT_EQ(r.liveCents.at(ReconciledState::Matched), 1000); // A1 once, not twice
    EXPECT_EQ(r.liveCents.at(ReconciledState::AmountDiffers), 800);
    EXPECT_EQ(r.exportCents.at(ReconciledState::AmountDiffers), 900);
    EXPECT_EQ(r.exportCents.at(ReconciledState::OnlyExport), 650);
    EXPECT_EQ(r.ordersByOrigin.at("live webhook"), 2u);
    EXPECT_EQ(r.ordersByOrigin.at("ingest"), 1u);
    EXPECT_EQ(r.ordersByOrigin.at("export file"), 1u);
    ASSERT_EQ(r.differences.size(), 4u);
    const nlohmann::json j = r.toJson();
    EXPECT_EQ(j.at("groups").at("amount_differs").at("orders"), 1);
    bool sawA2 = false;
    for (const auto& d : j.at("differences"))
        if (d.at("order_id") == "A2") {
            sawA2 = true;
            EXPECT_EQ(d.at("state"), "amount_differs");
            EXPECT_EQ(d.at("live_cents"), 800);
            EXPECT_EQ(d.at("export_cents"), 900);
            EXPECT_EQ(d.at("live_origin"), "live webhook");
        }
    EXPECT_TRUE(sawA2);
}

TEST(OrderReconciliation, WithoutAnExportNothingIsJudgedAndAReimportReplacesTheRecord) {
    TempDb temp("reconcile-none");
    Database db(temp.path);
    const int64_t session = SessionStore(db).create("show", "", kStart, false).id;
    EventStore store(db);
    db.transaction(
        [&] { store.insert(session, {paid("w1", "A1", 1000, EventOrigin::LiveWebhook)}, kStart); });
    OrderReconciliation r = reconcileOrders(db, session);
    EXPECT_EQ(r.exportOrders, 0u);
    EXPECT_TRUE(r.counts.empty());
    EXPECT_FALSE(r.toJson().at("export_imported").get<bool>());

    ExportOrderStore exports(db);
    exports.record(session, {exported("A1", 900)}, kStart + 1);
    EXPECT_EQ(reconcileOrders(db, session).counts.at(ReconciledState::AmountDiffers), 1u);
    exports.record(session, {exported("A1", 1000)}, kStart + 2); // the platform's later word
    r = reconcileOrders(db, session);
    EXPECT_EQ(r.exportOrders, 1u);
    EXPECT_EQ(r.counts.at(ReconciledState::Matched), 1u);
}
