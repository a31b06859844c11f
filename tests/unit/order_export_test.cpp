// Platform order exports: cell values (money, quantities, times in zones),
// encodings, column presets and maps, rows to events, the Taobao join, and the
// import's idempotence and cross-source duplicates in a real SQLite file.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/analytics/order_import.hpp"
#include "hawker/studio/analytics/order_sheets.hpp"
#include "hawker/studio/analytics/order_values.hpp"
#include "hawker/studio/base/csv_records.hpp"
#include "hawker/studio/base/text_encoding.hpp"
#include "hawker/studio/base/viewer_hasher.hpp"
#include "hawker/studio/store/session_store.hpp"

#include "temp_db.hpp"

using namespace hawker::studio;

namespace {

std::optional<int64_t> amount(const std::string& text) {
    std::string reason;
    return parseExportAmount(text, reason);
}

std::string amountReason(const std::string& text) {
    std::string reason;
    EXPECT_FALSE(parseExportAmount(text, reason)) << text;
    return reason;
}

std::optional<int64_t> timeIn(const std::string& text, const std::string& zone) {
    std::string reason;
    return parseExportTime(text, zone, reason);
}

Sheet csv(const std::string& text, const std::string& file = "export.csv") {
    return readCsvSheet(text, file);
}

const ViewerHasher& hasher() {
    static const ViewerHasher h("order-export-test-key");
    return h;
}

const std::string kDouyinHeader =
    "主订单编号,子订单编号,选购商品,商品ID,商家编码,商品数量,商品金额,订单应付金额,"
    "订单提交时间,支付完成时间,订单状态,售后状态,取消原因\n";

// 2026-12-04 20:00:00 in Shanghai (UTC+8) is 12:00:00 UTC.
constexpr int64_t kEightPmShanghai = 1796385600000;

} // namespace

TEST(OrderValues, AmountsAreExactCents) {
    EXPECT_EQ(amount("99"), 9900);
    EXPECT_EQ(amount("99.9"), 9990);
    EXPECT_EQ(amount("0.07"), 7);
    EXPECT_EQ(amount("1,299.00"), 129900);
    EXPECT_EQ(amount("12,345,678.90"), 1234567890);
    EXPECT_EQ(amount("¥1,299"), 129900);
    EXPECT_EQ(amount("￥ 59.00"), 5900);
    EXPECT_EQ(amount("$12.50"), 1250);
    EXPECT_EQ(amount("12,500"), 1250000); // three digits after the comma: thousands
    EXPECT_EQ(amount(" =\"88.80\" "), 8880);
}

TEST(OrderValues, AmbiguousOrBadAmountsAreRefusedWithAReason) {
    EXPECT_NE(amountReason("12,50").find("decimal comma"), std::string::npos);
    EXPECT_NE(amountReason("1.299,00").find("decimal comma"), std::string::npos);
    EXPECT_NE(amountReason("1,2999.00").find("decimal comma"), std::string::npos);
    EXPECT_NE(amountReason("-5.00").find("negative"), std::string::npos);
    EXPECT_NE(amountReason("9.999").find("two decimals"), std::string::npos);
    EXPECT_NE(amountReason("").find("empty"), std::string::npos);
    EXPECT_NE(amountReason("abc").find("not a number"), std::string::npos);
    EXPECT_NE(amountReason(",100").find("not a number"), std::string::npos);
}

TEST(OrderValues, Quantities) {
    std::string reason;
    EXPECT_EQ(parseExportQuantity("3", reason), 3);
    EXPECT_EQ(parseExportQuantity("", reason), 1);
    EXPECT_FALSE(parseExportQuantity("0", reason));
    EXPECT_FALSE(parseExportQuantity("1.5", reason));
    EXPECT_NE(reason.find("1.5"), std::string::npos);
}

