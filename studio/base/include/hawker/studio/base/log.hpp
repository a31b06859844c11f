#pragma once
// The application log: one line per event on stderr, and for a show also in
// a rotating file, every line passed through maskSecrets() (stream keys,
// tokens, credentials in URLs) before it reaches either. A line reads
// "[HH:MM:SS.mmm] level: message" (local time; level is debug, info, warn or
// error) in both places. Logging never throws and never waits on the file's
// disk.

#include <cstddef>
#include <filesystem>
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

/// How big the log file grows: at `maxBytes` it is renamed NAME.1.log (the
/// older ones move up to NAME.2.log, ...) and a new one starts; `files`
/// counts them all, the current one included.
struct LogFileLimits {
    std::size_t maxBytes = 10 * 1024 * 1024;
    std::size_t files = 5;
};

/// Where a show's log file goes: beside its database (`shows/hawker.db` →
/// `shows/hawker.db.log`); without one in the user's state folder:
/// `$HAWKER_HOME/hawker.log`, else `$XDG_STATE_HOME/hawker/hawker.log`, else
/// `~/.local/state/hawker/hawker.log`.
std::filesystem::path logFilePath(const std::filesystem::path& database);

/// From now on every line also goes to `path` (its folder is made if
/// missing), rotated within `limits`. A file that cannot be opened costs one
/// warning on stderr and nothing else: the log goes on on stderr alone and
/// the result is false. A file that stops taking writes (a full disk) is
/// warned about once on stderr, and again when it takes them again. One file
/// at a time: opening another closes the first.
bool openLogFile(const std::filesystem::path& path, LogFileLimits limits = {});

/// Writes what is still queued for the file and closes it; the log goes on
/// on stderr. Also runs at exit.
void closeLogFile();

/// A line for the file only, for what stderr already shows in another form
/// (main's last "hawker: error: ..." line). Nothing without a file.
void logToFileOnly(LogLevel level, const std::string& message);

} // namespace hawker::studio
