#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/base/translations.hpp"
#include "hawker/studio/report/chi_square.hpp"
#include "hawker/studio/report/report_html.hpp"

using namespace hawker::studio;
using nlohmann::json;

namespace {

json fullReport() {
    return json::parse(R"json({
  "session": {"id": 3, "title": "晚八点 美妆专场", "tag": "beauty", "rehearsal": true, "variant": "A",
              "start_utc_ms": 1700000000000, "end_utc_ms": 1700000480000, "platforms": "douyin,taobao"},
  "summary": {"pv": 1450, "uv": 1000, "watch_seconds": 52000, "pcu": 310, "acu": 108.3, "avg_watch_s": 52.0,
              "engaged_uv": 240, "engagement_rate": 0.24, "comments": 380, "shares": 21, "likes": 5200,
              "new_followers": 44, "paid_orders": 62, "buyers": 50, "units": 70, "gmv_cents": 613800,
              "refunds_cents": 9900, "net_sales_cents": 603900, "refund_rate": 0.016, "product_click_uv": 300,
              "add_to_cart_uv": 140, "order_created_uv": 80, "product_click_rate": 0.3,
                  "conversion_rate": null,
              "click_to_pay_rate": 0.1667, "uv_value_cents": 613.8, "gpm_cents": 423310.3,
              "revenue_per_buyer_cents": 12276.0, "aov_cents": 9900.0, "coupons_issued": 0,
              "coupons_redeemed": 0, "coupon_usage_rate": null},
  "kpis": [{"key": "gmv_cents", "label": "GMV", "value": 613800, "target": 2000000, "status": "red"},
           {"key": "uv", "label": "UV", "value": 1000, "target": 1100, "status": "amber"},
           {"key": "conversion_rate", "label": "Conversion", "value": 0.05, "target": 0.03,
            "status": "green"},
           {"key": "pcu", "label": "PCU", "value": 310, "target": null, "status": "none"}],
  "per_minute": [
    {"minute": 0, "enters": 120, "comments": 12, "likes": 300, "orders": 0, "gmv_cents": 0,
     "viewers_end": 95},
    {"minute": 1, "enters": 160, "comments": 40, "likes": 700, "orders": 8, "gmv_cents": 79200,
     "viewers_end": 180},
    {"minute": 2, "enters": 210, "comments": 75, "likes": 900, "orders": 30, "gmv_cents": 297000,
     "viewers_end": 310},
    {"minute": 3, "enters": 150, "comments": 60, "likes": 800, "orders": 12, "gmv_cents": 118800,
     "viewers_end": 260},
    {"minute": 4, "enters": 90, "comments": 55, "likes": 700, "orders": 6, "gmv_cents": 59400,
     "viewers_end": 220},
    {"minute": 5, "enters": 70, "comments": 60, "likes": 600, "orders": 4, "gmv_cents": 39600,
     "viewers_end": 190},
    {"minute": 6, "enters": 40, "comments": 48, "likes": 700, "orders": 2, "gmv_cents": 19800,
     "viewers_end": 150},
    {"minute": 7, "enters": 20, "comments": 30, "likes": 500, "orders": 0, "gmv_cents": 0,
     "viewers_end": 120}],
  "products": {
    "SKU1": {"name": "精华液 30ml", "in_catalog": true, "onair_seconds": 180.5, "clicks": 240, "click_uv": 200,
             "paid_orders": 55, "units": 60, "gmv_cents": 544500, "gmv_onair_cents": 495000},
    "SKU2": {"name": "<script>alert(1)</script>", "in_catalog": false, "onair_seconds": 0, "clicks": 30,
             "click_uv": 25, "paid_orders": 0, "units": 0, "gmv_cents": 0, "gmv_onair_cents": 0},
    "SKU3": {"name": "面膜 & 眼霜", "in_catalog": true, "onair_seconds": 60, "clicks": 90, "click_uv": 75,
             "paid_orders": 7, "units": 10, "gmv_cents": 69300, "gmv_onair_cents": 30000}},
  "segments": [
    {"index": 1, "title": "开场", "kind": "opening", "sku": "", "planned_seconds": 60, "actual_seconds": 75.0,
     "start_offset_ms": 0, "end_offset_ms": 75000, "enters": 150, "comments": 20, "likes": 500, "clicks": 2,
     "paid_orders": 0, "units": 0, "gmv_cents": 0},
    {"index": 2, "title": "精华液讲解", "kind": "product", "sku": "SKU1", "planned_seconds": 240,
     "actual_seconds": 200.0, "start_offset_ms": 75000, "end_offset_ms": 275000, "enters": 500,
         "comments": 200,
     "likes": 2500, "clicks": 240, "paid_orders": 50, "units": 55, "gmv_cents": 495000}],
  "offers": [
    {"id": "flash1", "sku": "SKU1", "price_cents": 9900, "quantity": 50, "sold": 50, "sell_through": 1.0,
     "sold_out_after_s": 42.0, "start_offset_ms": 120000, "end_offset_ms": 162000, "paid_orders": 50,
     "gmv_cents": 495000},
    {"id": "flash2", "sku": "SKU3", "price_cents": 6930, "quantity": 40, "sold": 10, "sell_through": 0.25,
     "sold_out_after_s": null, "start_offset_ms": 300000, "end_offset_ms": 360000, "paid_orders": 7,
     "gmv_cents": 69300}],
  "timeline": [{"offset_ms": 0, "event": "program", "detail": "host (cut)"},
               {"offset_ms": 5000, "event": "card_shown", "detail": "SKU1 (slot card)"}],
  "onair": {"cards": [{"sku": "SKU1", "start_offset_ms": 5000, "end_offset_ms": 185000},
                      {"sku": "SKU3", "start_offset_ms": 280000, "end_offset_ms": 340000}],
            "offers": [{"id": "flash1", "start_offset_ms": 120000, "end_offset_ms": 162000},
                       {"id": "flash2", "start_offset_ms": 300000, "end_offset_ms": 360000}],
            "scenes": [{"scene": "host", "start_offset_ms": 0, "end_offset_ms": 90000},
                       {"scene": "closeup", "start_offset_ms": 90000, "end_offset_ms": 200000},
                       {"scene": "host", "start_offset_ms": 200000, "end_offset_ms": 480000}]},
  "comparison": [
    {"id": 1, "title": "晚八点 美妆专场", "start_utc_ms": 1699000000000, "gmv_cents": 400000, "uv": 900,
     "conversion_rate": 0.021, "current": false},
    {"id": 3, "title": "晚八点 美妆专场", "start_utc_ms": 1700000000000, "gmv_cents": 613800, "uv": 1000,
     "conversion_rate": 0.05, "current": true}],
  "ab": [{"dimension": "session variant", "a": "A", "b": "B", "a_buyers": 30, "a_uv": 1000, "b_buyers": 50,
          "b_uv": 1000, "a_rate": 0.03, "b_rate": 0.05, "p_value": 0.0231, "significant": true, "note": ""},
         {"dimension": "card layout", "a": "big", "b": "small", "a_buyers": 20, "a_uv": 500, "b_buyers": 22,
          "b_uv": 500, "a_rate": 0.04, "b_rate": 0.044, "p_value": 0.75, "significant": false,
          "note": "too short to tell"}],
  "notes": [{"kind": "goal", "text": "GMV 2万", "owner": "", "utc_ms": 1700000000000},
            {"kind": "gap", "text": "GMV 差 70%", "owner": "", "utc_ms": 1700000000000},
            {"kind": "action", "text": "提前预热 <b>秒杀</b>", "owner": "小王", "utc_ms": 1700000500000}],
  "alerts": [{"offset_ms": 300000, "rule": "pace_gmv", "level": "red", "message": "GMV 18% behind pace",
              "acknowledged": false}],
  "top_comments": [{"offset_ms": 1000, "who": "张*", "text": "好看 <img src=x>"}]
})json");
}

