// A recording is never overwritten: the name a run records to.

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

#include "hawker/studio/engine/record_path.hpp"
#include "temp_dir.hpp"

using namespace hawker::studio;
namespace fs = std::filesystem;

namespace {
// 2026-03-14 20:05:09 local time.
std::time_t sampleTime() {
    std::tm t{};
    t.tm_year = 126;
    t.tm_mon = 2;
    t.tm_mday = 14;
    t.tm_hour = 20;
    t.tm_min = 5;
    t.tm_sec = 9;
    t.tm_isdst = -1;
    return std::mktime(&t);
}
} // namespace

TEST(RecordPath, AFreePathIsUsedAsItIs) {
    TempDir dir("hawker-record-path");
    EXPECT_EQ(chooseRecordPath(dir.path / "program.mkv", false, sampleTime()), dir.path / "program.mkv");
}

TEST(RecordPath, AnExistingRecordingGetsANumberBesideIt) {
    TempDir dir("hawker-record-path");
    dir.touch("program.mkv");
    EXPECT_EQ(chooseRecordPath(dir.path / "program.mkv", false, sampleTime()), dir.path / "program-2.mkv");
    dir.touch("program-2.mkv");
    dir.touch("program-3.mkv");
    EXPECT_EQ(chooseRecordPath(dir.path / "program.mkv", false, sampleTime()), dir.path / "program-4.mkv");
    // Only --overwrite replaces it.
    EXPECT_EQ(chooseRecordPath(dir.path / "program.mkv", true, sampleTime()), dir.path / "program.mkv");
}

TEST(RecordPath, TwoOutputsOfOneRunNeverShareAFile) {
    TempDir dir("hawker-record-path");
    const std::set<fs::path> taken = {dir.path / "a.ts"};
    EXPECT_EQ(chooseRecordPath(dir.path / "a.ts", false, sampleTime(), taken), dir.path / "a-2.ts");
    EXPECT_EQ(chooseRecordPath(dir.path / "a.ts", true, sampleTime(), taken), dir.path / "a-2.ts");
}

TEST(RecordPath, TheTimePattern) {
    TempDir dir("hawker-record-path");
    EXPECT_EQ(expandTimePattern(dir.path / "show-{time}.mkv", sampleTime()),
              dir.path / "show-20260314-200509.mkv");
    EXPECT_EQ(expandTimePattern(dir.path / "plain.mkv", sampleTime()), dir.path / "plain.mkv");
    dir.touch("show-20260314-200509.mkv");
    EXPECT_EQ(chooseRecordPath(dir.path / "show-{time}.mkv", false, sampleTime()),
              dir.path / "show-20260314-200509-2.mkv")
        << "two shows in the same second still get two files";
}
