// The log on stderr and in its file: the line's shape, the file beside the
// database with stderr's very lines, secrets masked in both, rotation, and a
// file that cannot be opened or written costing one warning and nothing else.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <unistd.h>

#include "hawker/studio/base/log.hpp"

using namespace hawker::studio;
namespace fs = std::filesystem;

namespace {

/// A fresh folder under the test's temp dir, removed afterwards.
class LogFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("hawker-log-test-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override {
        closeLogFile();
        setLogLevel(LogLevel::Info);
        fs::remove_all(m_dir);
    }
    fs::path m_dir;
};

std::vector<std::string> linesOf(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::vector<std::string> fileLines(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return linesOf(text.str());
}

const std::regex kLine(R"(^\[([0-9]{2}):([0-9]{2}):([0-9]{2})\.[0-9]{3}\] (debug|info|warn|error): .*$)");

/// Sets an environment variable for one scope and puts the old value back.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

} // namespace

TEST(Log, LineShapeOnStderr) {
    testing::internal::CaptureStderr();
    logInfo("show started: 测试 (offline)");
    logWarning("source cam1 state=lost");
    logError("encoder: broken");
    logLine(LogLevel::Debug, "not at the default level");
    const std::vector<std::string> lines = linesOf(testing::internal::GetCapturedStderr());
    ASSERT_EQ(lines.size(), 3u);
    for (const std::string& line : lines)
        EXPECT_TRUE(std::regex_match(line, kLine)) << line;
    EXPECT_EQ(lines[0].substr(14), " info: show started: 测试 (offline)");
    EXPECT_EQ(lines[1].substr(14), " warn: source cam1 state=lost");
    EXPECT_EQ(lines[2].substr(14), " error: encoder: broken");
    // The stamp is local wall-clock time, now.
    std::smatch stamp;
    ASSERT_TRUE(std::regex_match(lines[0], stamp, kLine));
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    const int logged = std::stoi(stamp[1]) * 3600 + std::stoi(stamp[2]) * 60 + std::stoi(stamp[3]);
    const int clock = local.tm_hour * 3600 + local.tm_min * 60 + local.tm_sec;
    EXPECT_LE((clock - logged + 86400) % 86400, 5) << lines[0];

    setLogLevel(LogLevel::Debug);
    testing::internal::CaptureStderr();
    logLine(LogLevel::Debug, "now it is");
    setLogLevel(LogLevel::Info);
    EXPECT_NE(testing::internal::GetCapturedStderr().find("] debug: now it is\n"), std::string::npos);
}

TEST(Log, FilePathBesideTheDatabaseElseTheStateFolder) {
    EXPECT_EQ(logFilePath("shows/hawker.db"), fs::path("shows/hawker.db.log"));
    EXPECT_EQ(logFilePath("/srv/studio/晚八点.db"), fs::path("/srv/studio/晚八点.db.log"));
    {
        ScopedEnv home("HAWKER_HOME", "/h/hawker-home");
        EXPECT_EQ(logFilePath({}), fs::path("/h/hawker-home/hawker.log"));
    }
    ScopedEnv noHawkerHome("HAWKER_HOME", nullptr);
    {
        ScopedEnv state("XDG_STATE_HOME", "/h/state");
        EXPECT_EQ(logFilePath({}), fs::path("/h/state/hawker/hawker.log"));
    }
    ScopedEnv home("HOME", "/h/user");
    {
        ScopedEnv relative("XDG_STATE_HOME", "state"); // not absolute: the XDG spec ignores it
        EXPECT_EQ(logFilePath({}), fs::path("/h/user/.local/state/hawker/hawker.log"));
    }
    ScopedEnv noState("XDG_STATE_HOME", nullptr);
    EXPECT_EQ(logFilePath({}), fs::path("/h/user/.local/state/hawker/hawker.log"));
}

TEST_F(LogFileTest, TheFileHoldsStderrsLinesMasked) {
    const fs::path db = m_dir / "shows" / "hawker.db";
    const std::string key = "live_8841_f00dfacecafe";
    registerSecret(key);
    testing::internal::CaptureStderr();
    ASSERT_TRUE(openLogFile(logFilePath(db))); // its folder is made
    logInfo("output douyin: rtmp://push.example.com/live/" + key + " connected");
    logWarning("source cam2: cannot open rtsp://admin:hunter2hunter2@10.0.0.7/stream?token=abc123");
    logError("api POST /api/v1/commands failed");
    closeLogFile();
    logInfo("after the file: stderr only");
    const std::vector<std::string> onStderr = linesOf(testing::internal::GetCapturedStderr());
    const std::vector<std::string> inFile = fileLines(m_dir / "shows" / "hawker.db.log");

    ASSERT_EQ(inFile.size(), 4u); // the file's own first line, then the three
    EXPECT_NE(inFile[0].find("info: log file " + (m_dir / "shows" / "hawker.db.log").string()),
              std::string::npos);
    ASSERT_EQ(onStderr.size(), 5u);
    // Byte for byte the same lines, stamps included, in the same order.
    EXPECT_EQ(std::vector<std::string>(onStderr.begin(), onStderr.begin() + 4), inFile);
    for (const std::string& line : inFile) {
        EXPECT_TRUE(std::regex_match(line, kLine)) << line;
        EXPECT_EQ(line.find(key), std::string::npos) << line;
        EXPECT_EQ(line.find("hunter2"), std::string::npos) << line;
        EXPECT_EQ(line.find("abc123"), std::string::npos) << line;
    }
    EXPECT_NE(inFile[1].find("rtmp://push.example.com/live/**** connected"), std::string::npos) << inFile[1];
    EXPECT_NE(inFile[2].find("rtsp://****@10.0.0.7/stream?token=****"), std::string::npos) << inFile[2];
}

