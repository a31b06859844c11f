// The typed timeline in a real SQLite file: rows go through the on-air log
// and come back with the same fields; a file of schema 4 (built here with
// that version's own SQL, rows in its words) is migrated once, and its
// schedule is the one the typed rows give; a row written without fields
// into a newer file is never read back from its words.

#include <gtest/gtest.h>

#include <sqlite3.h>

#include <string>
#include <vector>

#include "hawker/studio/analytics/on_air_schedule.hpp"
#include "hawker/studio/base/secret_mask.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/show/timeline_fields.hpp"
#include "hawker/studio/store/legacy_timeline.hpp"
#include "hawker/studio/store/on_air_log.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "hawker/studio/store/timeline_table.hpp"

#include "temp_db.hpp"
#include "timeline_samples.hpp"

using namespace hawker::studio;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr int64_t kStart = 1700000000000;

/// A show's worth of rows: scenes, cards, a rundown, a sold-out sale, a sale
/// stopped early, graphics, an output and the stop.
std::vector<TimelineRow> showRows() {
    return {
        TimelineRow::segment(0, 1, SegmentKind::Opening, "开场", false),
        TimelineRow::program(0, "host", TransitionKind::Cut),
        TimelineRow::outputChange(100, "record", "live", ""),
        TimelineRow::segment(60000, 2, SegmentKind::Product, "精华液 讲解", false),
        TimelineRow::program(60000, "closeup", TransitionKind::Fade),
        TimelineRow::cardShown(60000, "S1", "card"),
        TimelineRow::graphicShown(70000, "lower_third", "l3"),
        TimelineRow::hidden(80000, "l3", "lower_third", ""),
        TimelineRow::segment(120000, 3, SegmentKind::Offer, "秒杀", false),
        TimelineRow::offerAnnounced(120000, "flash", "S1", 50, 9900, 10, false, "A"),
        TimelineRow::offerOnSale(130000, "flash", "countdown"),
        TimelineRow::offerSoldOut(134200, "flash", 4200, 50),
        TimelineRow::hidden(140000, "countdown", "countdown", "S1", "flash"),
        TimelineRow::cardShown(150000, "S2", "card"), // replaces S1 in the slot
        TimelineRow::offerAnnounced(150000, "S2", "S2", 20, 5000, 5, false, ""),
        TimelineRow::offerOnSale(155000, "S2", "countdown"),
        TimelineRow::offerEnded(170000, "S2", OfferEnd::StoppedEarly, 12),
        TimelineRow::segmentOverrun(200000, 3, "秒杀", 60),
        TimelineRow::hidden(210000, "card", "card", "S2"),
        TimelineRow::segment(220000, 4, SegmentKind::Closing, "下播", true),
        TimelineRow::showStop(240000),
    };
}

OnAirSchedule scheduleOf(const std::vector<TimelineRow>& rows) {
    OnAirSchedule schedule;
    for (const TimelineRow& row : rows)
        schedule.apply(kStart + row.programMs, row);
    return schedule;
}

