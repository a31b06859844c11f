// What order webhook messages become: 抖店's array with its data as a JSON
// string (fen amounts, tag 0 verification), TikTok Shop's status changes,
// Shopify's paid orders with line items and its refunds; and that a retried
// message is one event in a real SQLite session.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/analytics/order_webhooks.hpp"
#include "hawker/studio/base/viewer_hasher.hpp"
#include "hawker/studio/store/session_store.hpp"

#include "temp_db.hpp"

using namespace hawker::studio;

namespace {

const ViewerHasher kHasher("order-webhooks-test-key");
constexpr int64_t kNow = 1796385600000;

std::string douyin(const std::string& tag, const std::string& msgId, const std::string& data) {
    nlohmann::json message = {{"tag", tag}, {"msg_id", msgId}, {"data", data}};
    return nlohmann::json::array({message}).dump();
}

} // namespace

TEST(OrderWebhooks, DouyinPaidDataIsAJsonStringInFen) {
    const WebhookEvents out = douyinShopEvents(
        douyin("101", "7012",
               R"({"p_id":6912345678901234567,"s_ids":[1],"pay_amount":12990,"pay_time":1796385000})"),
        kHasher, kNow);
    ASSERT_EQ(out.events.size(), 1u);
    const ViewerEvent& e = out.events[0];
    EXPECT_EQ(e.type, EventType::OrderPaid);
    EXPECT_EQ(e.id, "webhook:douyin-shop:7012");
    EXPECT_EQ(e.orderId, "6912345678901234567");
    EXPECT_EQ(e.amountCents, 12990);
    EXPECT_EQ(e.ts, 1796385000000);
    EXPECT_EQ(e.sku, kPendingSku);
    EXPECT_EQ(e.platform, "douyin");
}

TEST(OrderWebhooks, DouyinVerificationAndOtherTagsStoreNothing) {
    WebhookEvents out = douyinShopEvents(douyin("0", "v1", "{}"), kHasher, kNow);
    EXPECT_TRUE(out.events.empty());
    EXPECT_EQ(out.ignored, 1u);
    EXPECT_TRUE(out.rejected.empty());
    out = douyinShopEvents(douyin("106", "c1", R"({"p_id":1})"), kHasher, kNow);
    EXPECT_TRUE(out.events.empty());
    EXPECT_EQ(out.ignored, 1u);
}

TEST(OrderWebhooks, DouyinRefundAndBadMessages) {
    WebhookEvents out = douyinShopEvents(
        douyin("206", "r1", R"({"p_id":"69001","refund_amount":5000,"update_time":1796386000})"), kHasher,
        kNow);
    ASSERT_EQ(out.events.size(), 1u);
    EXPECT_EQ(out.events[0].type, EventType::Refund);
    EXPECT_EQ(out.events[0].orderId, "69001");
    EXPECT_EQ(out.events[0].amountCents, 5000);
    // data as an object instead of a string, a fractional amount: that message only is refused.
    const std::string body = R"([{"tag":"101","msg_id":"a","data":{"p_id":1}},)"
                             R"({"tag":"101","msg_id":"b","data":"{\"p_id\":2,\"pay_amount\":\"12.5\"}"},)"
                             R"({"tag":"101","msg_id":"c","data":"{\"p_id\":3,\"pay_amount\":\"500\"}"}])";
    out = douyinShopEvents(body, kHasher, kNow);
    EXPECT_EQ(out.messages, 3u);
    EXPECT_EQ(out.rejected.size(), 2u);
    ASSERT_EQ(out.events.size(), 1u);
    EXPECT_EQ(out.events[0].amountCents, 500);
    EXPECT_EQ(out.events[0].ts, kNow); // no pay_time: the time it arrived
    EXPECT_THROW(douyinShopEvents("{\"tag\":1}", kHasher, kNow), WebhookBodyError);
    EXPECT_THROW(douyinShopEvents("not json", kHasher, kNow), WebhookBodyError);
}

TEST(OrderWebhooks, TiktokAwaitingShipmentIsPaidOtherStatusesAreNot) {
    const std::string paid =
        R"({"type":1,"tts_notification_id":"n-77","shop_id":"s","timestamp":1796385100,)"
        R"("data":{"order_id":"5770001","order_status":"AWAITING_SHIPMENT","is_on_hold_order":false,"update_time":1796385099}})";
    WebhookEvents out = tiktokShopEvents(paid, kHasher, kNow);
    ASSERT_EQ(out.events.size(), 1u);
    EXPECT_EQ(out.events[0].id, "webhook:tiktok-shop:n-77");
    EXPECT_EQ(out.events[0].orderId, "5770001");
    EXPECT_EQ(out.events[0].ts, 1796385099000);
    EXPECT_EQ(out.events[0].sku, kPendingSku);
    for (const char* status : {"UNPAID", "ON_HOLD", "CANCEL", "IN_TRANSIT", "COMPLETED"}) {
        std::string other = paid;
        other.replace(other.find("AWAITING_SHIPMENT"), 17, status);
        out = tiktokShopEvents(other, kHasher, kNow);
        EXPECT_TRUE(out.events.empty()) << status;
        EXPECT_EQ(out.ignored, 1u) << status;
    }
    out = tiktokShopEvents(R"({"type":2,"data":{}})", kHasher, kNow);
    EXPECT_EQ(out.ignored, 1u);
}

