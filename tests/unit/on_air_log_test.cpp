// The on-air log against a real SQLite file whose writes fail: another
// connection installs a trigger that refuses the log's inserts (a failure
// inside the batch's transaction, as a full disk or an I/O error gives), then
// drops it. Nothing is marked durable while it fails; afterwards every row is
// there once, in order.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "hawker/studio/store/on_air_log.hpp"
#include "hawker/studio/store/session_store.hpp"

#include "temp_db.hpp"

using namespace hawker::studio;
using namespace std::chrono_literals;

namespace {

const char* kRefuse = "CREATE TRIGGER refuse_timeline BEFORE INSERT ON timeline "
                      "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END";

OnAirLogLimits fastRetries() {
    OnAirLogLimits limits;
    limits.firstRetry = 20ms;
    limits.maxRetry = 50ms;
    limits.closeTimeout = 300ms;
    return limits;
}

AuditEntry entry(const std::string& command, int64_t programMs) {
    return {1700000000000 + programMs, programMs, {"deck", Role::Operator}, command, true, command + " done"};
}

/// A row whose text is exactly `text` (a camera's id is its whole text),
/// so the checks below read the rows back by their words.
TimelineRow textRow(int64_t programMs, const std::string& text) {
    return TimelineRow::sourceChange(TimelineKind::SourceAdd, programMs, text);
}

int64_t count(Database& db, const std::string& sql) {
    Statement query = db.prepare(sql);
    return query.step() ? query.integer(0) : -1;
}

std::vector<std::string> column(Database& db, const std::string& sql) {
    std::vector<std::string> out;
    Statement query = db.prepare(sql);
    while (query.step())
        out.push_back(query.text(0));
    return out;
}
} // namespace

TEST(StoreRetry, AReusedStatementWorksAfterAFailedStep) {
    TempDb file;
    Database db(file.path);
    db.execute("CREATE TABLE positive (x INTEGER CHECK (x > 0))");
    Statement insert = db.prepare("INSERT INTO positive (x) VALUES (?1)");
    EXPECT_THROW(insert.bind(1, int64_t{-1}).run(), StoreError);
    // Without a reset after the failed step, SQLite refuses every later bind.
    EXPECT_NO_THROW(insert.bind(1, int64_t{7}).run());
    EXPECT_EQ(count(db, "SELECT count(*) FROM positive"), 1);
}

TEST(StoreRetry, AFailedBatchIsKeptAndStoredOnceInOrder) {
    TempDb file;
    int64_t session = 0;
    {
        Database db(file.path);
        session = SessionStore(db).create("retry", "", nowUtcMs(), false).id;
    }
    Database other(file.path);
    OnAirLog log(file.path, session, fastRetries());
    ASSERT_TRUE(log.waitDurable(log.timeline(textRow(0, "before")), 3s));

    other.execute(kRefuse);
    log.audit(entry("cut host", 100));
    log.timeline(textRow(100, "host on program"));
    log.audit(entry("cut product", 200));
    const uint64_t last = log.timeline(textRow(200, "product on program"));
    EXPECT_FALSE(log.waitDurable(last, 400ms)) << "a batch the database refused is not durable";
    const StoreHealth down = log.health();
    EXPECT_FALSE(down.writable);
    EXPECT_NE(down.error.find("refused for the test"), std::string::npos) << down.error;
    EXPECT_EQ(down.waitingRows, 4u);
    EXPECT_EQ(down.lostRows, 0u);
    // The whole transaction was rolled back: the audit rows before the
    // refused timeline insert are not there either.
    EXPECT_EQ(count(other, "SELECT count(*) FROM audit"), 0);
    EXPECT_EQ(count(other, "SELECT count(*) FROM timeline"), 1);

    // It is retried, not dropped: rows queued meanwhile join the same batch.
    std::this_thread::sleep_for(150ms);
    const uint64_t later = log.audit(entry("take", 300));
    EXPECT_FALSE(log.waitDurable(later, 100ms));
    other.execute("DROP TRIGGER refuse_timeline");
    ASSERT_TRUE(log.waitDurable(later, 3s));
    EXPECT_TRUE(log.health().writable);
    EXPECT_EQ(log.health().waitingRows, 0u);

    EXPECT_EQ(column(other, "SELECT command FROM audit ORDER BY id"),
              (std::vector<std::string>{"cut host", "cut product", "take"}));
    EXPECT_EQ(column(other, "SELECT detail FROM timeline WHERE event = 'source_add' ORDER BY id"),
              (std::vector<std::string>{"before", "host on program", "product on program"}));
    // One row says the outage is over, after the rows that waited.
    const auto notes = column(other, "SELECT detail FROM timeline WHERE event = 'database' ORDER BY id");
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_NE(notes[0].find("writable again after"), std::string::npos) << notes[0];
    EXPECT_NE(notes[0].find("5 rows waited"), std::string::npos) << notes[0];
    EXPECT_EQ(count(other, "SELECT max(id) FROM timeline"),
              count(other, "SELECT id FROM timeline WHERE event = 'database'"));
}

