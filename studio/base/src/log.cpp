// The log on spdlog: a synchronous logger on stderr, as the log always was
// (tests and operators read it live, and a line is out before the next event
// happens), and for a show an asynchronous logger on the rotating file.
//
// Why the file is asynchronous: the compositor logs (a camera lost, a tick
// that failed), and a file write can stall on a slow or full disk. The file's
// lines go through a bounded queue to one worker thread ("log-file"); when the
// queue is full the oldest line is dropped (and counted), never waited for.
// stderr stays synchronous: it is a terminal or a pipe, as before.
//
// Both loggers get the same line with the same time stamp, under one mutex,
// so the file holds exactly stderr's lines in stderr's order.

#include "hawker/studio/base/log.hpp"

#include <atomic>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <pthread.h>
#include <unistd.h>

#include <spdlog/async_logger.h>
#include <spdlog/details/thread_pool.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "hawker/capture/capture_log.hpp"
#include "log_file_sink.hpp"
#include "log_format.hpp"

namespace hawker::studio {

namespace {

/// Lines the file's queue holds while the disk is slow (a few MB at most).
constexpr std::size_t kFileQueueLines = 8192;

std::atomic<LogLevel> g_level{LogLevel::Info};

spdlog::level::level_enum spdlogLevel(LogLevel level) {
    switch (level) {
    case LogLevel::Debug:
        return spdlog::level::debug;
    case LogLevel::Info:
        return spdlog::level::info;
    case LogLevel::Warning:
        return spdlog::level::warn;
    case LogLevel::Error:
        return spdlog::level::err;
    }
    return spdlog::level::info;
}

struct LogState {
    LogState() {
        stderrSink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
        console = std::make_shared<spdlog::logger>("hawker", stderrSink);
        console->set_pattern(kLogPattern);
        console->set_level(spdlog::level::trace); // the level is checked before, in logLine
        // A stderr that fails has nobody to tell; spdlog's own report would go to stderr too.
        console->set_error_handler([](const std::string&) {});
    }
    std::mutex mutex; ///< one line at a time, in the same order on stderr and in the file
    std::shared_ptr<spdlog::sinks::sink> stderrSink;
    std::shared_ptr<spdlog::logger> console;
    std::shared_ptr<spdlog::details::thread_pool> pool; ///< the file's worker; null without a file
    std::shared_ptr<spdlog::async_logger> file;
};

/// Made on first use and never destroyed: threads may still log while the
/// process exits, after static objects are gone.
LogState& state() {
    static LogState* instance = new LogState();
    return *instance;
}

std::string today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char date[16];
    std::strftime(date, sizeof date, "%Y-%m-%d", &local);
    return date;
}

extern "C" void closeLogFileAtExit() {
    closeLogFile();
}

} // namespace

void setLogLevel(LogLevel level) {
    g_level = level;
}

void logLine(LogLevel level, const std::string& message) {
    if (level < g_level.load()) return;
    try {
        // Masked before the lock: maskSecrets() takes the registry's own.
        const std::string line = std::string(levelName(level)) + ": " + maskSecrets(message);
        const auto now = spdlog::log_clock::now();
        LogState& log = state();
        std::lock_guard lock(log.mutex);
        log.console->log(now, {}, spdlogLevel(level), line);
        if (log.file) log.file->log(now, {}, spdlogLevel(level), line);
    } catch (...) {
        // Only memory can fail here (spdlog catches its sinks' errors); a line
        // lost is better than a thread taken down by its log.
    }
}

void logToFileOnly(LogLevel level, const std::string& message) {
    try {
        const std::string line = std::string(levelName(level)) + ": " + maskSecrets(message);
        LogState& log = state();
        std::lock_guard lock(log.mutex);
        if (log.file) log.file->log(spdlog::log_clock::now(), {}, spdlogLevel(level), line);
    } catch (...) {
        // As in logLine.
    }
}

std::filesystem::path logFilePath(const std::filesystem::path& database) {
    if (!database.empty()) {
        std::filesystem::path path = database;
        path += ".log";
        return path;
    }
    if (const char* home = std::getenv("HAWKER_HOME"); home && *home)
        return std::filesystem::path(home) / "hawker.log";
    // The XDG spec ignores a relative $XDG_STATE_HOME.
    if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state == '/')
        return std::filesystem::path(state) / "hawker" / "hawker.log";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "state" / "hawker" / "hawker.log";
    return {};
}

bool openLogFile(const std::filesystem::path& path, LogFileLimits limits) {
    closeLogFile();
    if (path.empty()) {
        logWarning("no log file (neither HAWKER_HOME, XDG_STATE_HOME nor HOME is set); the log goes to "
                   "stderr only");
        return false;
    }
    LogState& log = state();
    try {
        auto sink = std::make_shared<LogFileSink>(path, limits.maxBytes > 0 ? limits.maxBytes : 1,
                                                  limits.files, log.stderrSink);
        auto pool = std::make_shared<spdlog::details::thread_pool>(
            kFileQueueLines, 1, [] { pthread_setname_np(pthread_self(), "log-file"); });
        auto file = std::make_shared<spdlog::async_logger>("hawker-file", std::move(sink), pool,
                                                           spdlog::async_overflow_policy::overrun_oldest);
        file->set_level(spdlog::level::trace);
        file->set_error_handler([](const std::string&) {}); // the sink catches and says its own
        std::lock_guard lock(log.mutex);
        log.pool = std::move(pool);
        log.file = std::move(file);
    } catch (const std::exception& error) {
        logWarning(std::string("the log file cannot be opened (") + error.what() +
                   "); the log goes to stderr only and the show goes on");
        return false;
    }
    static std::once_flag atExit;
    std::call_once(atExit, [] { std::atexit(&closeLogFileAtExit); });
    // The file is read later, often another day, and may be shared by several runs.
    logInfo("log file " + path.string() + " (" + today() + ", pid " + std::to_string(::getpid()) + ")");
    return true;
}

void closeLogFile() {
    LogState& log = state();
    std::shared_ptr<spdlog::async_logger> file;
    std::shared_ptr<spdlog::details::thread_pool> pool;
    {
        std::lock_guard lock(log.mutex);
        file = std::move(log.file);
        pool = std::move(log.pool);
        if (!file) return;
        try {
            if (const std::size_t dropped = pool->overrun_counter(); dropped > 0) {
                const std::string line = std::string(levelName(LogLevel::Warning)) + ": " +
                                         std::to_string(dropped) +
                                         " log line(s) never reached the log file: its disk was slower than "
                                         "the show (they are on stderr)";
                log.console->log(spdlog::log_clock::now(), {}, spdlog::level::warn, line);
                file->log(spdlog::log_clock::now(), {}, spdlog::level::warn, line);
            }
        } catch (...) {
        }
    }
    // Outside the lock: the worker writes what is queued, then stops.
    file.reset();
    pool.reset();
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
