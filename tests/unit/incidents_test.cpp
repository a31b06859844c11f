// Incidents on the review's curves: an output reconnecting or failed, a resume after a crash, the database,
// and the alerts about outputs, sources, dropped frames and platform connections, in time order; a KPI
// alert is not one.

#include <gtest/gtest.h>

#include <string>

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

void alert(Database& db, int64_t session, int64_t utcMs, const std::string& rule, const std::string& kpi,
           const std::string& message) {
    Statement insert = db.prepare("INSERT INTO alerts (session_id, utc_ms, rule, kpi, level, message) VALUES "
                                  "(?1, ?2, ?3, ?4, 'red', ?5)");
    insert.bind(1, session).bind(2, utcMs).bind(3, rule).bind(4, kpi).bind(5, message);
    insert.run();
}

} // namespace

TEST(Incidents, TheReportMarksWhatWentWrongOnTheCurves) {
    TempDb temp("incidents");
    Database db(temp.path);
    SessionStore sessions(db);
    const int64_t id = sessions.create("show", "", kS, false).id;
    db.transaction([&] {
        TimelineInsert timeline(db);
        timeline.add(id, kS + 60 * kSec, TimelineRow::outputChange(60 * kSec, "rtmp1", "live", ""));
        timeline.add(id, kS + 90 * kSec,
                     TimelineRow::outputChange(90 * kSec, "rtmp1", "reconnecting", "connection refused"));
        timeline.add(id, kS + 95 * kSec, TimelineRow::outputChange(95 * kSec, "rtmp1", "live", ""));
        timeline.add(id, kS + 150 * kSec, TimelineRow::sessionResumed(150 * kSec, 20 * kSec, 130 * kSec));
        EventStore(db).insert(
            id, {viewStart(kS + 10 * kSec, 1), orderPaid(kS + 100 * kSec, 1, "o1", "A", 1, 900)},
            kS + 200 * kSec);
    });
    alert(db, id, kS + 120 * kSec, "source-lost", "sources", "signal lost: cam2");
    alert(db, id, kS + 30 * kSec, "pace-gmv", "gmv_cents", "GMV is 40 % behind"); // a KPI, not an incident
    alert(db, id, kS + 170 * kSec, "connector.yt-main", "connectors", "YouTube chat: quotaExceeded");
    alert(db, id, kS + 175 * kSec, "frames", "frames",
          "画面卡顿 program stuttered: 40 frames lost or repeated");
    sessions.end(id, kS + 180 * kSec);

    const nlohmann::json report = buildSessionReport(db, id);
    const nlohmann::json& incidents = report["incidents"];
    ASSERT_EQ(incidents.size(), 5u) << incidents.dump();
    EXPECT_EQ(incidents[0]["kind"], "output"); // live is the normal state: only reconnecting counts
    EXPECT_EQ(incidents[0]["offset_ms"], 90 * kSec);
    EXPECT_NE(incidents[0]["text"].get<std::string>().find("reconnecting"), std::string::npos);
    EXPECT_EQ(incidents[1]["kind"], "source");
    EXPECT_EQ(incidents[1]["text"], "signal lost: cam2");
    EXPECT_EQ(incidents[2]["kind"], "resume");
    EXPECT_EQ(incidents[3]["kind"], "connector");
    EXPECT_EQ(incidents[4]["kind"], "frames");
    EXPECT_EQ(incidents[4]["offset_ms"], 175 * kSec);

    const std::string html = renderReportHtml(report);
    // Each minute chart carries the four markers, and a legend that names them.
    size_t markers = 0;
    for (size_t at = html.find("<g class=\"incident output\""); at != std::string::npos;
         at = html.find("<g class=\"incident output\"", at + 1))
        ++markers;
    EXPECT_EQ(markers, 3u); // viewers, GMV, comments
    EXPECT_NE(html.find("incident 故障 (output, source, dropped frames"), std::string::npos);
    EXPECT_NE(html.find("<g class=\"incident frames\""), std::string::npos);
    EXPECT_NE(html.find("signal lost: cam2"), std::string::npos);

    const ReviewModel model = prepareReview(report);
    ASSERT_EQ(model.overview.incidents.size(), 5u);
    EXPECT_DOUBLE_EQ(model.overview.incidents[1].seconds, 120.0);
    EXPECT_EQ(model.overview.incidents[1].text, "source: signal lost: cam2");
}
