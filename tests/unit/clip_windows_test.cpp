// The windows a clip is cut from, with the report's figures for each; the peak of viewers in a window; the
// plan that maps windows onto recording parts (pre-roll, post-roll, the length cap, a gap between parts);
// and the chapters the timeline makes. Every expected figure is worked out beside its assertion.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hawker/studio/clips/clip_job.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/show/recording_chapters.hpp"
#include "hawker/studio/store/event_store.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "hawker/studio/store/timeline_table.hpp"

#include "session_metrics_fixtures.hpp"
#include "temp_db.hpp"

using namespace hawker::studio;
using namespace hawker::studio::metrics_fixtures;

namespace {

// Card A on air [10 s, 40 s), a flash sale of A open [20 s, 30 s), segment #1 [0, 60 s); the session ends at
// 60 s.
std::vector<std::pair<int64_t, TimelineRow>> rows() {
    return {
        {0, TimelineRow::segment(0, 1, SegmentKind::Product, "Serum demo", false)},
        {10 * kSec, TimelineRow::cardShown(10 * kSec, "A", "card")},
        {15 * kSec, TimelineRow::offerAnnounced(15 * kSec, "flash", "A", 10, 9900, 5, false, "")},
        {20 * kSec, TimelineRow::offerOnSale(20 * kSec, "flash", "timer")},
        {30 * kSec, TimelineRow::offerEnded(30 * kSec, "flash", OfferEnd::TimeUp, 8)},
        {40 * kSec, TimelineRow::hidden(40 * kSec, "card", "card", "A")},
    };
}

std::vector<ViewerEvent> events() {
    return {
        viewStart(kS + 1 * kSec, 1),                       // segment only
        viewStart(kS + 12 * kSec, 2),                      // card; 2 present
        viewStart(kS + 21 * kSec, 3),                      // card and sale; 3 present
        click(kS + 22 * kSec, 3, "A"),                     // card and sale
        orderPaid(kS + 23 * kSec, 3, "o1", "A", 2, 19800), // card and sale: ¥198
        viewEnd(kS + 25 * kSec, 1),                        // 2 present
        orderPaid(kS + 35 * kSec, 2, "o2", "A", 1, 12900), // card only: ¥129
        viewStart(kS + 50 * kSec, 4),                      // segment only; 3 present
        viewStart(kS + 51 * kSec, 5),                      // 4 present: the segment's peak
    };
}

SessionReplay replayOf(Database& db, int64_t& id) {
    SessionStore sessions(db);
    id = sessions.create("show", "", kS, false).id;
    db.transaction([&] {
        TimelineInsert insert(db);
        for (const auto& [at, row] : rows())
            insert.add(id, kS + at, row);
        EventStore(db).insert(id, events(), kS + 100 * kSec);
    });
    sessions.end(id, kS + 60 * kSec);
    return replaySession(db, id);
}

const ClipWindow* find(const std::vector<ClipWindow>& windows, ClipKind kind) {
    for (const ClipWindow& w : windows)
        if (w.kind == kind) return &w;
    return nullptr;
}

} // namespace