void expectSameSchedule(const OnAirSchedule& got, const OnAirSchedule& want) {
    ASSERT_EQ(got.cards().size(), want.cards().size());
    for (const auto& [sku, intervals] : want.cards()) {
        ASSERT_TRUE(got.cards().count(sku)) << sku;
        const auto& mine = got.cards().at(sku);
        ASSERT_EQ(mine.size(), intervals.size()) << sku;
        for (size_t i = 0; i < intervals.size(); ++i) {
            EXPECT_EQ(mine[i].start, intervals[i].start) << sku;
            EXPECT_EQ(mine[i].end, intervals[i].end) << sku;
        }
    }
    ASSERT_EQ(got.scenes().size(), want.scenes().size());
    for (size_t i = 0; i < want.scenes().size(); ++i) {
        EXPECT_EQ(got.scenes()[i].scene, want.scenes()[i].scene);
        EXPECT_EQ(got.scenes()[i].interval.start, want.scenes()[i].interval.start);
        EXPECT_EQ(got.scenes()[i].interval.end, want.scenes()[i].interval.end);
    }
    ASSERT_EQ(got.segments().size(), want.segments().size());
    for (size_t i = 0; i < want.segments().size(); ++i) {
        const SegmentWindow &a = got.segments()[i], &b = want.segments()[i];
        EXPECT_EQ(a.plan.index, b.plan.index);
        EXPECT_EQ(a.plan.kind, b.plan.kind);
        EXPECT_EQ(a.plan.title, b.plan.title);
        EXPECT_EQ(a.start, b.start);
        EXPECT_EQ(a.end, b.end);
    }
    ASSERT_EQ(got.offers().size(), want.offers().size());
    for (size_t i = 0; i < want.offers().size(); ++i) {
        const OfferWindow &a = got.offers()[i], &b = want.offers()[i];
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.sku, b.sku);
        EXPECT_EQ(a.priceCents, b.priceCents);
        EXPECT_EQ(a.quantity, b.quantity);
        EXPECT_EQ(a.sold, b.sold);
        EXPECT_EQ(a.announced, b.announced);
        EXPECT_EQ(a.onSale, b.onSale);
        EXPECT_EQ(a.soldOut, b.soldOut);
        EXPECT_EQ(a.ended, b.ended);
        EXPECT_EQ(a.endReason, b.endReason);
        EXPECT_EQ(a.variant, b.variant);
    }
}

/// What the schedule of showRows() is, worked out by hand.
void expectShowSchedule(const OnAirSchedule& schedule) {
    ASSERT_EQ(schedule.cards().at("S1").size(), 1u);
    EXPECT_EQ(schedule.cards().at("S1")[0].start, kStart + 60000);
    EXPECT_EQ(schedule.cards().at("S1")[0].end, kStart + 150000);
    EXPECT_EQ(schedule.cards().at("S2")[0].end, kStart + 210000);
    ASSERT_EQ(schedule.scenes().size(), 2u);
    EXPECT_EQ(schedule.scenes()[1].scene, "closeup");
    EXPECT_EQ(schedule.scenes()[1].interval.end, kStart + 240000); // the stop closes it
    ASSERT_EQ(schedule.segments().size(), 4u);
    EXPECT_EQ(schedule.segments()[1].plan.title, "精华液 讲解");
    EXPECT_EQ(schedule.segments()[3].plan.title, "下播");
    ASSERT_EQ(schedule.offers().size(), 2u);
    EXPECT_EQ(schedule.offers()[0].sold, 50);
    EXPECT_EQ(schedule.offers()[0].endReason, "sold out");
    EXPECT_EQ(schedule.offers()[0].variant, "A");
    EXPECT_EQ(schedule.offers()[1].sold, 8);
    EXPECT_EQ(schedule.offers()[1].endReason, "stopped early");
}

int64_t count(Database& db, const std::string& sql) {
    Statement query = db.prepare(sql);
    return query.step() ? query.integer(0) : -1;
}

std::string text(Database& db, const std::string& sql) {
    Statement query = db.prepare(sql);
    return query.step() ? query.text(0) : "<no row>";
}

void exec(sqlite3* db, const std::string& sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    const std::string message = error ? error : "";
    sqlite3_free(error);
    ASSERT_EQ(rc, SQLITE_OK) << message << "\n" << sql;
}

/// A row as a hawker of schema 4 stored it: the event and its words only.
struct OldRow {
    std::optional<int64_t> programMs;
    std::string event, detail;
};

