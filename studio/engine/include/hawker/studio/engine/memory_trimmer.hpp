#pragma once
// Hands memory that a long show freed back to the system, once a minute.
//
// glibc keeps the pages of freed blocks in the arena they came from. A burst
// (an audience surge the database writer batches up, a reconnecting output's
// queue, a busy minute of API answers) raises an arena to a high-water mark
// that it keeps for the rest of the process: the heap in use stays flat while
// the resident size only ever goes up (the soak benchmark in
// docs/PERFORMANCE.md measured this). malloc_trim returns the free pages of
// every arena; done from its own thread once a minute it costs a few
// milliseconds and no frame.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace hawker::studio {

class MemoryTrimmer {
public:
    explicit MemoryTrimmer(std::chrono::milliseconds every = std::chrono::minutes(1));
    ~MemoryTrimmer();
    MemoryTrimmer(const MemoryTrimmer&) = delete;
    MemoryTrimmer& operator=(const MemoryTrimmer&) = delete;

    /// Trims now, on the calling thread; returns the bytes of resident memory
    /// it gave back (0 when there was nothing to give or it cannot tell).
    static int64_t trimNow();
    /// How many trims the thread has made so far.
    int64_t trims() const;

private:
    void run();

    std::chrono::milliseconds m_every;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    int64_t m_trims = 0;
    std::thread m_thread;
};

} // namespace hawker::studio