TEST(StoreRetry, TheNewestShowStateLandsAfterAnOutage) {
    TempDb file;
    int64_t session = 0;
    {
        Database db(file.path);
        session = SessionStore(db).create("state", "", nowUtcMs(), false).id;
    }
    Database other(file.path);
    other.execute("CREATE TRIGGER refuse_state BEFORE INSERT ON show_state "
                  "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END");
    OnAirLog log(file.path, session, fastRetries());
    log.saveState(1, 100, R"({"v":1})", {});
    const uint64_t second = log.saveState(2, 200, R"({"v":2})", {});
    EXPECT_FALSE(log.waitDurable(second, 300ms));
    EXPECT_EQ(count(other, "SELECT count(*) FROM show_state"), 0);
    other.execute("DROP TRIGGER refuse_state");
    ASSERT_TRUE(log.waitDurable(second, 3s));
    EXPECT_EQ(column(other, "SELECT state_json FROM show_state"), (std::vector<std::string>{R"({"v":2})"}));
}

TEST(StoreRetry, PastTheMemoryBoundNewRowsAreDroppedCountedAndNoted) {
    TempDb file;
    int64_t session = 0;
    {
        Database db(file.path);
        session = SessionStore(db).create("bound", "", nowUtcMs(), false).id;
    }
    Database other(file.path);
    other.execute(kRefuse);
    OnAirLogLimits limits = fastRetries();
    limits.maxWaitingBytes = 2000; // a few rows
    OnAirLog log(file.path, session, limits);
    constexpr int kRows = 40;
    uint64_t last = 0;
    for (int i = 0; i < kRows; ++i)
        last = log.timeline(textRow(i * 100, "row " + std::to_string(i)));
    const StoreHealth full = log.health();
    EXPECT_GT(full.lostRows, 0u);
    EXPECT_GT(full.waitingRows, 0u);
    EXPECT_EQ(full.waitingRows + full.lostRows, static_cast<uint64_t>(kRows));
    EXPECT_EQ(log.lost(), full.lostRows);

    other.execute("DROP TRIGGER refuse_timeline");
    ASSERT_TRUE(log.waitDurable(last, 3s));
    // The oldest rows were kept (their senders were told they would be
    // stored), the newest dropped: what landed is a prefix, in order.
    const auto details = column(other, "SELECT detail FROM timeline WHERE event = 'source_add' ORDER BY id");
    ASSERT_EQ(details.size(), full.waitingRows);
    for (size_t i = 0; i < details.size(); ++i)
        EXPECT_EQ(details[i], "row " + std::to_string(i));
    const auto notes = column(other, "SELECT detail FROM timeline WHERE event = 'database'");
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_NE(notes[0].find(std::to_string(full.lostRows) + " rows dropped at the memory bound"),
              std::string::npos)
        << notes[0];
}

TEST(StoreRetry, CloseGivesUpOnADatabaseThatNeverTakesTheRows) {
    TempDb file;
    int64_t session = 0;
    {
        Database db(file.path);
        session = SessionStore(db).create("close", "", nowUtcMs(), false).id;
    }
    Database other(file.path);
    other.execute(kRefuse);
    OnAirLog log(file.path, session, fastRetries());
    log.timeline(textRow(0, "never stored"));
    const auto started = std::chrono::steady_clock::now();
    log.close();
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_GE(took, 250ms);
    EXPECT_LT(took, 3s);
    EXPECT_EQ(log.written(), 0u);
}