/// Writes a file of schema 4 with that version's SQL (steps 1 to 4): one ended session with
/// its rundown, and `rows`.
void writeSchemaV4File(const std::filesystem::path& path, const std::vector<OldRow>& rows) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
    exec(db, schemaSql(4));
    exec(db, "PRAGMA user_version = 4");
    exec(db, "INSERT INTO sessions (id, title, state, start_utc_ms, end_utc_ms, created_utc_ms) VALUES (1, "
             "'old show', 'ended', " +
                 std::to_string(kStart) + ", " + std::to_string(kStart + 300000) + ", " +
                 std::to_string(kStart) + ")");
    exec(db, "INSERT INTO rundown (session_id, idx, kind, title, sku, planned_seconds) VALUES "
             "(1, 1, 'opening', '开场', '', 60), (1, 2, 'product', '精华液 讲解', 'S1', 60), "
             "(1, 3, 'offer', '秒杀', 'S1', 60), (1, 4, 'closing', '下播', '', 30)");
    sqlite3_stmt* insert = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db,
                                 "INSERT INTO timeline (session_id, utc_ms, program_ms, event, detail) "
                                 "VALUES (1, ?1, ?2, ?3, ?4)",
                                 -1, &insert, nullptr),
              SQLITE_OK);
    for (const OldRow& row : rows) {
        sqlite3_bind_int64(insert, 1, kStart + row.programMs.value_or(0));
        if (row.programMs)
            sqlite3_bind_int64(insert, 2, *row.programMs);
        else
            sqlite3_bind_null(insert, 2);
        sqlite3_bind_text(insert, 3, row.event.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 4, row.detail.c_str(), -1, SQLITE_TRANSIENT);
        EXPECT_EQ(sqlite3_step(insert), SQLITE_DONE);
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_close(db);
}

Session sessionOne(Database& db) {
    auto session = SessionStore(db).find(1);
    EXPECT_TRUE(session.has_value());
    return session.value_or(Session{});
}

} // namespace

TEST(TimelineStore, RowsComeBackFromARealFileWithTheirFields) {
    TempDb file;
    int64_t session = 0;
    {
        Database db(file.path);
        session = SessionStore(db).create("typed", "", kStart, false).id;
    }
    const std::vector<TimelineRow> rows = showRows();
    {
        OnAirLog log(file.path, session);
        uint64_t last = 0;
        for (const TimelineRow& row : rows)
            last = log.timeline(row);
        // A destination's message that quotes its stream key.
        last = log.timeline(
            TimelineRow::outputChange(250000, "douyin", "reconnecting",
                                      "rtmp://127.0.0.1:1935/live/x?key=sk-very-secret-9876 refused"));
        ASSERT_TRUE(log.waitDurable(last, 3s));
    }
    Database db(file.path);
    std::vector<StoredTimelineRow> stored;
    readTimeline(db, session, 0, [&](StoredTimelineRow& row) { stored.push_back(row); });
    ASSERT_EQ(stored.size(), rows.size() + 1);
    for (size_t i = 0; i < rows.size(); ++i) {
        ASSERT_TRUE(stored[i].row.has_value()) << stored[i].event << " " << stored[i].text;
        EXPECT_EQ(stored[i].event, toString(rows[i].kind));
        EXPECT_EQ(stored[i].text, rows[i].text());
        EXPECT_EQ(stored[i].programMs, rows[i].programMs);
        EXPECT_EQ(timelineFieldsJson(*stored[i].row), timelineFieldsJson(rows[i])) << stored[i].text;
    }
    // The fields are plain SQL too, under fixed keys.
    EXPECT_EQ(count(db,
                    "SELECT json_extract(fields, '$.price_cents') FROM timeline "
                    "WHERE event = 'offer' AND json_extract(fields, '$.step') = 'pre_launch' ORDER BY id"),
              9900);
    EXPECT_EQ(text(db, "SELECT group_concat(json_extract(fields, '$.sku'), ',') FROM timeline "
                       "WHERE event = 'card_shown'"),
              "S1,S2");
    EXPECT_EQ(count(db, "SELECT count(*) FROM v_timeline WHERE fields IS NOT NULL"),
              static_cast<int64_t>(rows.size() + 1));
    // The key is masked in the fields as in the text.
    EXPECT_EQ(count(db, "SELECT count(*) FROM timeline WHERE fields LIKE '%sk-very-secret%' "
                        "OR detail LIKE '%sk-very-secret%'"),
              0);
    EXPECT_NE(stored.back().row->note.find(kMask), std::string::npos) << stored.back().row->note;

    const OnAirSchedule fromFile = loadSchedule(db, *SessionStore(db).find(session));
    expectShowSchedule(fromFile);
    expectSameSchedule(fromFile, scheduleOf(rows));
}