TEST(OrderValues, TimesAreLocalToTheZoneUnlessTheyCarryAnOffset) {
    EXPECT_EQ(timeIn("2026-12-04 20:00:00", "Asia/Shanghai"), kEightPmShanghai);
    EXPECT_EQ(timeIn("2026/12/4 20:00", "Asia/Shanghai"), kEightPmShanghai);
    EXPECT_EQ(timeIn("2026-12-04T20:00:00.250", "Asia/Shanghai"), kEightPmShanghai + 250);
    EXPECT_EQ(timeIn("2026-12-04 20:00:00 +0800", "UTC"), kEightPmShanghai);
    EXPECT_EQ(timeIn("2026-12-04T20:00:00+08:00", "America/New_York"), kEightPmShanghai);
    EXPECT_EQ(timeIn("2026-12-04T12:00:00Z", "Asia/Shanghai"), kEightPmShanghai);
    EXPECT_EQ(timeIn("2026-12-04 12:00:00", "UTC"), kEightPmShanghai);
    // New York is UTC-5 in December and UTC-4 in July (daylight saving, from tzdata).
    EXPECT_EQ(timeIn("2026-12-04 07:00:00", "America/New_York"), kEightPmShanghai);
    EXPECT_EQ(timeIn("2026-07-01 08:00:00", "America/New_York"), timeIn("2026-07-01 12:00:00", "UTC"));
    std::string reason;
    EXPECT_FALSE(parseExportTime("2026-02-30 10:00:00", "UTC", reason));
    EXPECT_NE(reason.find("not a real date"), std::string::npos);
    EXPECT_FALSE(parseExportTime("04/12/2026 10:00", "UTC", reason));
    EXPECT_FALSE(parseExportTime("2026-12-04 10:00:00 CST", "UTC", reason));
    EXPECT_FALSE(parseExportTime("2026-12-04 10:00:00", "Mars/Olympus", reason));
    EXPECT_THROW(checkTimeZone("Mars/Olympus"), std::invalid_argument);
    EXPECT_NO_THROW(checkTimeZone("Asia/Shanghai"));
}

TEST(OrderEncoding, Utf8WithOrWithoutBomAndGbk) {
    EXPECT_EQ(decodeSpreadsheetText("\xEF\xBB\xBF商品").text, "商品");
    EXPECT_EQ(decodeSpreadsheetText("\xEF\xBB\xBF商品").encoding, "utf-8");
    EXPECT_EQ(decodeSpreadsheetText("商品").encoding, "utf-8");
    const DecodedText gbk = decodeSpreadsheetText("\xC9\xCC\xC6\xB7,99"); // 商品 in GBK
    EXPECT_EQ(gbk.encoding, "gb18030");
    EXPECT_EQ(gbk.text, "商品,99");
    EXPECT_THROW(decodeSpreadsheetText("ok\x81"), EncodingError); // a lead byte with nothing after it
}

TEST(OrderCsv, RecordsKeepTheirLinesAndQuotedBreaks) {
    const auto records = splitCsvRecords("a,b\r\n\"x\ny\",\"1,299.00\"\r\n\r\nz,\"q\"\"\"\n");
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[1].line, 2);
    EXPECT_EQ(records[1].fields[0], "x\ny");
    EXPECT_EQ(records[1].fields[1], "1,299.00");
    EXPECT_EQ(records[2].line, 5);
    EXPECT_EQ(records[2].fields[1], "q\"");
}

TEST(OrderColumns, AMissingRequiredColumnIsOneErrorNamingItAndTheHeadersFound) {
    const OrderColumns douyin = presetColumns("douyin");
    try {
        locateColumns(douyin, {"主订单编号", "商家编码", "订单应付金额"});
        FAIL() << "no error";
    } catch (const ColumnMapError& error) {
        const std::string what = error.what();
        EXPECT_NE(what.find("支付完成时间"), std::string::npos) << what;
        EXPECT_NE(what.find("headers found: 主订单编号, 商家编码, 订单应付金额"), std::string::npos) << what;
    }
    EXPECT_THROW(presetColumns("kuaishou"), ColumnMapError);
    // Extra columns and header case or spaces do not matter.
    const auto where = locateColumns(presetColumns("tiktok"), {"x", " order id ", "Seller SKU",
                                                               "SKU Subtotal After Discount", "paid time"});
    EXPECT_EQ(where[static_cast<size_t>(OrderField::OrderId)], 1u);
    EXPECT_EQ(where[static_cast<size_t>(OrderField::PaidTime)], 4u);
    EXPECT_FALSE(where[static_cast<size_t>(OrderField::Buyer)]);
}

