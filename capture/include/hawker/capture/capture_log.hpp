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

/// While one lives, FFmpeg's messages from the thread that made it are held
/// back and counted instead of logged: for a call whose complaints are
/// expected and say nothing new (probing a camera joined mid-stream, whose
/// pictures before its first keyframe cannot be decoded). The caller reports
/// the count, and the first message if the call failed.
class HeldFfmpegMessages {
public:
    HeldFfmpegMessages();
    ~HeldFfmpegMessages();
    HeldFfmpegMessages(const HeldFfmpegMessages&) = delete;
    HeldFfmpegMessages& operator=(const HeldFfmpegMessages&) = delete;

    int count() const { return m_count; }
    const std::string& first() const { return m_first; }
    /// Counts one message (FFmpeg's log callback, on the holding thread).
    void hold(std::string message) {
        if (m_count++ == 0) m_first = std::move(message);
    }

private:
    HeldFfmpegMessages* m_outer;
    int m_count = 0;
    std::string m_first;
};

} // namespace hawker::capture
