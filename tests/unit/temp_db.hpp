#pragma once
// A SQLite file of the running test's own, removed with its WAL and shared
// memory files at the end, so tests can run in parallel and leave nothing.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <unistd.h>

struct TempDb {
    std::filesystem::path path;
    explicit TempDb(const std::string& prefix = "hawker-test") {
        const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
        path = std::filesystem::temp_directory_path() /
               (prefix + "-" + std::string(test ? test->name() : "setup") + "-" + std::to_string(::getpid()) +
                ".db");
        std::filesystem::remove(path);
    }
    ~TempDb() {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path.string() + suffix);
    }
    TempDb(const TempDb&) = delete;
    TempDb& operator=(const TempDb&) = delete;
};
