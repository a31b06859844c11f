// The event ingest's writer after a batch that SQLite refused partway
// through (a trigger installed by another connection refuses one event id,
// as a full disk or an I/O error would refuse a page): the failed batch is
// neither stored nor counted, and the next batches are stored again.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/store/session_store.hpp"

#include "temp_db.hpp"

using namespace hawker::studio;

namespace {

std::vector<ViewerEvent> views(const std::vector<std::string>& ids, int64_t ts) {
    std::vector<ViewerEvent> out;
    for (const std::string& id : ids) {
        ViewerEvent e;
        e.id = id;
        e.type = EventType::ViewStart;
        e.ts = ts++;
        e.viewer = static_cast<int64_t>(std::hash<std::string>{}(id)&0x7fffffff) + 1;
        out.push_back(e);
    }
    return out;
}

int64_t count(Database& db, const std::string& sql) {
    Statement query = db.prepare(sql);
    return query.step() ? query.integer(0) : -1;
}
} // namespace

TEST(IngestRecovery, TheNextBatchesAreStoredAfterOneFailedPartway) {
    TempDb file;
    int64_t session = 0;
    const int64_t start = nowUtcMs();
    {
        Database db(file.path);
        session = SessionStore(db).create("ingest", "", start, false).id;
    }
    Database other(file.path);
    EventIngest ingest(file.path, std::make_shared<const ViewerHasher>(ViewerHasher::withRandomKey()));
    std::atomic<size_t> counted{0};
    ingest.setListener([&](int64_t, const std::vector<ViewerEvent>& fresh) { counted += fresh.size(); });

    EXPECT_EQ(ingest.store(session, views({"a1", "a2", "a3"}, start)).accepted, 3u);

    // The second event of the next batch is refused inside the insert.
    other.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON events WHEN NEW.event_id = 'poison' "
                  "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END");
    EXPECT_THROW(ingest.store(session, views({"b1", "poison", "b2"}, start + 10)), StoreError);
    EXPECT_EQ(count(other, "SELECT count(*) FROM events"), 3) << "nothing of the failed batch is stored";
    EXPECT_EQ(counted.load(), 3u) << "nothing of the failed batch is counted";

    // The writer's reused insert statement works again.
    StoreOutcome next;
    ASSERT_NO_THROW(next = ingest.store(session, views({"c1", "c2"}, start + 20)));
    EXPECT_EQ(next.accepted, 2u);
    EXPECT_EQ(count(other, "SELECT count(*) FROM events"), 5);
    EXPECT_EQ(counted.load(), 5u);

    // Sent again once the database takes it, the failed batch is new in full:
    // none of it had been stored.
    other.execute("DROP TRIGGER refuse_poison");
    const StoreOutcome again = ingest.store(session, views({"b1", "poison", "b2"}, start + 10));
    EXPECT_EQ(again.accepted, 3u);
    EXPECT_EQ(again.duplicates, 0u);
    EXPECT_EQ(count(other, "SELECT count(*) FROM events"), 8);
    EXPECT_EQ(counted.load(), 8u);
}

TEST(IngestRecovery, AWholeDatabaseErrorIsRecognised) {
    EXPECT_TRUE(StoreError("database: database or disk is full", 13).wholeDatabase());  // SQLITE_FULL
    EXPECT_TRUE(StoreError("database: database is locked", 5).wholeDatabase());         // SQLITE_BUSY
    EXPECT_TRUE(StoreError("database: disk I/O error", 10 | (4 << 8)).wholeDatabase()); // SQLITE_IOERR_READ
    EXPECT_FALSE(StoreError("database: FOREIGN KEY constraint failed", 787).wholeDatabase());
    EXPECT_FALSE(StoreError("no session 3").wholeDatabase());
}