/// The part of `html` from the opening of `<section id="ID">` to its closing tag.
std::string sectionOf(const std::string& html, const std::string& id) {
    const size_t start = html.find("<section id=\"" + id + "\">");
    if (start == std::string::npos) return {};
    const size_t end = html.find("</section>", start);
    return html.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::vector<std::string> dataValues(const std::string& html, const std::string& series) {
    const size_t start = html.find("data-series=\"" + series + "\"");
    if (start == std::string::npos) return {};
    const std::string svg = html.substr(start, html.find("</svg>", start) - start);
    std::vector<std::string> values;
    const std::regex pattern("data-value=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), pattern); it != std::sregex_iterator(); ++it)
        values.push_back((*it)[1].str());
    return values;
}

} // namespace

TEST(ReportHtml, HasEverySection) {
    const std::string html = renderReportHtml(fullReport());
    for (const char* id : {"summary", "funnel", "charts", "products", "segments", "offers", "comparison",
                           "ab", "review", "alerts", "top_comments"})
        EXPECT_NE(html.find(std::string("<section id=\"") + id + "\">"), std::string::npos) << id;
    EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
    EXPECT_NE(html.find("Noto Sans CJK SC"), std::string::npos);
}

TEST(ReportHtml, IsSelfContainedWithoutScripts) {
    const std::string html = renderReportHtml(fullReport());
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("javascript:"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos); // the comment's <img> is escaped text
    EXPECT_EQ(html.find("src=\""), std::string::npos);
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("@import"), std::string::npos);
    EXPECT_EQ(html.find("url("), std::string::npos);
}