TEST(ClipWindows, EachWindowHasTheReportsFiguresAndItsPeak) {
    TempDb temp("clip-windows");
    Database db(temp.path);
    int64_t id = 0;
    const SessionReplay replay = replayOf(db, id);
    const std::vector<ClipWindow> windows = clipWindows(replay);
    ASSERT_EQ(windows.size(), 3u);
    // By GMV: the card (¥327) and the segment (¥327, later start) before the sale (¥198).
    EXPECT_EQ(windows[0].kind, ClipKind::Segment); // starts at 0, before the card's 10 s
    EXPECT_EQ(windows[1].kind, ClipKind::Card);
    EXPECT_EQ(windows[2].kind, ClipKind::Offer);

    const ClipWindow* card = find(windows, ClipKind::Card);
    EXPECT_EQ(card->startMs, 10 * kSec);
    EXPECT_EQ(card->endMs, 40 * kSec);
    EXPECT_EQ(card->orders, 2);
    EXPECT_EQ(card->units, 3);
    EXPECT_EQ(card->gmvCents, 19800 + 12900);
    EXPECT_EQ(card->views, 2); // viewers 2 and 3 came while it was on air
    EXPECT_EQ(card->productClicks, 1);
    EXPECT_EQ(card->peakViewers, 3); // 1, 2 and 3 present from 21 s to 25 s
    EXPECT_DOUBLE_EQ(*card->gpmCents, 32700.0 * 1000 / 2);
    EXPECT_EQ(card->label, "A #1");

    const ClipWindow* sale = find(windows, ClipKind::Offer);
    EXPECT_EQ(sale->startMs, 20 * kSec);
    EXPECT_EQ(sale->endMs, 30 * kSec);
    EXPECT_EQ(sale->gmvCents, 19800);
    EXPECT_EQ(sale->views, 1);
    EXPECT_EQ(sale->productClicks, 1);
    EXPECT_EQ(sale->peakViewers, 3);
    EXPECT_EQ(sale->label, "flash");

    const ClipWindow* segment = find(windows, ClipKind::Segment);
    EXPECT_EQ(segment->endMs, 60 * kSec); // open until the session's end
    EXPECT_EQ(segment->peakViewers, 4);
    EXPECT_EQ(segment->gmvCents, 32700);
    EXPECT_EQ(segment->label, "#1 Serum demo");

    // The report says the same of the same windows.
    const nlohmann::json report = buildSessionReport(db, id);
    EXPECT_EQ(report["card_showings"][0]["gmv_cents"], card->gmvCents);
    EXPECT_EQ(report["offers"][0]["gmv_cents"], sale->gmvCents);
    EXPECT_EQ(report["segments"][0]["gmv_cents"], segment->gmvCents);

    ClipFilter onlySale;
    onlySale.kind = ClipKind::Offer;
    EXPECT_EQ(clipWindows(replay, onlySale).size(), 1u);
    ClipFilter one;
    one.windowStartMs = 10 * kSec;
    ASSERT_EQ(clipWindows(replay, one).size(), 1u);
    EXPECT_EQ(clipWindows(replay, one)[0].kind, ClipKind::Card);
    ClipFilter otherSku;
    otherSku.sku = "B";
    EXPECT_TRUE(clipWindows(replay, otherSku).empty());
}

TEST(ClipPlan, RollsCapsAndSplitsAcrossAGapInTheRecording) {
    TempDb temp("clip-plan");
    Database db(temp.path);
    int64_t id = 0;
    const SessionReplay replay = replayOf(db, id);
    // Two parts: program time [0, 24 s) and, after a gap, [27 s, 60 s).
    SessionRecordings recordings;
    RecordingPart first{"record", "/rec/program.mkv", 0, {21, 21 + 24000, 1080, 1920}};
    RecordingPart second{"record", "/rec/program-part2.mkv", 27000, {0, 33000, 1080, 1920}};
    recordings.parts = {first, second};
    EXPECT_EQ(second.fileMs(30000), 3000);
    EXPECT_EQ(first.fileMs(5000), 5021); // the file's first frame sits 21 ms in

    ClipOptions options;
    options.outDir = "/unused";
    options.preSeconds = 2;
    options.postSeconds = 2;
    options.filter.kind = ClipKind::Card;
    ClipRun plan = planClips(replay, recordings, options);
    // The card [10 s, 40 s) with 2 s either side is [8 s, 42 s): [8, 24) from the first part, [27, 42) from
    // the second.
    ASSERT_EQ(plan.clips.size(), 2u);
    EXPECT_EQ(plan.clips[0].part, 1);
    EXPECT_EQ(plan.clips[0].startMs, 8000);
    EXPECT_EQ(plan.clips[0].endMs, 24000);
    EXPECT_EQ(plan.clips[0].recording, "/rec/program.mkv");
    EXPECT_EQ(plan.clips[0].file, "card-A-01-p1.mp4");
    EXPECT_EQ(plan.clips[1].startMs, 27000);
    EXPECT_EQ(plan.clips[1].endMs, 42000);
    EXPECT_EQ(plan.clips[1].file, "card-A-01-p2.mp4");
    EXPECT_EQ(plan.clips[1].thumbnail, "card-A-01-p2.jpg");

    // A cap of 20 s: the window is cut to 16 s so that 2 + 16 + 2 = 20.
    options.maxSeconds = 20;
    options.filter.kind = ClipKind::Offer;
    plan = planClips(replay, recordings, options);
    ASSERT_EQ(plan.clips.size(), 2u); // [18 s, 32 s): the first part holds [18, 24), the second [27, 32)
    options.filter.kind = ClipKind::Segment;
    plan = planClips(replay, recordings, options);
    ASSERT_FALSE(plan.clips.empty());
    EXPECT_TRUE(plan.clips[0].truncated);
    EXPECT_EQ(plan.clips[0].startMs, 0); // the pre-roll before 0 is not there
    EXPECT_EQ(plan.clips[0].endMs, 18000);

    // A window no part covers is skipped with the reason.
    recordings.parts = {second};
    options.filter.kind = ClipKind::Offer;
    options.maxSeconds = 120;
    options.preSeconds = options.postSeconds = 0;
    plan = planClips(replay, recordings, options);
    EXPECT_EQ(plan.clips.size(), 1u); // [27, 30) of the sale is in the second part
    recordings.parts = {};
    plan = planClips(replay, recordings, options);
    EXPECT_TRUE(plan.clips.empty());
    ASSERT_EQ(plan.skipped.size(), 1u);
    EXPECT_NE(plan.skipped[0].find("no recording covers"), std::string::npos);
}

