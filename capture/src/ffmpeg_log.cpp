#include <cstdio>
#include <mutex>

#include "hawker/capture/capture_log.hpp"

extern "C" {
#include <libavutil/log.h>
}

namespace hawker::capture {

namespace {
std::mutex g_hookMutex;
LogHook g_hook;
thread_local HeldFfmpegMessages* t_held = nullptr;

void avLogCallback(void* avcl, int level, const char* fmt, va_list args) {
    if (level > AV_LOG_WARNING) return;
    char line[1024];
    int prefix = 1;
    // av_log_format_line2 adds the "[component @ 0x...]" prefix FFmpeg users know.
    av_log_format_line2(avcl, level, fmt, args, line, sizeof(line), &prefix);
    std::string text(line);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    if (text.empty()) return;
    if (t_held) {
        t_held->hold(std::move(text));
        return;
    }
    log(level <= AV_LOG_ERROR ? LogLevel::Error : LogLevel::Warning, "ffmpeg: " + text);
}
} // namespace

HeldFfmpegMessages::HeldFfmpegMessages() : m_outer(t_held) {
    t_held = this;
}

HeldFfmpegMessages::~HeldFfmpegMessages() {
    t_held = m_outer;
}

void setLogHook(LogHook hook) {
    {
        std::lock_guard lock(g_hookMutex);
        g_hook = std::move(hook);
    }
    av_log_set_callback(&avLogCallback);
}

void log(LogLevel level, const std::string& message) {
    std::lock_guard lock(g_hookMutex);
    if (g_hook) {
        g_hook(level, message);
    } else if (level >= LogLevel::Warning) {
        std::fprintf(stderr, "%s\n", message.c_str());
    }
}

} // namespace hawker::capture
