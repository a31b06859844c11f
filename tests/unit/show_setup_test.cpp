// What is settled about a show before its engine exists: stream keys first,
// then recording files, then the catalog's products.

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

#include "hawker/studio/engine/record_path.hpp"
#include "hawker/studio/engine/show_setup.hpp"
#include "hawker/studio/store/catalog_store.hpp"
#include "hawker/studio/store/database.hpp"
#include "temp_db.hpp"
#include "temp_dir.hpp"

using namespace hawker::studio;
namespace fs = std::filesystem;

namespace {

OutputSpec recording(const std::string& id, const fs::path& path) {
    OutputSpec out;
    out.id = id;
    out.kind = hawker::capture::OutputKind::Record;
    out.path = path;
    return out;
}

OutputSpec rtmpWithKeyIn(const std::string& env) {
    OutputSpec out;
    out.id = "douyin";
    out.kind = hawker::capture::OutputKind::Rtmp;
    out.url = "rtmp://127.0.0.1:1935/live";
    out.keyEnv = env;
    return out;
}
} // namespace

TEST(RecordPath, ARecordingStartedAgainGoesToItsNextFreePart) {
    TempDir dir("hawker-show-setup");
    const fs::path first = dir.path / "show.mkv";
    EXPECT_EQ(nextFreePart(first, 2), dir.path / "show-part2.mkv");
    dir.touch("show-part2.mkv");
    dir.touch("show-part3.mkv");
    EXPECT_EQ(nextFreePart(first, 2), dir.path / "show-part4.mkv");
    // Never part 1 or below: that is the first file's own name.
    EXPECT_EQ(nextFreePart(first, 0), dir.path / "show-part4.mkv");
    EXPECT_EQ(nextFreePart(first, 7), dir.path / "show-part7.mkv");
}

TEST(RecordPath, WhenEveryPartNameIsTakenNothingIsWrittenOver) {
    TempDir dir("hawker-show-setup");
    const fs::path first = dir.path / "show.mkv";
    for (int part = 2; part <= 5; ++part)
        dir.touch("show-part" + std::to_string(part) + ".mkv");
    try {
        (void)nextFreePart(first, 2, 5);
        FAIL() << "a taken name was handed out";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("no free part name"), std::string::npos) << error.what();
    }
    EXPECT_EQ(nextFreePart(first, 2, 6), dir.path / "show-part6.mkv");
}

TEST(ShowSetup, AMissingStreamKeyIsFoundBeforeAnyRecordingFolderIsMade) {
    TempDir dir("hawker-show-setup");
    ShowSpec show;
    show.outputs.push_back(recording("local", dir.path / "made-by-the-show" / "show.mkv"));
    show.outputs.push_back(rtmpWithKeyIn("HAWKER_TEST_KEY_THAT_IS_NOT_SET"));
    ::unsetenv("HAWKER_TEST_KEY_THAT_IS_NOT_SET");
    try {
        settleShow(show, {});
        FAIL() << "a missing stream key must stop the show";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("HAWKER_TEST_KEY_THAT_IS_NOT_SET"), std::string::npos)
            << error.what();
    }
    EXPECT_FALSE(fs::exists(dir.path / "made-by-the-show"));
}

TEST(ShowSetup, TargetsFollowTheShowOrderAndTheKeyStaysMaskedInTheDisplay) {
    TempDir dir("hawker-show-setup");
    dir.touch("show.mkv");
    ShowSpec show;
    show.outputs.push_back(rtmpWithKeyIn("HAWKER_TEST_STREAM_KEY"));
    show.outputs.push_back(recording("local", dir.path / "show.mkv"));
    ::setenv("HAWKER_TEST_STREAM_KEY", "sk-test-0123456789", 1);
    const SettledShow settled = settleShow(show, {});
    ::unsetenv("HAWKER_TEST_STREAM_KEY");
    ASSERT_EQ(settled.outputTargets.size(), 2u);
    EXPECT_EQ(settled.outputTargets[0].url, "rtmp://127.0.0.1:1935/live/sk-test-0123456789");
    EXPECT_EQ(settled.outputTargets[0].display.find("sk-test-0123456789"), std::string::npos);
    // The existing recording is kept: this run records beside it.
    EXPECT_EQ(settled.show.outputs[1].path, dir.path / "show-2.mkv");
    EXPECT_EQ(settled.outputTargets[1].url, (dir.path / "show-2.mkv").string());
}

TEST(ShowSetup, TheCatalogsProductsJoinTheShowAndTheShowFileWins) {
    TempDb db;
    {
        Database handle(db.path);
        CatalogProduct own;
        own.sku = "A1";
        own.name = "from the catalog";
        own.priceCents = 100;
        CatalogProduct extra;
        extra.sku = "B2";
        extra.name = "catalog only";
        extra.priceCents = 2500;
        CatalogStore(handle).upsert({own, extra});
    }
    ShowSpec show;
    ProductSpec a1;
    a1.sku = "A1";
    a1.name = "from the show file";
    a1.priceCents = 9900;
    show.products.push_back(a1);
    EngineOptions options;
    options.database = db.path;
    const SettledShow settled = settleShow(show, options);
    ASSERT_EQ(settled.show.products.size(), 2u);
    EXPECT_EQ(settled.show.findProduct("A1")->name, "from the show file");
    EXPECT_EQ(settled.show.findProduct("A1")->priceCents, 9900);
    ASSERT_NE(settled.show.findProduct("B2"), nullptr);
    EXPECT_EQ(settled.show.findProduct("B2")->priceCents, 2500);
}
