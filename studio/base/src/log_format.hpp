#pragma once
// The shape of a log line, shared by stderr and the file: "[HH:MM:SS.mmm] "
// (local time) from spdlog's pattern, then "level: message" as the payload,
// so the level words stay the log's own (warn, not spdlog's "warning").

#include "hawker/studio/base/log.hpp"

namespace hawker::studio {

inline constexpr const char* kLogPattern = "[%H:%M:%S.%e] %v";

inline const char* levelName(LogLevel level) {
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

} // namespace hawker::studio
