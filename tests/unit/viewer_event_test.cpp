#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hawker/studio/base/viewer_hasher.hpp"
#include "hawker/studio/store/viewer_event.hpp"

using namespace hawker::studio;

namespace {
const ViewerHasher& hasher() {
    static const ViewerHasher h(std::string(32, 'k'));
    return h;
}
} // namespace

TEST(ViewerHasher, IsHmacSha256) {
    // RFC 4231 test case 1: key 0x0b × 20, "Hi There".
    const ViewerHasher rfc(std::string(20, '\x0b'));
    EXPECT_EQ(rfc.hash("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b");
    EXPECT_EQ(static_cast<uint64_t>(rfc.key("Hi There")), 0xb0344c61d8db3853ULL);
    // RFC 4231 test case 6: a key longer than the block is hashed first.
    const ViewerHasher longKey(std::string(131, '\xaa'));
    EXPECT_EQ(longKey.hash("Test Using Larger Than Block-Size Key - Hash Key First"),
              "60e431591ee0b67f0d8a26aacbf5b77f");
    EXPECT_NE(hasher().key("viewer-1"), hasher().key("viewer-2"));
    EXPECT_EQ(hasher().key("viewer-1"), hasher().key("viewer-1"));
}

TEST(ViewerEventParser, AGoodBatchKeepsEveryField) {
    const ParsedEvents parsed = parseEventBatch(
        R"({"events":[{"id":"e1","type":"order_paid","ts":1700000000000,"viewer":"u1","order_id":"o1",)"
        R"("sku":"S1","qty":2,"amount_cents":19800,"platform":"douyin","extra":"ignored"},)"
        R"({"id":"e2","type":"comment","ts":1.7e12,"viewer":"u2","text":"好看","name":"小鹿乱撞8"}]})",
        hasher());
    ASSERT_EQ(parsed.events.size(), 2u);
    EXPECT_TRUE(parsed.rejected.empty());
    const ViewerEvent& order = parsed.events[0];
    EXPECT_EQ(order.type, EventType::OrderPaid);
    EXPECT_EQ(order.quantity, 2);
    EXPECT_EQ(order.amountCents, 19800);
    EXPECT_EQ(order.viewer, hasher().key("u1"));
    EXPECT_EQ(parsed.events[1].ts, 1700000000000);
    EXPECT_EQ(parsed.events[1].maskedName, "小***8"); // never the raw name
}

TEST(ViewerEventParser, BadEventsAreRefusedByIndexAndTheRestKept) {
    std::string body = R"({"events":[)"
                       R"({"id":"a","type":"teleport","ts":1700000000000,"viewer":"u"},)"
                       R"({"id":"b","type":"like","ts":"1700000000000","viewer":"u"},)"
                       R"({"id":"c","type":"refund","ts":1700000000000,"order_id":"o","amount_cents":-5},)"
                       R"({"id":"d","type":"comment","ts":1700000000000,"viewer":"u","text":"bad )";
    body += "\xff\xfe";
    body += R"("},)"
            R"({"id":"e","type":"product_click","ts":1700000000000,"viewer":"u"},)"
            R"({"id":"f","type":"like","ts":1700000000,"viewer":"u"},)"
            R"(42,)"
            R"({"id":"g","type":"like","ts":1700000000000,"viewer":"u","count":3}]})";
    const ParsedEvents parsed = parseEventBatch(body, hasher());
    ASSERT_EQ(parsed.events.size(), 1u);
    EXPECT_EQ(parsed.events[0].id, "g");
    EXPECT_EQ(parsed.events[0].quantity, 3);
    ASSERT_EQ(parsed.rejected.size(), 7u);
    const std::vector<std::pair<size_t, std::string>> expected = {
        {0, "unknown type 'teleport'"},       {1, "ts is not a number"}, {2, "amount_cents is negative"},
        {3, "text is not valid UTF-8"},       {4, "sku is missing"},     {5, "ts is out of range"},
        {6, "an event must be a JSON object"}};
    for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(parsed.rejected[i].index, expected[i].first);
        EXPECT_NE(parsed.rejected[i].reason.find(expected[i].second), std::string::npos)
            << parsed.rejected[i].reason;
    }
    EXPECT_EQ(parsed.rejected[3].id, "d");
    // The reply is valid JSON even though the body held invalid UTF-8.
    EXPECT_NO_THROW((void)ingestReply(1, 0, parsed.rejected).dump());
}