TEST(OrderColumns, AMapNamesColumnsForACustomPlatformOrOverridesAPreset) {
    OrderColumns custom = presetColumns("custom");
    EXPECT_THROW(locateColumns(custom, {"订单号"}), ColumnMapError);
    applyColumnMap(custom,
                   "time_zone = \"Asia/Tokyo\"\n[columns]\norder_id = \"订单号\"\nsku = \"商品编码\"\n"
                   "amount = \"实付\"\npaid_time = \"付款时间\"\n");
    EXPECT_EQ(custom.defaultZone, "Asia/Tokyo");
    EXPECT_EQ(custom.header(OrderField::Sku), "商品编码");
    EXPECT_NO_THROW(locateColumns(custom, {"订单号", "商品编码", "实付", "付款时间"}));

    OrderColumns douyin = presetColumns("douyin");
    applyColumnMap(douyin, "[columns]\nsku = \"SKU编码\"\n");
    EXPECT_EQ(douyin.header(OrderField::Sku), "SKU编码");
    EXPECT_EQ(douyin.header(OrderField::OrderId), "主订单编号");
    EXPECT_THROW(applyColumnMap(douyin, "[columns]\nskew = \"x\"\n"), ColumnMapError);
    EXPECT_THROW(applyColumnMap(douyin, "[columns]\nsku = 3\n"), ColumnMapError);
    EXPECT_THROW(applyColumnMap(douyin, "time_zone = \"Nowhere/City\"\n"), ColumnMapError);
    EXPECT_THROW(applyColumnMap(douyin, "[columns\n"), ColumnMapError);
}

TEST(OrderRows, DouyinPaidRefundedCancelledAndBadRows) {
    Sheet sheet =
        csv(kDouyinHeader +
            "1001,1001-1,精华,1,SERUM-50,1,99.00,99.00,2026-12-04 19:59:00,2026-12-04 20:00:00,已完成,-,\n"
            "1002,1002-1,面霜,2,CREAM-30,2,\"1,299.00\",\"2,598.00\",x,2026-12-04 20:01:00,已完成,退款成功,\n"
            "1002,1002-2,精华,1,SERUM-50,1,99.00,99.00,x,2026-12-04 20:01:00,已完成,-,\n"
            "1003,1003-1,精华,1,SERUM-50,1,99.00,99.00,x,,已取消,-,超时未支付\n"
            "1004,1004-1,精华,1,SERUM-50,1,99.00,\"99,5\",x,2026-12-04 20:02:00,已完成,-,\n"
            "1001,1001-1,精华,1,SERUM-50,1,99.00,99.00,x,2026-12-04 20:00:00,已完成,-,\n");
    const ExportEvents out = orderEventsFromSheet(sheet, presetColumns("douyin"), hasher());
    ASSERT_EQ(out.events.size(), 4u);
    EXPECT_EQ(out.events[0].id, "douyin:paid:1001");
    EXPECT_EQ(out.events[0].orderId, "1001");
    EXPECT_EQ(out.events[0].ts, kEightPmShanghai);
    EXPECT_EQ(out.events[0].amountCents, 9900);
    EXPECT_EQ(out.events[1].orderId, "1002/1002-1");
    EXPECT_EQ(out.events[1].sku, "CREAM-30");
    EXPECT_EQ(out.events[1].quantity, 2);
    EXPECT_EQ(out.events[1].amountCents, 259800);
    EXPECT_EQ(out.events[2].type, EventType::Refund);
    EXPECT_EQ(out.events[2].orderId, "1002/1002-1");
    EXPECT_EQ(out.events[2].amountCents, 259800);
    EXPECT_EQ(out.events[3].orderId, "1002/1002-2");
    EXPECT_EQ(out.notPaid, 1u);
    EXPECT_EQ(out.duplicateRows, 1u);
    ASSERT_EQ(out.rejected.size(), 1u);
    EXPECT_EQ(out.rejected[0].line, 6);
    EXPECT_NE(out.rejected[0].reason.find("decimal comma"), std::string::npos);
}

TEST(OrderRows, TikTokSkipsItsDescriptionRowAndRefundsACancelledPaidOrder) {
    Sheet sheet = csv("Order ID,Order Status,Seller SKU,Product Name,Quantity,SKU Subtotal After Discount,"
                      "Order Refund Amount,Paid Time,Buyer Username\n"
                      "Platform unique order ID.,Order status,Seller SKU,Product name,Quantity,Subtotal,"
                      "Refund,Paid time,Buyer\n"
                      "576000000000000001,Completed,MASK-10,Mask,1,12.00,,2026-12-04 12:00:00,amy\n"
                      "576000000000000002,Cancelled,MASK-10,Mask,1,12.00,,2026-12-04 12:00:05,bob\n"
                      "576000000000000003,Unpaid,MASK-10,Mask,1,12.00,,,cat\n");
    const ExportEvents out = orderEventsFromSheet(sheet, presetColumns("tiktok"), hasher());
    EXPECT_TRUE(out.rejected.empty());
    ASSERT_EQ(out.events.size(), 3u);
    EXPECT_EQ(out.events[0].ts, kEightPmShanghai);
    EXPECT_EQ(out.events[0].viewer, hasher().key("buyer:amy"));
    EXPECT_EQ(out.events[2].type, EventType::Refund);
    EXPECT_EQ(out.events[2].amountCents, 1200);
    EXPECT_EQ(out.notPaid, 1u);
}

