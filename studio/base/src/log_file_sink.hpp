#pragma once
// The log file's sink: spdlog's rotating file, written and flushed line by
// line on the log's own worker thread, with every failure caught there. A
// file that stops taking writes (a full disk, a removed folder) is said once
// on stderr, and once more when it takes them again; the show never hears of
// it otherwise.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>

namespace hawker::studio {

class LogFileSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    /// Opens (appends to) `path`; `stderrSink` hears about failures. Throws
    /// spdlog::spdlog_ex when the file cannot be opened.
    LogFileSink(const std::filesystem::path& path, std::size_t maxBytes, std::size_t files,
                std::shared_ptr<spdlog::sinks::sink> stderrSink);

protected:
    void sink_it_(const spdlog::details::log_msg& message) override;
    void flush_() override;

private:
    /// One line on stderr only, in the log's format, stamped now.
    void tellStderr(spdlog::level::level_enum level, const std::string& line);

    std::filesystem::path m_path;
    std::unique_ptr<spdlog::sinks::rotating_file_sink_st> m_file;
    std::shared_ptr<spdlog::sinks::sink> m_stderr;
    bool m_failing = false;
    std::size_t m_lost = 0; ///< lines not written since the file failed
};

} // namespace hawker::studio