TEST(ClipPlan, BadOptionsAreRefusedBeforeAnythingIsCut) {
    ClipOptions ok;
    ok.outDir = "/tmp/x";
    EXPECT_EQ(checkClipOptions(ok), "");
    ClipOptions tooLong = ok;
    tooLong.maxSeconds = 901;
    EXPECT_NE(checkClipOptions(tooLong).find("15 min"), std::string::npos);
    ClipOptions negative = ok;
    negative.preSeconds = -1;
    EXPECT_NE(checkClipOptions(negative), "");
    ClipOptions noRoom = ok;
    noRoom.maxSeconds = 4;
    EXPECT_NE(checkClipOptions(noRoom), "");
    ClipOptions noFolder;
    EXPECT_NE(checkClipOptions(noFolder), "");
}

TEST(RecordingChapters, OnePerSegmentAndPerCardTitledWithTheProduct) {
    RecordingChapters chapters(std::map<std::string, std::string>{{"A", "小棕瓶精华液"}});
    EXPECT_TRUE(chapters.apply(TimelineRow::segment(500, 1, SegmentKind::Opening, "开场", false)));
    EXPECT_TRUE(chapters.apply(TimelineRow::segment(7500, 2, SegmentKind::Product, "讲解", false)));
    EXPECT_TRUE(chapters.apply(TimelineRow::cardShown(7500, "A", "card")));
    EXPECT_TRUE(chapters.apply(TimelineRow::cardShown(9000, "B", "side"))); // no name: its sku
    EXPECT_FALSE(chapters.apply(TimelineRow::program(9500, "main", TransitionKind::Cut)));
    EXPECT_TRUE(chapters.apply(TimelineRow::hidden(12000, "card", "card", "A")));
    EXPECT_FALSE(chapters.apply(TimelineRow::hidden(12500, "card", "card", "A"))); // already down
    const auto& marks = chapters.marks();
    ASSERT_EQ(marks.size(), 4u);
    EXPECT_EQ(marks[0].title, "#1 开场");
    EXPECT_EQ(marks[0].endMs, 7500); // the next segment ends it
    EXPECT_EQ(marks[1].endMs, -1);   // still on
    EXPECT_EQ(marks[2].title, "小棕瓶精华液");
    EXPECT_EQ(marks[2].startMs, 7500);
    EXPECT_EQ(marks[2].endMs, 12000);
    EXPECT_EQ(marks[3].title, "B");
    // A killed run's chapters end where it stopped.
    chapters.apply(TimelineRow::sessionResumed(20000, 5000, 15000));
    EXPECT_EQ(chapters.marks()[1].endMs, 15000);
    EXPECT_EQ(chapters.marks()[3].endMs, 15000);
}