TEST(ReportHtml, KpiTilesCarryTheirStatusClass) {
    const std::string summary = sectionOf(renderReportHtml(fullReport()), "summary");
    EXPECT_NE(summary.find("class=\"kpi red\" data-key=\"gmv_cents\""), std::string::npos);
    EXPECT_NE(summary.find("class=\"kpi amber\" data-key=\"uv\""), std::string::npos);
    EXPECT_NE(summary.find("class=\"kpi green\" data-key=\"conversion_rate\""), std::string::npos);
    EXPECT_NE(summary.find("class=\"kpi none\" data-key=\"pcu\""), std::string::npos);
    EXPECT_NE(summary.find("¥6,138.00"), std::string::npos);
    EXPECT_NE(summary.find("Target ¥20,000.00"), std::string::npos);
}

TEST(ReportHtml, SessionHeaderShowsUtcTimesPlatformsAndRehearsal) {
    const std::string summary = sectionOf(renderReportHtml(fullReport()), "summary");
    EXPECT_NE(summary.find("2023-11-14 22:13 UTC"), std::string::npos);
    EXPECT_NE(summary.find("2023-11-14 22:21 UTC"), std::string::npos);
    EXPECT_NE(summary.find("晚八点 美妆专场"), std::string::npos);
    EXPECT_NE(summary.find("douyin"), std::string::npos);
    EXPECT_NE(summary.find("taobao"), std::string::npos);
    EXPECT_NE(summary.find("REHEARSAL"), std::string::npos);

    json live = fullReport();
    live["session"]["rehearsal"] = false;
    EXPECT_EQ(renderReportHtml(live).find("REHEARSAL"), std::string::npos);
}