TEST_F(LogFileTest, ToFileOnlyAndAppendsAcrossRuns) {
    const fs::path path = m_dir / "hawker.db.log";
    testing::internal::CaptureStderr();
    ASSERT_TRUE(openLogFile(path));
    logInfo("first run");
    closeLogFile();
    ASSERT_TRUE(openLogFile(path));
    logToFileOnly(LogLevel::Error, "hawker stopped: show.toml: canvas.width: expected an even number");
    closeLogFile();
    const std::string stderrText = testing::internal::GetCapturedStderr();
    EXPECT_EQ(stderrText.find("hawker stopped"), std::string::npos) << "file only";
    const std::vector<std::string> lines = fileLines(path);
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_NE(lines[1].find("info: first run"), std::string::npos);
    EXPECT_NE(lines[3].find("error: hawker stopped: show.toml: canvas.width"), std::string::npos);
}

TEST_F(LogFileTest, RotatesAtItsSizeLimit) {
    const fs::path path = m_dir / "hawker.db.log";
    testing::internal::CaptureStderr();
    ASSERT_TRUE(openLogFile(path, {2000, 3}));
    const std::string padding(40, 'x');
    for (int i = 0; i < 200; ++i)
        logInfo("line " + std::to_string(i) + " " + padding);
    closeLogFile();
    testing::internal::GetCapturedStderr();
    // Three files in all: the current one and two older ones; the oldest lines are gone.
    ASSERT_TRUE(fs::exists(path));
    ASSERT_TRUE(fs::exists(m_dir / "hawker.db.1.log"));
    ASSERT_TRUE(fs::exists(m_dir / "hawker.db.2.log"));
    EXPECT_FALSE(fs::exists(m_dir / "hawker.db.3.log"));
    int files = 0;
    for (const auto& entry : fs::directory_iterator(m_dir)) {
        ++files;
        EXPECT_LE(fs::file_size(entry.path()), 2000u) << entry.path();
    }
    EXPECT_EQ(files, 3);
    const std::vector<std::string> current = fileLines(path);
    ASSERT_FALSE(current.empty());
    EXPECT_NE(current.back().find("info: line 199 "), std::string::npos) << current.back();
    const std::vector<std::string> older = fileLines(m_dir / "hawker.db.1.log");
    ASSERT_FALSE(older.empty());
    const std::regex number(R"(info: line ([0-9]+) )");
    std::smatch lastOlder, firstCurrent;
    ASSERT_TRUE(std::regex_search(older.back(), lastOlder, number)) << older.back();
    ASSERT_TRUE(std::regex_search(current.front(), firstCurrent, number)) << current.front();
    EXPECT_EQ(std::stoi(firstCurrent[1]), std::stoi(lastOlder[1]) + 1) << "no line lost between the files";
    for (const std::string& line : fileLines(m_dir / "hawker.db.2.log"))
        EXPECT_EQ(line.find("line 0 "), std::string::npos) << "the oldest lines are gone";
}

TEST_F(LogFileTest, AFileThatCannotBeOpenedIsOneWarningAndTheLogGoesOn) {
    std::ofstream(m_dir / "not-a-folder") << "x";
    testing::internal::CaptureStderr();
    EXPECT_FALSE(openLogFile(m_dir / "not-a-folder" / "hawker.db.log"));
    logInfo("the show goes on");
    const std::vector<std::string> lines = linesOf(testing::internal::GetCapturedStderr());
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_TRUE(std::regex_match(lines[0], kLine)) << lines[0];
    EXPECT_NE(lines[0].find("warn: the log file cannot be opened ("), std::string::npos) << lines[0];
    EXPECT_NE(lines[0].find("not-a-folder"), std::string::npos) << lines[0];
    EXPECT_NE(lines[1].find("info: the show goes on"), std::string::npos);
}

TEST_F(LogFileTest, AFileThatStopsTakingWritesIsWarnedOnce) {
    // /dev/full takes the open and refuses every write with ENOSPC, as a full disk does.
    if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this machine";
    testing::internal::CaptureStderr();
    ASSERT_TRUE(openLogFile("/dev/full"));
    for (int i = 0; i < 20; ++i)
        logInfo("tick " + std::to_string(i));
    closeLogFile();
    const std::vector<std::string> lines = linesOf(testing::internal::GetCapturedStderr());
    int warnings = 0, ticks = 0;
    for (const std::string& line : lines) {
        EXPECT_TRUE(std::regex_match(line, kLine)) << line;
        if (line.find("warn: cannot write the log file") != std::string::npos) ++warnings;
        if (line.find("info: tick ") != std::string::npos) ++ticks;
    }
    EXPECT_EQ(warnings, 1);
    EXPECT_EQ(ticks, 20) << "stderr has every line";
}
