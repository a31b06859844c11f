#include "hawker/studio/log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <vector>

#include "hawker/capture/capture_log.hpp"

namespace hawker::studio {

namespace {
std::mutex g_mutex;
LogLevel g_level = LogLevel::Info;
std::vector<std::string> g_secrets;

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

std::string maskLocked(std::string text) {
    for (const std::string& secret : g_secrets) {
        for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 4))
            text.replace(at, secret.size(), "****");
    }
    return text;
}
} // namespace

void setLogLevel(LogLevel level) {
    std::lock_guard lock(g_mutex);
    g_level = level;
}

void registerSecret(const std::string& secret) {
    // Very short "secrets" would mask ordinary words; keys are long anyway.
    if (secret.size() < 4) return;
    std::lock_guard lock(g_mutex);
    for (const auto& known : g_secrets)
        if (known == secret) return;
    g_secrets.push_back(secret);
}

std::string withoutCredentials(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return url;
    const auto hostStart = scheme + 3;
    const auto at = url.find('@', hostStart);
    const auto slash = url.find('/', hostStart);
    if (at == std::string::npos || (slash != std::string::npos && at > slash)) return url;
    return url.substr(0, hostStart) + "***" + url.substr(at);
}

std::string maskSecrets(std::string text) {
    std::lock_guard lock(g_mutex);
    return maskLocked(std::move(text));
}

void logLine(LogLevel level, const std::string& message) {
    std::lock_guard lock(g_mutex);
    if (level < g_level) return;
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm local{};
    localtime_r(&seconds, &local);
    char stamp[32];
    std::strftime(stamp, sizeof(stamp), "%H:%M:%S", &local);
    std::fprintf(stderr, "[%s.%03d] %s: %s\n", stamp, static_cast<int>(millis), levelName(level),
                 maskLocked(message).c_str());
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