TEST(ViewerEventParser, AnUnusableBodyIsRefusedWhole) {
    EXPECT_THROW(parseEventBatch("not json", hasher()), BatchError);
    EXPECT_THROW(parseEventBatch("[1,2]", hasher()), BatchError);
    EXPECT_THROW(parseEventBatch(R"({"events":{}})", hasher()), BatchError);
    EXPECT_THROW(parseEventBatch("", hasher()), BatchError);
}

TEST(ViewerEventParser, JsonLinesReportLinesAndSkipBlanks) {
    const ParsedEvents parsed =
        parseEventLines("{\"id\":\"a\",\"type\":\"share\",\"ts\":1700000000000,\"viewer\":\"u\"}\r\n\n{oops\n"
                        "{\"id\":\"b\",\"type\":\"follow\",\"ts\":1700000000001,\"viewer\":\"u\"}",
                        hasher());
    ASSERT_EQ(parsed.events.size(), 2u);
    ASSERT_EQ(parsed.rejected.size(), 1u);
    EXPECT_EQ(parsed.rejected[0].index, 2u); // the third line
    EXPECT_NE(parsed.rejected[0].reason.find("line 3"), std::string::npos);
}

// Fields a program already holds are checked by the same rules, with the same
// reasons, as the same event sent as JSON.
TEST(ViewerEventFields, AgreeWithTheJsonPathOnGoodAndBadEvents) {
    const nlohmann::json good = {
        {"id", "dy:paid:1"},          {"type", "order_paid"}, {"ts", 1764619221000}, {"platform", "douyin"},
        {"viewer", "order:douyin:1"}, {"order_id", "1"},      {"sku", "SERUM-50"},   {"qty", 2},
        {"amount_cents", 19800}};
    auto fieldsOf = [](const nlohmann::json& j) {
        EventFields f;
        for (const auto& [key, value] : j.items()) {
            if (value.is_string()) {
                const std::string_view text = value.get_ref<const std::string&>();
                if (key == "id") f.id = text;
                if (key == "type") f.type = text;
                if (key == "platform") f.platform = text;
                if (key == "viewer") f.viewer = text;
                if (key == "order_id") f.orderId = text;
                if (key == "sku") f.sku = text;
            } else {
                const int64_t number = value.get<int64_t>();
                if (key == "ts") f.ts = number;
                if (key == "qty") f.qty = number;
                if (key == "amount_cents") f.amountCents = number;
            }
        }
        return f;
    };
    std::vector<nlohmann::json> cases{good};
    for (const char* drop : {"id", "sku", "qty", "amount_cents", "order_id", "viewer", "ts"}) {
        nlohmann::json missing = good;
        missing.erase(drop);
        cases.push_back(missing);
    }
    nlohmann::json longSku = good, negative = good, tooMany = good, emptyId = good, badType = good;
    longSku["sku"] = std::string(65, 'S');
    negative["amount_cents"] = -1;
    tooMany["qty"] = 100001;
    emptyId["id"] = "";
    badType["type"] = "order_maybe";
    cases.insert(cases.end(), {longSku, negative, tooMany, emptyId, badType});

    for (const nlohmann::json& c : cases) {
        std::string fromJson, fromFields;
        const auto a = parseEvent(c, hasher(), fromJson);
        const auto b = eventFromFields(fieldsOf(c), hasher(), fromFields);
        ASSERT_EQ(a.has_value(), b.has_value()) << c.dump();
        EXPECT_EQ(fromJson, fromFields) << c.dump();
        if (a) {
            EXPECT_EQ(a->id, b->id);
            EXPECT_EQ(a->viewer, b->viewer);
            EXPECT_EQ(a->quantity, b->quantity);
            EXPECT_EQ(a->amountCents, b->amountCents);
            EXPECT_EQ(a->orderId, b->orderId);
        }
    }
    std::string reason;
    EventFields bad = fieldsOf(good);
    const std::string notUtf8 = "SKU\xff";
    bad.sku = notUtf8;
    EXPECT_FALSE(eventFromFields(bad, hasher(), reason));
    EXPECT_EQ(reason, "sku is not valid UTF-8");
}
