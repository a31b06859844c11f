#include "hawker/studio/engine/memory_trimmer.hpp"

#include <malloc.h>
#include <unistd.h>

#include <fstream>

#include "hawker/capture/av_util.hpp"
#include "hawker/studio/base/log.hpp"

namespace hawker::studio {

namespace {

/// Resident bytes of this process (the second field of /proc/self/statm, in pages).
int64_t residentBytes() {
    std::ifstream statm("/proc/self/statm");
    int64_t size = 0, resident = 0;
    if (!(statm >> size >> resident)) return 0;
    return resident * static_cast<int64_t>(sysconf(_SC_PAGESIZE));
}

} // namespace

MemoryTrimmer::MemoryTrimmer(std::chrono::milliseconds every) : m_every(every) {
    m_thread = std::thread([this] { run(); });
}

MemoryTrimmer::~MemoryTrimmer() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

int64_t MemoryTrimmer::trimNow() {
    const int64_t before = residentBytes();
    malloc_trim(0);
    const int64_t after = residentBytes();
    return before > after ? before - after : 0;
}

int64_t MemoryTrimmer::trims() const {
    std::lock_guard lock(m_mutex);
    return m_trims;
}

void MemoryTrimmer::run() {
    capture::setThreadName("memory-trim");
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, m_every, [&] { return m_stop; })) {
        lock.unlock();
        try {
            const auto start = std::chrono::steady_clock::now();
            const int64_t freed = trimNow();
            const auto took = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::steady_clock::now() - start);
            logLine(LogLevel::Debug, "memory: gave back " + std::to_string(freed / 1024) + " KiB in " +
                                         std::to_string(took.count()) + " us");
        } catch (...) {
            // Only the log line can throw (out of memory); the next minute tries again.
        }
        lock.lock();
        ++m_trims;
    }
}

} // namespace hawker::studio
