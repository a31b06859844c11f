#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hawker/capture/capture_log.hpp"

extern "C" {
#include <libavutil/log.h>
}

namespace {

using hawker::capture::HeldFfmpegMessages;
using hawker::capture::LogLevel;

struct Logged {
    std::mutex mutex;
    std::vector<std::string> lines;
    std::vector<std::string> take() {
        std::lock_guard lock(mutex);
        return std::exchange(lines, {});
    }
};

class FfmpegLog : public ::testing::Test {
protected:
    void SetUp() override {
        hawker::capture::setLogHook([this](LogLevel, const std::string& line) {
            std::lock_guard lock(m_logged.mutex);
            m_logged.lines.push_back(line);
        });
    }
    void TearDown() override { hawker::capture::setLogHook(nullptr); }
    Logged m_logged;
};

TEST_F(FfmpegLog, MessagesAreHeldBackAndCountedOnlyWhileHeldAndOnlyOnTheirThread) {
    av_log(nullptr, AV_LOG_ERROR, "before\n");
    EXPECT_EQ(m_logged.take(), std::vector<std::string>{"ffmpeg: before"});
    {
        HeldFfmpegMessages held;
        av_log(nullptr, AV_LOG_ERROR, "non-existing PPS %d referenced\n", 0);
        av_log(nullptr, AV_LOG_WARNING, "second\n");
        // Another thread's messages are its own: logged as ever.
        std::thread([] { av_log(nullptr, AV_LOG_ERROR, "elsewhere\n"); }).join();
        EXPECT_EQ(held.count(), 2);
        EXPECT_EQ(held.first(), "non-existing PPS 0 referenced");
        EXPECT_EQ(m_logged.take(), std::vector<std::string>{"ffmpeg: elsewhere"});
        {
            HeldFfmpegMessages inner;
            av_log(nullptr, AV_LOG_ERROR, "inner\n");
            EXPECT_EQ(inner.count(), 1);
        }
        av_log(nullptr, AV_LOG_ERROR, "outer again\n");
        EXPECT_EQ(held.count(), 3);
    }
    av_log(nullptr, AV_LOG_ERROR, "after\n");
    EXPECT_EQ(m_logged.take(), std::vector<std::string>{"ffmpeg: after"});
}

} // namespace
