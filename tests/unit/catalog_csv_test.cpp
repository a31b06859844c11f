#include <gtest/gtest.h>

#include "hawker/studio/show/catalog_csv.hpp"

using namespace hawker::studio;

TEST(CatalogCsv, ExcelUtf8WithBomQuotesCrlfAndLineBreaksInsideQuotes) {
    const std::string csv =
        "\xEF\xBB\xBFsku,name,category,price,original price,image,selling points,stock,tags\r\n"
        "S1,\"小棕瓶精华液, 50ml\",护肤,299,459.00,serum.png,\"修护|淡化细纹\",500,\"hot|new\"\r\n"
        "S2,\"He said \"\"wow\"\"\",护肤,\"¥1,299.5\",,,\"第一行\n第二行\",,\r\n"
        "\r\n";
    const CatalogParse parse = parseCatalogCsv(csv);
    ASSERT_TRUE(parse.problems.empty()) << parse.problems[0].line << ": " << parse.problems[0].reason;
    ASSERT_EQ(parse.products.size(), 2u);
    EXPECT_EQ(parse.products[0].name, "小棕瓶精华液, 50ml");
    EXPECT_EQ(parse.products[0].priceCents, 29900);
    EXPECT_EQ(parse.products[0].originalPriceCents, 45900);
    EXPECT_EQ(parse.products[0].sellingPoints, (std::vector<std::string>{"修护", "淡化细纹"}));
    EXPECT_EQ(parse.products[0].stock, 500);
    EXPECT_EQ(parse.products[1].name, "He said \"wow\"");
    EXPECT_EQ(parse.products[1].priceCents, 129950);
    EXPECT_EQ(parse.products[1].sellingPoints.size(), 2u);
    EXPECT_EQ(parse.products[1].line, 3);
}

TEST(CatalogCsv, BadRowsAreReportedWithTheirLineAndReason) {
    const std::string csv = "sku,name,price,stock\n"    // 1
                            "A,ok,10,1\n"               // 2
                            "B,bad price,abc,1\n"       // 3
                            "A,duplicate,10,1\n"        // 4
                            ",no sku,10,1\n"            // 5
                            "C,\"multi\nline\",10,-4\n" // 6-7: negative stock
                            "D,too,many,fields,here\n"  // 8
                            "E,cents,1.999,1\n";        // 9
    const CatalogParse parse = parseCatalogCsv(csv);
    ASSERT_EQ(parse.products.size(), 1u);
    std::vector<int> lines;
    for (const auto& p : parse.problems)
        lines.push_back(p.line);
    EXPECT_EQ(lines, (std::vector<int>{3, 4, 5, 6, 8, 9}));
    EXPECT_NE(parse.problems[0].reason.find("price 'abc'"), std::string::npos);
    EXPECT_NE(parse.problems[1].reason.find("appears twice"), std::string::npos);
    EXPECT_NE(parse.problems[3].reason.find("stock '-4'"), std::string::npos);
    EXPECT_NE(parse.problems[4].reason.find("5 fields"), std::string::npos);
}

TEST(CatalogCsv, FileLevelProblems) {
    EXPECT_EQ(parseCatalogCsv("").problems.size(), 1u);
    EXPECT_NE(parseCatalogCsv("name,price\nx,1\n").problems[0].reason.find("'sku'"), std::string::npos);
    const auto unclosed = parseCatalogCsv("sku,name,price\nA,\"open,1\n");
    ASSERT_FALSE(unclosed.problems.empty());
    EXPECT_NE(unclosed.problems[0].reason.find("never closed"), std::string::npos);
    // GBK bytes (Excel's plain "CSV" on a Chinese Windows): a clear hint, nothing parsed.
    const auto gbk = parseCatalogCsv("sku,name,price\nA,\xBE\xAB\xBB\xAA,1\n");
    ASSERT_EQ(gbk.problems.size(), 1u);
    EXPECT_EQ(gbk.problems[0].line, 2);
    EXPECT_NE(gbk.problems[0].reason.find("UTF-8"), std::string::npos);
    EXPECT_TRUE(gbk.products.empty());
}

TEST(CatalogCsv, MoneyParsesToExactCents) {
    EXPECT_EQ(parseYuanToCents("199"), 19900);
    EXPECT_EQ(parseYuanToCents("199.9"), 19990);
    EXPECT_EQ(parseYuanToCents("0.01"), 1);
    EXPECT_EQ(parseYuanToCents("¥1,299.00"), 129900);
    EXPECT_EQ(parseYuanToCents("￥ 88"), 8800);
    EXPECT_FALSE(parseYuanToCents("-5"));
    EXPECT_FALSE(parseYuanToCents("1e3"));
    EXPECT_FALSE(parseYuanToCents("19.999"));
    EXPECT_FALSE(parseYuanToCents("99999999999"));
    EXPECT_FALSE(parseYuanToCents(""));
}