TEST(OrderWebhooks, ShopifyPaidOrderLineItemsAndRefund) {
    const std::string order =
        R"({"id":820982911946154508,"name":"#1001","processed_at":"2026-12-04T20:00:00+08:00",)"
        R"("line_items":[{"sku":"SERUM-50","quantity":2,"price":"99.00"},{"sku":"MASK-1","quantity":1,"price":"1,299.50"}]})";
    WebhookEvents out = shopifyEvents("orders/paid", "wh-1", order, kHasher, kNow);
    ASSERT_EQ(out.events.size(), 2u);
    EXPECT_EQ(out.events[0].id, "webhook:shopify:wh-1/1");
    EXPECT_EQ(out.events[0].orderId, "820982911946154508/1");
    EXPECT_EQ(out.events[0].sku, "SERUM-50");
    EXPECT_EQ(out.events[0].quantity, 2);
    EXPECT_EQ(out.events[0].amountCents, 19800);
    EXPECT_EQ(out.events[0].ts, 1796385600000); // 20:00 in +08:00 is 12:00 UTC
    EXPECT_EQ(out.events[1].amountCents, 129950);
    const std::string refund =
        R"({"id":509562969,"order_id":820982911946154508,"created_at":"2026-12-04T20:30:00+08:00",)"
        R"("transactions":[{"kind":"refund","status":"success","amount":"99.00"},{"kind":"refund","status":"failure","amount":"5.00"}]})";
    out = shopifyEvents("refunds/create", "wh-2", refund, kHasher, kNow);
    ASSERT_EQ(out.events.size(), 1u);
    EXPECT_EQ(out.events[0].type, EventType::Refund);
    EXPECT_EQ(out.events[0].amountCents, 9900);
    EXPECT_EQ(out.events[0].orderId, "820982911946154508");
    out = shopifyEvents("orders/create", "wh-3", order, kHasher, kNow);
    EXPECT_TRUE(out.events.empty());
    EXPECT_EQ(out.ignored, 1u);
    EXPECT_THROW(shopifyEvents("orders/paid", "", order, kHasher, kNow), WebhookBodyError);
    // A line with a bad price refuses the whole order, never half of it.
    std::string bad = order;
    bad.replace(bad.find("\"99.00\""), 7, "\"99,5\"");
    out = shopifyEvents("orders/paid", "wh-4", bad, kHasher, kNow);
    EXPECT_TRUE(out.events.empty());
    EXPECT_EQ(out.rejected.size(), 1u);
}

TEST(OrderWebhooks, ARetriedMessageIsOneEventEvenAfterARestart) {
    TempDb temp("order-webhooks");
    {
        Database db(temp.path);
        SessionStore(db).create("show", "", kNow - 3600000, false);
    }
    const auto hasher = std::make_shared<const ViewerHasher>("order-webhooks-test-key");
    const std::string body =
        douyin("101", "retried-1", R"({"p_id":42,"pay_amount":990,"pay_time":1796385000})");
    StoreOutcome first, again, afterRestart;
    {
        EventIngest ingest(temp.path, hasher);
        first = ingest.store(1, douyinShopEvents(body, kHasher, kNow).events);
        again = ingest.store(1, douyinShopEvents(body, kHasher, kNow + 120000).events);
    }
    {
        // The show restarted (a new writer on the same file): the platform's
        // retry 30 minutes later is still known.
        EventIngest ingest(temp.path, hasher);
        afterRestart = ingest.store(1, douyinShopEvents(body, kHasher, kNow + 1800000).events);
    }
    EXPECT_EQ(first.accepted, 1u);
    EXPECT_EQ(again.accepted, 0u);
    EXPECT_EQ(again.duplicates, 1u);
    EXPECT_EQ(afterRestart.accepted, 0u);
    EXPECT_EQ(afterRestart.duplicates, 1u);
    Database reader(temp.path, Database::Threading::OneThread);
    Statement count = reader.prepare("SELECT count(*) FROM events");
    ASSERT_TRUE(count.step());
    EXPECT_EQ(count.integer(0), 1);
}
