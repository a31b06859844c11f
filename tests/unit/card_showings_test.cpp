// Each showing of a product card with what it sold while on air, ranked by GMV per minute: the review's
// "which explanation sold". Every expected figure is worked out beside its assertion.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/report/report_html.hpp"
#include "hawker/studio/report/review_model.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/store/event_store.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "hawker/studio/store/timeline_table.hpp"

#include "session_metrics_fixtures.hpp"
#include "temp_db.hpp"

using namespace hawker::studio;
using namespace hawker::studio::metrics_fixtures;

namespace {

// A on air [0, 60 s), B [60 s, 120 s), A again [120 s, 150 s); the session ends at 150 s.
const std::vector<std::pair<int64_t, TimelineRow>>& rows() {
    static const std::vector<std::pair<int64_t, TimelineRow>> r{
        {0, TimelineRow::cardShown(0, "A", "card")},
        {60 * kSec, TimelineRow::cardShown(60 * kSec, "B", "card")},
        {120 * kSec, TimelineRow::cardShown(120 * kSec, "A", "card")},
    };
    return r;
}

std::vector<ViewerEvent> events() {
    return {
        viewStart(kS + 10 * kSec, 1),                       // during A×1
        click(kS + 20 * kSec, 1, "A"),                      // A×1
        orderPaid(kS + 30 * kSec, 1, "o1", "A", 1, 10000),  // A×1: ¥100
        viewStart(kS + 70 * kSec, 2),                       // B×1
        click(kS + 80 * kSec, 2, "B"),                      // B×1
        click(kS + 85 * kSec, 2, "A"),                      // A is not on air: no showing
        orderPaid(kS + 90 * kSec, 2, "o2", "B", 1, 5000),   // B×1: ¥50
        orderPaid(kS + 100 * kSec, 1, "o3", "A", 1, 1000),  // A not on air: no showing
        viewStart(kS + 125 * kSec, 3),                      // A×2
        viewStart(kS + 130 * kSec, 4),                      // A×2
        orderPaid(kS + 131 * kSec, 3, "o4", "A", 2, 20000), // A×2: ¥200
    };
}

} // namespace

TEST(CardShowings, EachShowingCountsItsViewsClicksAndSales) {
    const int64_t end = kS + 150 * kSec;
    OnAirSchedule schedule;
    for (const auto& [at, row] : rows())
        schedule.apply(kS + at, row);
    SessionMetrics m(kS, end);
    m.setSchedule(&schedule);
    feed(m, events());
    const WindowCounts a1 = m.showingCounts("A", 0), a2 = m.showingCounts("A", 1),
                       b1 = m.showingCounts("B", 0);
    EXPECT_EQ(a1.enters, 1);
    EXPECT_EQ(a1.clicks, 1);
    EXPECT_EQ(a1.paidOrders, 1);
    EXPECT_EQ(a1.gmvCents, 10000); // o3 at 100 s was not in a showing
    EXPECT_EQ(b1.enters, 1);
    EXPECT_EQ(b1.clicks, 1); // the A click at 85 s is not B's
    EXPECT_EQ(b1.gmvCents, 5000);
    EXPECT_EQ(a2.enters, 2);
    EXPECT_EQ(a2.units, 2);
    EXPECT_EQ(a2.gmvCents, 20000);
    EXPECT_EQ(a2.buyers.size(), 1u);
    EXPECT_EQ(m.showingCounts("C", 0).enters, 0); // never shown
}

TEST(CardShowings, TheReportRanksThemByGmvPerMinuteOnAir) {
    TempDb temp("showings");
    Database db(temp.path);
    SessionStore sessions(db);
    const int64_t id = sessions.create("show", "", kS, false).id;
    db.transaction([&] {
        TimelineInsert insert(db);
        for (const auto& [at, row] : rows())
            insert.add(id, kS + at, row);
        EventStore(db).insert(id, events(), kS + 200 * kSec);
    });
    sessions.end(id, kS + 150 * kSec);
    const nlohmann::json report = buildSessionReport(db, id);
    const nlohmann::json& showings = report["card_showings"];
    ASSERT_EQ(showings.size(), 3u);
    // A×2: ¥200 in 30 s = 40000 cents a minute; A×1: ¥100 in 60 s = 10000; B×1: ¥50 in 60 s = 5000.
    EXPECT_EQ(showings[0]["sku"], "A");
    EXPECT_EQ(showings[0]["showing"], 2);
    EXPECT_DOUBLE_EQ(showings[0]["gmv_per_minute_cents"].get<double>(), 40000.0);
    EXPECT_DOUBLE_EQ(showings[0]["gpm_cents"].get<double>(), 20000.0 * 1000 / 2); // per 1,000 of 2 views
    EXPECT_DOUBLE_EQ(showings[0]["seconds"].get<double>(), 30.0);
    EXPECT_EQ(showings[0]["start_offset_ms"], 120 * kSec);
    EXPECT_EQ(showings[1]["showing"], 1);
    EXPECT_DOUBLE_EQ(showings[1]["gmv_per_minute_cents"].get<double>(), 10000.0);
    EXPECT_EQ(showings[2]["sku"], "B");
    EXPECT_EQ(showings[2]["clicks"], 1);
    // The showings' GMV is the product's GMV on air.
    EXPECT_EQ(report["products"]["A"]["gmv_onair_cents"], 30000);

    const std::string html = renderReportHtml(report);
    const size_t section = html.find("id=\"card_showings\"");
    ASSERT_NE(section, std::string::npos);
    EXPECT_LT(html.find("data-sku=\"A\"", section), html.find("data-sku=\"B\"", section));
    const ReviewModel model = prepareReview(report);
    ASSERT_EQ(model.showings.size(), 3u);
    EXPECT_EQ(model.showings[0].title, "A #2");
    EXPECT_EQ(model.showings[0].gmvPerMinute, "¥400.00");
    EXPECT_EQ(model.showings[0].seconds, "0:30");
}