TEST(ReportHtml, EscapesTextFromOutside) {
    const std::string html = renderReportHtml(fullReport());
    EXPECT_NE(sectionOf(html, "products").find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(sectionOf(html, "products").find("面膜 &amp; 眼霜"), std::string::npos);
    EXPECT_NE(sectionOf(html, "top_comments").find("好看 &lt;img src=x&gt;"), std::string::npos);
    EXPECT_NE(sectionOf(html, "review").find("提前预热 &lt;b&gt;秒杀&lt;/b&gt;"), std::string::npos);
}

TEST(ReportHtml, ReplacesInvalidUtf8) {
    json report = fullReport();
    report["top_comments"][0]["text"] = std::string("ok\xC3\x28 \xFF end");
    const std::string comments = sectionOf(renderReportHtml(report), "top_comments");
    EXPECT_NE(comments.find("ok\xEF\xBF\xBD( \xEF\xBF\xBD end"), std::string::npos);
}

TEST(ReportHtml, NullRatioRendersAsDash) {
    const std::string summary = sectionOf(renderReportHtml(fullReport()), "summary");
    EXPECT_NE(summary.find("data-key=\"conversion_rate\">—</td>"), std::string::npos);
    EXPECT_NE(summary.find("data-key=\"coupon_usage_rate\">—</td>"), std::string::npos);
    EXPECT_NE(summary.find("data-key=\"refund_rate\">1.60%</td>"), std::string::npos);
}

TEST(ReportHtml, ChartPointsMatchPerMinuteValues) {
    const json report = fullReport();
    const std::string html = renderReportHtml(report);
    for (const char* series : {"viewers_end", "gmv_cents", "comments"}) {
        std::vector<std::string> expected;
        for (const json& minute : report["per_minute"])
            expected.push_back(std::to_string(minute[series].get<int64_t>()));
        EXPECT_EQ(dataValues(html, series), expected) << series;
    }
    const std::string charts = sectionOf(html, "charts");
    EXPECT_NE(charts.find("<svg class=\"chart\" data-series=\"viewers_end\""), std::string::npos);
    EXPECT_NE(charts.find("class=\"band card\""), std::string::npos);
    EXPECT_NE(charts.find("class=\"band offer\""), std::string::npos);
    EXPECT_NE(charts.find("class=\"cut\""), std::string::npos);
}

TEST(ReportHtml, ProductsAreSortedByGmvAndFlagUnknownSkus) {
    const std::string products = sectionOf(renderReportHtml(fullReport()), "products");
    const size_t sku1 = products.find(">SKU1<");
    const size_t sku3 = products.find(">SKU3<");
    const size_t sku2 = products.find(">SKU2<");
    ASSERT_NE(sku1, std::string::npos);
    ASSERT_NE(sku2, std::string::npos);
    ASSERT_NE(sku3, std::string::npos);
    EXPECT_LT(sku1, sku3);
    EXPECT_LT(sku3, sku2);
    EXPECT_NE(products.find("not in catalog"), std::string::npos);
    EXPECT_NE(products.find("90.9%"), std::string::npos); // 495000 of 544500 sold while SKU1 was on air
}

TEST(ReportHtml, SegmentOverrunIsMarked) {
    const std::string segments = sectionOf(renderReportHtml(fullReport()), "segments");
    EXPECT_NE(segments.find("<td class=\"num over\">1:15"), std::string::npos);
    EXPECT_NE(segments.find("<td class=\"num\">3:20"), std::string::npos);
}

TEST(ReportHtml, OffersShowSellThroughAndSellOutTime) {
    const std::string offers = sectionOf(renderReportHtml(fullReport()), "offers");
    EXPECT_NE(offers.find("100.0%"), std::string::npos);
    EXPECT_NE(offers.find("42 s"), std::string::npos);
    EXPECT_NE(offers.find("25.0%"), std::string::npos);
    EXPECT_NE(offers.find("not sold out"), std::string::npos);
}

TEST(ReportHtml, ComparisonHighlightsCurrentAndSaysWhenEmpty) {
    json report = fullReport();
    EXPECT_NE(sectionOf(renderReportHtml(report), "comparison").find("<tr class=\"current\">"),
              std::string::npos);
    report["comparison"] = json::array();
    EXPECT_NE(sectionOf(renderReportHtml(report), "comparison").find("no earlier sessions"),
              std::string::npos);
}

TEST(ReportHtml, AbSentenceFollowsThePValue) {
    const std::string ab = sectionOf(renderReportHtml(fullReport()), "ab");
    EXPECT_NE(ab.find("0.023"), std::string::npos);
    EXPECT_NE(ab.find("significant (p &lt; 0.05)"), std::string::npos);
    EXPECT_NE(ab.find("0.750"), std::string::npos);
    EXPECT_NE(ab.find("not significant (p ≥ 0.05)"), std::string::npos);
    EXPECT_NE(ab.find("too short to tell"), std::string::npos);

    json report = fullReport();
    report["ab"] = json::array({report["ab"][1]});
    const std::string single = sectionOf(renderReportHtml(report), "ab");
    EXPECT_NE(single.find("not significant (p ≥ 0.05)"), std::string::npos);
    EXPECT_EQ(single.find("significant (p &lt; 0.05)"), std::string::npos);
}

TEST(ReportHtml, ReviewGroupsNotesAndListsActions) {
    json report = fullReport();
    const std::string review = sectionOf(renderReportHtml(report), "review");
    for (const char* kind : {"goal", "result", "gap", "cause", "improvement"})
        EXPECT_NE(review.find(std::string("review-block ") + kind), std::string::npos) << kind;
    EXPECT_NE(review.find("GMV 2万"), std::string::npos);
    EXPECT_NE(review.find("小王"), std::string::npos);

    report.erase("notes");
    EXPECT_NE(sectionOf(renderReportHtml(report), "review").find("no notes yet"), std::string::npos);
}

TEST(ReportHtml, SummaryAndPerMinuteAloneRender) {
    const json full = fullReport();
    const json minimal{{"summary", full["summary"]}, {"per_minute", full["per_minute"]}};
    std::string html;
    ASSERT_NO_THROW(html = renderReportHtml(minimal));
    EXPECT_NE(html.find("<section id=\"summary\">"), std::string::npos);
    EXPECT_NE(html.find("<section id=\"charts\">"), std::string::npos);
    EXPECT_EQ(dataValues(html, "viewers_end").size(), full["per_minute"].size());
    EXPECT_EQ(html.find("<section id=\"products\">"), std::string::npos);
}

TEST(ReportHtml, OddInputNeverThrows) {
    EXPECT_NO_THROW(renderReportHtml(json()));
    EXPECT_NO_THROW(renderReportHtml(json::array()));
    EXPECT_NO_THROW(renderReportHtml(json::object()));
    const json odd = json::parse(R"({"session": "x", "summary": {"uv": "many", "gmv_cents": null},
        "kpis": [1, {"key": 5, "value": "a", "status": "purple"}], "per_minute": [{"minute": "0"}, 3],
        "products": [{"sku": "S"}, 7], "segments": {}, "offers": [null], "comparison": [{}],
        "ab": [{"p_value": "0.01"}], "notes": [{"kind": null}], "alerts": [{}], "top_comments": [[]],
        "onair": {"cards": [{"start_offset_ms": 5, "end_offset_ms": null}], "scenes": 4}})");
    std::string html;
    ASSERT_NO_THROW(html = renderReportHtml(odd));
    EXPECT_NE(html.find("class=\"kpi none\""), std::string::npos);
}