TEST(TimelineMigration, ASchemaFourFileIsTypedOnceAndGivesTheSameSchedule) {
    TempDb file;
    // The rows as schema 4 stored them, in its words (not made by text()).
    const std::vector<OldRow> old = {
        {0, "segment", "#1 opening 开场"},
        {0, "program", "host (cut)"},
        {100, "output", "record live"},
        {60000, "segment", "#2 product 精华液 讲解"},
        {60000, "program", "closeup (fade)"},
        {60000, "card_shown", "S1 (slot card)"},
        {70000, "graphic_shown", "lower_third (slot l3)"},
        {80000, "graphic_hidden", "lower_third (slot l3)"},
        {120000, "segment", "#3 offer 秒杀"},
        {120000, "offer", "flash pre_launch: 50 of S1 at 9900 cents, launch in 10 s variant=A"},
        {130000, "offer", "flash on_sale (slot countdown)"},
        {134200, "offer", "flash sold_out after 4200 ms, 50 sold"},
        {140000, "graphic_hidden", "countdown flash (slot countdown)"},
        {150000, "card_shown", "S2 (slot card)"},
        {150000, "offer", "S2 pre_launch: 20 of S2 at 5000 cents, launch in 5 s"},
        {155000, "offer", "S2 on_sale (slot countdown)"},
        {170000, "offer", "S2 ended: stopped early, 12 left"},
        {200000, "segment_overrun", "#3 秒杀 over its 60 s"},
        {210000, "card_hidden", "S2 (slot card)"},
        {220000, "segment", "#4 closing 下播 (rundown only)"},
        {240000, "show_stop", "stopped by command"},
        {std::nullopt, "database", "writable again after 2.4 s; 5 rows waited"},
        {std::nullopt, "scene", "a row of a kind no hawker knows"},
    };
    const std::vector<TimelineRow> typed = showRows();
    ASSERT_EQ(typed.size() + 2, old.size());
    // The words a typed row makes are the words schema 4 stored.
    for (size_t i = 0; i < typed.size(); ++i)
        EXPECT_EQ(typed[i].text(), old[i].detail);
    writeSchemaV4File(file.path, old);

    {
        Database db(file.path);
        EXPECT_EQ(db.schemaVersion(), 10);
        EXPECT_EQ(count(db, "SELECT count(*) FROM timeline WHERE fields IS NULL"), 0);
        // Its text and times stay as they were.
        EXPECT_EQ(text(db, "SELECT detail FROM timeline WHERE id = 10"), old[9].detail);
        std::vector<StoredTimelineRow> stored;
        readTimeline(db, 1, 0, [&](StoredTimelineRow& row) { stored.push_back(row); });
        ASSERT_EQ(stored.size(), old.size());
        for (size_t i = 0; i < typed.size(); ++i) {
            if (typed[i].kind == TimelineKind::GraphicHidden) {
                // Its words do not say whether they name a sku or a graphic: text only.
                EXPECT_FALSE(stored[i].row.has_value()) << old[i].detail;
                continue;
            }
            ASSERT_TRUE(stored[i].row.has_value()) << old[i].event << " " << old[i].detail;
            EXPECT_EQ(timelineFieldsJson(*stored[i].row), timelineFieldsJson(typed[i])) << old[i].detail;
        }
        EXPECT_FALSE(stored[typed.size()].row.has_value()) << "a database note stays text";
        EXPECT_FALSE(stored[typed.size() + 1].row.has_value()) << "an unknown kind stays text";
        EXPECT_EQ(text(db, "SELECT fields FROM timeline WHERE event = 'scene'"), "{}");
        EXPECT_FALSE(stored[typed.size()].programMs.has_value());

        // What attribution reads is what the typed rows give; the rundown's plan names the segments.
        const OnAirSchedule migrated = loadSchedule(db, sessionOne(db));
        expectShowSchedule(migrated);
        OnAirSchedule direct = scheduleOf(typed);
        expectSameSchedule(migrated, direct);
        // The report, which reads the same, is made from the migrated file.
        const json report = buildSessionReport(db, 1);
        ASSERT_EQ(report.at("offers").size(), 2u);
        EXPECT_EQ(report.at("offers")[0].at("end_reason"), "sold out");
        EXPECT_EQ(report.at("timeline").size(), old.size());
        EXPECT_EQ(report.at("timeline")[9].at("detail"), old[9].detail);
    }
    // Opened again, nothing is read from text again: the version and the fields stay.
    Database again(file.path);
    EXPECT_EQ(again.schemaVersion(), 10);
    EXPECT_EQ(count(again, "SELECT count(*) FROM timeline WHERE fields IS NULL"), 0);
}

