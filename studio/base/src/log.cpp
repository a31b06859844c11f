#include "hawker/studio/base/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "hawker/capture/capture_log.hpp"

namespace hawker::studio {

namespace {
std::mutex g_mutex;
std::atomic<LogLevel> g_level{LogLevel::Info};

const char* levelName(LogLevel level) {
    switch (level) {
    case LogLevel::Debug:
        return "debug";
    case LogLevel::Info:
        return "info";
    case LogLevel::Warning:
        return "warn";
    case LogLevel::Error:
        return "error";
    }
    return "?";
}

} // namespace

void setLogLevel(LogLevel level) {
    g_level = level;
}

void logLine(LogLevel level, const std::string& message) {
    if (level < g_level.load()) return;
    // Masked before the lock: maskSecrets() takes the registry's own.
    const std::string masked = maskSecrets(message);
    std::lock_guard lock(g_mutex);
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm local{};
    localtime_r(&seconds, &local);
    char stamp[32];
    std::strftime(stamp, sizeof(stamp), "%H:%M:%S", &local);
    std::fprintf(stderr, "[%s.%03d] %s: %s\n", stamp, static_cast<int>(millis), levelName(level),
                 masked.c_str());
    std::fflush(stderr);
}

void installCaptureLogHook() {
    capture::setLogHook([](capture::LogLevel level, const std::string& message) {
        switch (level) {
        case capture::LogLevel::Debug:
            logLine(LogLevel::Debug, message);
            break;
        case capture::LogLevel::Info:
            logLine(LogLevel::Info, message);
            break;
        case capture::LogLevel::Warning:
            logLine(LogLevel::Warning, message);
            break;
        case capture::LogLevel::Error:
            logLine(LogLevel::Error, message);
            break;
        }
    });
}

} // namespace hawker::studio