TEST(OrderRows, ShopifyOrderFieldsOnTheFirstRowOnlyAndUnitPrices) {
    Sheet sheet = csv("Name,Financial Status,Paid at,Currency,Total,Refunded Amount,Lineitem quantity,"
                      "Lineitem name,Lineitem price,Lineitem sku\n"
                      "#1001,paid,2026-12-04 20:00:00 +0800,USD,40.00,0.00,2,Tee,15.00,TEE-M\n"
                      "#1001,,,,,,1,Cap,10.00,CAP-1\n"
                      "#1002,pending,,USD,10.00,,1,Cap,10.00,CAP-1\n");
    const ExportEvents out = orderEventsFromSheet(sheet, presetColumns("shopify"), hasher());
    EXPECT_TRUE(out.rejected.empty());
    ASSERT_EQ(out.events.size(), 2u);
    EXPECT_EQ(out.events[0].orderId, "#1001/1");
    EXPECT_EQ(out.events[0].amountCents, 3000);
    EXPECT_EQ(out.events[1].orderId, "#1001/2");
    EXPECT_EQ(out.events[1].ts, kEightPmShanghai);
    EXPECT_EQ(out.notPaid, 1u);
}

TEST(OrderRows, TaobaoItemsJoinTheirOrdersOnTheOrderNumber) {
    std::vector<Sheet> sheets;
    sheets.push_back(csv(
        "订单编号,买家会员名,总金额,买家实际支付金额,订单状态,订单创建时间,订单付款时间,宝贝总数量,退款金额\n"
        "="
        "\"300001\",小鹿,198.00,188.00,交易成功,2026-12-04 19:59:00,2026-12-04 20:00:00,2,10.00\n",
        "orders.csv"));
    sheets.push_back(csv("订单编号,标题,价格,购买数量,外部系统编号,商家编码,订单状态\n"
                         "300001,玻尿酸精华,99.00,2,,SERUM-50,交易成功\n"
                         "300009,面霜,10.00,1,,CREAM-30,交易成功\n",
                         "items.csv"));
    auto joined = joinTaobaoSheets(std::move(sheets), presetColumns("taobao"));
    ASSERT_EQ(joined.size(), 1u);
    EXPECT_EQ(joined[0].file, "items.csv");
    const ExportEvents out = orderEventsFromSheet(joined[0], presetColumns("taobao"), hasher());
    ASSERT_EQ(out.events.size(), 2u);
    EXPECT_EQ(out.events[0].orderId, "300001");
    EXPECT_EQ(out.events[0].amountCents, 19800);
    EXPECT_EQ(out.events[0].ts, kEightPmShanghai);
    EXPECT_EQ(out.events[1].type, EventType::Refund);
    EXPECT_EQ(out.events[1].amountCents, 1000);
    ASSERT_EQ(out.rejected.size(), 1u);
    EXPECT_EQ(out.rejected[0].line, 3);
    EXPECT_NE(out.rejected[0].reason.find("not in the orders file"), std::string::npos);
}

TEST(OrderXlsx, ExcelSerialDates) {
    EXPECT_EQ(excelSerialToText(46360.5), "2026-12-04 12:00:00");
    EXPECT_EQ(excelSerialToText(25569), "1970-01-01 00:00:00");
    EXPECT_THROW(readXlsxSheet("PK\x03\x04not a zip", "x.xlsx"), WorkbookError);
}