TEST(ReportHtml, InlinesTheStyleSheetAssetByteForByte) {
    // The page's CSS is studio/report/assets/report.css, compiled into the library by a build step; the
    // page must carry that file whole and unaltered. Found from the source tree the unit tests are built
    // from (the golden images' folder is tests/golden).
    const auto path = std::filesystem::path(HAWKER_GOLDEN_DIR).parent_path().parent_path() / "studio" /
                      "report" / "assets" / "report.css";
    std::ifstream file(path, std::ios::binary);
    ASSERT_TRUE(file) << "cannot read " << path;
    std::ostringstream text;
    text << file.rdbuf();
    const std::string css = text.str();
    ASSERT_GT(css.size(), 1000u);

    for (const json& report : {fullReport(), json::object()}) {
        const std::string html = renderReportHtml(report);
        const size_t open = html.find("<style>\n");
        ASSERT_NE(open, std::string::npos);
        const size_t start = open + 8;
        const size_t end = html.find("</style>\n</head>", start);
        ASSERT_NE(end, std::string::npos);
        EXPECT_EQ(html.substr(start, end - start), css);
        EXPECT_EQ(html.find("<style", end), std::string::npos); // one style sheet, nothing else inlined
    }
}

TEST(ReportHtml, SectionsComeOnceInPageOrder) {
    // Each section is drawn by its own file; the page's order lives in renderReportHtml alone.
    const std::string html = renderReportHtml(fullReport());
    size_t previous = 0;
    for (const char* id : {"summary", "funnel", "charts", "products", "segments", "offers", "comparison",
                           "ab", "review", "alerts", "top_comments", "timeline"}) {
        const std::string tag = std::string("<section id=\"") + id + "\">";
        const size_t at = html.find(tag);
        ASSERT_NE(at, std::string::npos) << id;
        EXPECT_GT(at, previous) << id << " is out of order";
        EXPECT_EQ(html.find(tag, at + 1), std::string::npos) << id << " appears twice";
        previous = at;
    }
    EXPECT_LT(previous, html.find("<footer>"));
}

TEST(ReportHtml, EverySectionIsClosedWhateverItsData) {
    // Sections return early when they have nothing to show; each of those paths must still close its tag.
    const auto count = [](const std::string& html, const std::string& needle) {
        size_t n = 0;
        for (size_t at = html.find(needle); at != std::string::npos; at = html.find(needle, at + 1))
            ++n;
        return n;
    };
    json emptyLists = json::object();
    for (const char* key : {"kpis", "per_minute", "segments", "offers", "comparison", "ab", "notes", "alerts",
                            "top_comments", "timeline"})
        emptyLists[key] = json::array();
    emptyLists["products"] = json::object();
    emptyLists["summary"] = json::object();
    json noSummary = fullReport();
    noSummary.erase("summary");
    for (const json& report : {fullReport(), emptyLists, noSummary, json::object(), json()}) {
        const std::string html = renderReportHtml(report);
        EXPECT_GT(count(html, "<section id="), 0u) << report.dump();
        EXPECT_EQ(count(html, "<section id="), count(html, "</section>")) << report.dump();
        EXPECT_EQ(count(html, "<table"), count(html, "</table>")) << report.dump();
        EXPECT_EQ(count(html, "<svg"), count(html, "</svg>")) << report.dump();
        EXPECT_TRUE(html.ends_with("</footer>\n</main>\n</body>\n</html>\n"));
    }
}

