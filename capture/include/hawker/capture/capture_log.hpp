#pragma once
// capture/ reports what happens (state changes, FFmpeg's own warnings) through
// one hook that the application installs; capture itself knows no logger.

#include <functional>
#include <string>

namespace hawker::capture {

enum class LogLevel { Debug, Info, Warning, Error };
using LogHook = std::function<void(LogLevel, const std::string&)>;

/// Installs the hook; also routes FFmpeg's av_log (warnings and worse) into it.
void setLogHook(LogHook hook);
void log(LogLevel level, const std::string& message);

} // namespace hawker::capture