TEST(OrderImport, TwiceChangesNothingAndALiveOrderIsADuplicate) {
    TempDb temp("orders-import");
    {
        Database db(temp.path);
        SessionStore sessions(db);
        const Session s = sessions.create("show", "", kEightPmShanghai - 3600000, false);
        ASSERT_EQ(s.id, 1);
    }
    auto hasherPtr = std::make_shared<const ViewerHasher>("order-export-test-key");
    EventIngest ingest(temp.path, hasherPtr);
    // The live webhook already delivered order 1001.
    const auto live = ingest.ingestLines(
        1, R"({"id":"live-7","type":"order_paid","ts":1796385600000,)"
           R"("viewer":"v1","order_id":"1001","sku":"SERUM-50","qty":1,"amount_cents":9900})");
    ASSERT_EQ(live["accepted"], 1);
    Database reader(temp.path, Database::Threading::OneThread);
    const std::vector<Sheet> sheets = {
        csv(kDouyinHeader + "1001,1001-1,精华,1,SERUM-50,1,99.00,99.00,x,2026-12-04 20:00:00,已完成,-,\n"
                            "1005,1005-1,精华,1,SERUM-50,1,99.00,99.00,x,2026-12-04 20:05:00,已完成,-,\n"
                            "1006,1006-1,精华,1,SERUM-50,1,99.00,99.00,x,2026-12-03 20:05:00,已完成,-,\n"
                            "1007,1007-1,精华,1,SERUM-50,1,99.00,abc,x,2026-12-04 20:06:00,已完成,-,\n")};
    const OrderColumns columns = presetColumns("douyin");

    const OrderImportResult refused = importOrderSheets(ingest, reader, 1, sheets, columns, false);
    EXPECT_FALSE(refused.stored);
    EXPECT_EQ(refused.accepted, 0u);
    Statement count = reader.prepare("SELECT count(*) FROM events");
    ASSERT_TRUE(count.step());
    EXPECT_EQ(count.integer(0), 1); // a file with a bad row changes nothing
    count.reset();                  // no read snapshot held open across the imports

    const OrderImportResult first = importOrderSheets(ingest, reader, 1, sheets, columns, true);
    EXPECT_TRUE(first.stored);
    EXPECT_EQ(first.accepted, 2u);   // 1005 and 1006
    EXPECT_EQ(first.duplicates, 1u); // 1001 came live
    EXPECT_EQ(first.outsideWindow, 1u);
    ASSERT_EQ(first.rejected.size(), 1u);
    EXPECT_EQ(first.rejected[0].line, 5);
    const nlohmann::json answer = first.toJson(false);
    EXPECT_EQ(answer["encoding"], "utf-8");
    EXPECT_EQ(answer["rejected"][0]["line"], 5);

    const OrderImportResult second = importOrderSheets(ingest, reader, 1, sheets, columns, true);
    EXPECT_EQ(second.accepted, 0u);
    EXPECT_EQ(second.duplicates, 3u);
    EXPECT_EQ(second.outsideWindow, 0u);
    ASSERT_TRUE(count.step());
    EXPECT_EQ(count.integer(0), 3);
    count.reset();
}

// The webhook's fetched detail keys an order's lines by position (2001/1,
// 2001/2), the export by sub-order (2001/20011, 2001/20012): the export's
// lines are the same sale, found through their main order.
TEST(OrderImport, AnExportsLinesMeetALiveOrdersLinesOnTheirMainOrder) {
    TempDb temp("orders-import-lines");
    {
        Database db(temp.path);
        SessionStore(db).create("show", "", kEightPmShanghai - 3600000, false);
    }
    auto hasherPtr = std::make_shared<const ViewerHasher>("order-export-test-key");
    EventIngest ingest(temp.path, hasherPtr);
    const auto live = ingest.ingestLines(
        1, R"({"id":"w-1/1","type":"order_paid","ts":1796385600000,)"
           R"("viewer":"v1","order_id":"2001/1","sku":"SERUM-50","qty":1,"amount_cents":9900})"
           "\n"
           R"({"id":"w-1/2","type":"order_paid","ts":1796385600000,)"
           R"("viewer":"v1","order_id":"2001/2","sku":"CREAM-30","qty":1,"amount_cents":15900})");
    ASSERT_EQ(live["accepted"], 2);
    Database reader(temp.path, Database::Threading::OneThread);
    const std::vector<Sheet> sheets = {
        csv(kDouyinHeader + "2001,20011,精华,1,SERUM-50,1,99.00,99.00,x,2026-12-04 20:00:00,已完成,-,\n"
                            "2001,20012,面霜,2,CREAM-30,1,159.00,159.00,x,2026-12-04 20:00:00,已完成,-,\n"
                            "2002,20021,面霜,2,CREAM-30,1,159.00,159.00,x,2026-12-04 20:01:00,已完成,-,\n")};
    const OrderImportResult result =
        importOrderSheets(ingest, reader, 1, sheets, presetColumns("douyin"), false);
    EXPECT_TRUE(result.stored);
    EXPECT_EQ(result.accepted, 1u);   // 2002 only
    EXPECT_EQ(result.duplicates, 2u); // both lines of 2001 came live
}
