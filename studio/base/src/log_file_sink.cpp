#include "log_file_sink.hpp"

#include <fcntl.h>

#include <spdlog/details/log_msg.h>

#include "hawker/studio/base/secret_mask.hpp"
#include "log_format.hpp"

namespace hawker::studio {

namespace {

spdlog::file_event_handlers closeOnExec() {
    spdlog::file_event_handlers handlers;
    // The file is the log's alone: a process started from the show does not inherit it.
    handlers.after_open = [](const spdlog::filename_t&, std::FILE* file) {
        ::fcntl(::fileno(file), F_SETFD, FD_CLOEXEC);
    };
    return handlers;
}

} // namespace

LogFileSink::LogFileSink(const std::filesystem::path& path, std::size_t maxBytes, std::size_t files,
                         std::shared_ptr<spdlog::sinks::sink> stderrSink)
    : m_path(path), m_stderr(std::move(stderrSink)) {
    // spdlog counts the older files only: NAME.1.log ... NAME.(files-1).log.
    m_file = std::make_unique<spdlog::sinks::rotating_file_sink_st>(
        path.string(), maxBytes, files > 1 ? files - 1 : 0, false, closeOnExec());
    m_file->set_pattern(kLogPattern);
}

void LogFileSink::sink_it_(const spdlog::details::log_msg& message) {
    try {
        m_file->log(message);
        // Line by line, so that a crash or a kill loses at most the lines still queued.
        m_file->flush();
        if (m_failing) {
            m_failing = false;
            const std::string line = std::string(levelName(LogLevel::Info)) + ": the log file " +
                                     m_path.string() + " takes writes again (" + std::to_string(m_lost) +
                                     " line(s) before this one may be missing from it)";
            m_lost = 0;
            tellStderr(spdlog::level::info, line);
            spdlog::details::log_msg note(message.time, {}, message.logger_name, spdlog::level::info, line);
            m_file->log(note);
            m_file->flush();
        }
    } catch (const std::exception& error) {
        ++m_lost;
        if (!m_failing) {
            m_failing = true;
            tellStderr(spdlog::level::warn, std::string(levelName(LogLevel::Warning)) +
                                                ": cannot write the log file (" + maskSecrets(error.what()) +
                                                "); its lines go to stderr only until it takes writes again");
        }
    } catch (...) {
        ++m_lost;
    }
}

void LogFileSink::flush_() {
    try {
        m_file->flush();
    } catch (...) {
        // Said by sink_it_ already, when a line failed.
    }
}

void LogFileSink::tellStderr(spdlog::level::level_enum level, const std::string& line) {
    try {
        spdlog::details::log_msg message(spdlog::log_clock::now(), {}, "hawker", level, line);
        m_stderr->log(message);
    } catch (...) {
        // stderr itself is gone: there is nobody left to tell.
    }
}

} // namespace hawker::studio