TEST(TimelineMigration, ARowWrittenWithoutFieldsAfterTheMigrationStaysText) {
    TempDb file;
    int64_t session = 0;
    {
        Database db(file.path);
        session = SessionStore(db).create("tool", "", kStart, false).id;
        // Something that knows only the old shape (a script writing SQL by hand).
        db.prepare("INSERT INTO timeline (session_id, utc_ms, program_ms, event, detail) VALUES "
                   "(?1, ?2, 0, 'card_shown', 'S1 (slot card)')")
            .bind(1, session)
            .bind(2, kStart)
            .run();
    }
    // Opened again, the words are not read: the row shows its text and counts for nothing.
    Database db(file.path);
    std::vector<StoredTimelineRow> stored;
    readTimeline(db, session, 0, [&](StoredTimelineRow& row) { stored.push_back(row); });
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_FALSE(stored[0].row.has_value());
    EXPECT_EQ(stored[0].text, "S1 (slot card)");
    EXPECT_EQ(count(db, "SELECT count(*) FROM timeline WHERE fields IS NULL"), 1);
}

TEST(LegacyTimeline, TheOldWordsOfEachKindGiveItsFields) {
    for (const test::Sample& sample : test::samples()) {
        const auto legacy = legacyTimelineRow(toString(sample.row.kind), sample.text, sample.row.programMs);
        if (sample.row.kind == TimelineKind::GraphicHidden || sample.row.kind == TimelineKind::Database ||
            sample.row.kind == TimelineKind::Recording) { // written with their fields only
            EXPECT_FALSE(legacy.has_value()) << sample.text;
            continue;
        }
        ASSERT_TRUE(legacy.has_value()) << toString(sample.row.kind) << " " << sample.text;
        EXPECT_EQ(timelineFieldsJson(*legacy), timelineFieldsJson(sample.row)) << sample.text;
        EXPECT_EQ(legacy->text(), sample.text);
    }
}

TEST(LegacyTimeline, WordsOfAnotherShapeGiveNothing) {
    EXPECT_FALSE(legacyTimelineRow("card_shown", "S1", 0).has_value()) << "no slot";
    EXPECT_FALSE(legacyTimelineRow("card_shown", "", 0).has_value());
    EXPECT_FALSE(legacyTimelineRow("program", "host (wipe)", 0).has_value());
    EXPECT_FALSE(legacyTimelineRow("program", "host", 0).has_value());
    EXPECT_FALSE(legacyTimelineRow("segment", "opening 开场", 0).has_value()) << "no number";
    EXPECT_FALSE(legacyTimelineRow("segment", "#1 intermission 幕间", 0).has_value())
        << "no such segment kind";
    EXPECT_FALSE(legacyTimelineRow("offer", "f ended: cancelled, 3 left", 0).has_value()) << "no such reason";
    EXPECT_FALSE(legacyTimelineRow("offer", "f pre_launch: lots of S1", 0).has_value());
    EXPECT_FALSE(legacyTimelineRow("offer", "f sold_out after a while", 0).has_value());
    EXPECT_FALSE(legacyTimelineRow("output", "record", 0).has_value());
    EXPECT_FALSE(legacyTimelineRow("scene", "host on program", 0).has_value()) << "no such kind";
}

TEST(TimelineMigration, SchemaSqlGivesOnlyTheStepsAsked) {
    EXPECT_EQ(schemaSql(0), "");
    EXPECT_EQ(schemaSql(4).find("ADD COLUMN fields"), std::string::npos);
    EXPECT_NE(schemaSql(5).find("ADD COLUMN fields"), std::string::npos);
    EXPECT_THROW(schemaSql(99), StoreError);
    EXPECT_THROW(schemaSql(-1), StoreError);
}
