#include <gtest/gtest.h>

#include <filesystem>

#include "hawker/studio/store/session_store.hpp"

#include "temp_db.hpp"

using namespace hawker::studio;

TEST(SessionStore, MigratesAFreshFileAndReopensIt) {
    TempDb file;
    {
        Database db(file.path);
        EXPECT_EQ(db.schemaVersion(), 10);
        Statement mode = db.prepare("PRAGMA journal_mode");
        ASSERT_TRUE(mode.step());
        EXPECT_EQ(mode.text(0), "wal");
    }
    Database again(file.path); // applying migrations twice must be a no-op
    EXPECT_EQ(again.schemaVersion(), 10);
}

TEST(SessionStore, CreateEndListSurviveReopening) {
    TempDb file;
    int64_t planned = 0, imported = 0;
    {
        Database db(file.path);
        SessionStore sessions(db);
        planned = sessions.create("晚八点 美妆专场", "beauty", std::nullopt, false).id;
        const Session past = sessions.create("Imported show", "", 1700000000000, true);
        imported = past.id;
        EXPECT_EQ(past.state, "live");
        EXPECT_TRUE(past.rehearsal);
        const Session ended = sessions.end(imported, 1700000360000);
        EXPECT_EQ(ended.state, "ended");
        EXPECT_EQ(ended.endUtcMs, 1700000360000);
    }
    Database db(file.path);
    SessionStore sessions(db);
    const auto all = sessions.list();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].id, planned);
    EXPECT_EQ(all[0].title, "晚八点 美妆专场");
    EXPECT_EQ(all[0].tag, "beauty");
    EXPECT_EQ(all[0].state, "planned");
    EXPECT_FALSE(all[0].startUtcMs);
    EXPECT_EQ(all[1].state, "ended");
}

TEST(SessionStore, BadRequestsAreClearErrorsAndChangeNothing) {
    TempDb file;
    Database db(file.path);
    SessionStore sessions(db);
    const Session s = sessions.create("Show", "", 2000, false);
    EXPECT_THROW(sessions.end(s.id, 1000), StoreError); // before it started
    EXPECT_THROW(sessions.end(9999, std::nullopt), StoreError);
    EXPECT_THROW(sessions.create("", "", std::nullopt, false), StoreError);
    EXPECT_EQ(sessions.find(s.id)->state, "live");
    sessions.end(s.id, 3000);
    try {
        sessions.end(s.id, 4000);
        FAIL() << "ended twice";
    } catch (const StoreError& error) {
        EXPECT_NE(std::string(error.what()).find("already ended"), std::string::npos);
    }
    EXPECT_EQ(sessions.find(s.id)->endUtcMs, 3000);
    // Text is bound, never spliced into SQL.
    const Session tricky = sessions.create("x'); DROP TABLE sessions; --", "", std::nullopt, false);
    EXPECT_EQ(sessions.find(tricky.id)->title, "x'); DROP TABLE sessions; --");
    EXPECT_EQ(sessions.list().size(), 2u);
}

TEST(SessionStore, ANewerSchemaIsRefused) {
    TempDb file;
    {
        Database db(file.path);
        db.execute("PRAGMA user_version = 99");
    }
    EXPECT_THROW(Database{file.path}, StoreError);
}
