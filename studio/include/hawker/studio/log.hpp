#pragma once
// The application log: one line per event on stderr, with every registered
// secret (stream keys, tokens) masked before it is written anywhere.

#include <string>

namespace hawker::studio {

enum class LogLevel { Debug, Info, Warning, Error };

/// Lines below `level` are not written.
void setLogLevel(LogLevel level);
void logLine(LogLevel level, const std::string& message);
inline void logInfo(const std::string& message) {
    logLine(LogLevel::Info, message);
}
inline void logWarning(const std::string& message) {
    logLine(LogLevel::Warning, message);
}
inline void logError(const std::string& message) {
    logLine(LogLevel::Error, message);
}

/// From now on `secret` is replaced by "****" in every log line and masked text.
void registerSecret(const std::string& secret);
/// `text` with every registered secret masked.
std::string maskSecrets(std::string text);
/// A URL with any user:password@ part replaced by "***@" (camera addresses
/// carry their login), for messages and logs.
std::string withoutCredentials(const std::string& url);

/// Routes capture/'s messages and FFmpeg's warnings into this log.
void installCaptureLogHook();

} // namespace hawker::studio