TEST(ChiSquare, MatchesHandComputedValues) {
    // Pearson on [[30, 970], [50, 950]]: every expected cell is 40 or 960, so
    // chi2 = 2 * (10^2 / 40) + 2 * (10^2 / 960) = 5.208333..., p = erfc(sqrt(chi2 / 2)).
    const ChiSquareResult result = chiSquare2x2(30, 1000, 50, 1000);
    ASSERT_TRUE(result.valid) << result.reason;
    EXPECT_NEAR(result.chiSquare, 5.2083333, 1e-6);
    EXPECT_NEAR(result.pValue, 0.0224789, 1e-6);
    EXPECT_TRUE(result.reason.empty());

    // Unequal group sizes: [[12, 88], [30, 170]], N = 300; (ad - bc)^2 N / (r1 r2 c1 c2) = 0.4983389.
    const ChiSquareResult unequal = chiSquare2x2(12, 100, 30, 200);
    ASSERT_TRUE(unequal.valid);
    EXPECT_NEAR(unequal.chiSquare, 0.4983389, 1e-6);
    EXPECT_NEAR(unequal.pValue, 0.4802309, 1e-6);

    // The test is symmetric in A and B.
    EXPECT_NEAR(chiSquare2x2(50, 1000, 30, 1000).chiSquare, result.chiSquare, 1e-12);
}

TEST(ChiSquare, EqualRatesGiveZero) {
    const ChiSquareResult result = chiSquare2x2(40, 1000, 40, 1000);
    ASSERT_TRUE(result.valid);
    EXPECT_DOUBLE_EQ(result.chiSquare, 0.0);
    EXPECT_DOUBLE_EQ(result.pValue, 1.0);
}

TEST(ChiSquare, RefusesTooLittleData) {
    const ChiSquareResult noTrials = chiSquare2x2(0, 0, 5, 100);
    EXPECT_FALSE(noTrials.valid);
    EXPECT_NE(noTrials.reason.find("no trials"), std::string::npos);
    EXPECT_TRUE(std::isnan(noTrials.pValue));
    EXPECT_TRUE(std::isnan(noTrials.chiSquare));

    EXPECT_FALSE(chiSquare2x2(3, 100, 0, 0).valid);

    // 2 + 3 successes out of 200: the expected successes are 2.5 per group.
    const ChiSquareResult sparse = chiSquare2x2(2, 100, 3, 100);
    EXPECT_FALSE(sparse.valid);
    EXPECT_NE(sparse.reason.find("below 5"), std::string::npos);
    EXPECT_NE(sparse.reason.find("2.5"), std::string::npos);

    // Everyone bought: the expected failures are 0.
    EXPECT_FALSE(chiSquare2x2(100, 100, 100, 100).valid);
}

TEST(ChiSquare, RefusesImpossibleCounts) {
    EXPECT_FALSE(chiSquare2x2(-1, 100, 5, 100).valid);
    EXPECT_FALSE(chiSquare2x2(101, 100, 5, 100).valid);
    EXPECT_FALSE(chiSquare2x2(5, 100, 5, -100).valid);
}

TEST(ReportHtml, FollowsTheLanguageWithBilingualHeadings) {
    const i18n::Language saved = i18n::currentLanguage();
    const json empty = {{"alerts", json::array()}};
    i18n::setLanguage(i18n::Language::ZhCN);
    const std::string zh = renderReportHtml(empty);
    i18n::setLanguage(i18n::Language::En);
    const std::string en = renderReportHtml(empty);
    i18n::setLanguage(saved);
    EXPECT_NE(zh.find("<html lang=\"zh-CN\">"), std::string::npos);
    EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
    // The notes between the headings follow the language...
    EXPECT_NE(zh.find("直播期间没有触发告警。"), std::string::npos);
    EXPECT_EQ(zh.find("No alert was raised during the show."), std::string::npos);
    EXPECT_NE(en.find("No alert was raised during the show."), std::string::npos);
    // ...and the headings stay bilingual in both.
    for (const std::string* html : {&zh, &en}) {
        EXPECT_NE(html->find("Alerts <span class=\"zh\">告警</span>"), std::string::npos);
        EXPECT_NE(html->find("Review <span class=\"zh\">复盘</span>"), std::string::npos);
    }
}
