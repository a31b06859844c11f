#pragma once
// The application log: one line per event on stderr, every line passed
// through maskSecrets() (stream keys, tokens, credentials in URLs) first.

#include <string>

#include "hawker/studio/base/secret_mask.hpp"

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

/// Routes capture/'s messages and FFmpeg's warnings into this log.
void installCaptureLogHook();

} // namespace hawker::studio
