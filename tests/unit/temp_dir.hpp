#pragma once
// A folder of the running test's own, emptied at the start and removed at the
// end, so tests can run in parallel and leave nothing.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& prefix = "hawker-test") {
        const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
        path = std::filesystem::temp_directory_path() /
               (prefix + "-" + std::string(test ? test->name() : "setup") + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    /// A small file at `name` inside the folder.
    void touch(const std::filesystem::path& name) const { std::ofstream(path / name) << "x"; }
};
