#pragma once
// The program clock: tick n happens at start + n/fps. Deadlines accumulate
// from the start (never from the previous wake-up) so the clock cannot drift.

#include <chrono>
#include <cstdint>

namespace hawker::studio {

class ProgramClock {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    /// Virtual clocks never wait: offline runs go as fast as the work allows.
    ProgramClock(int fps, bool virtualTime, TimePoint start = std::chrono::steady_clock::now())
        : m_fps(fps), m_virtual(virtualTime), m_start(start) {}

    int64_t tickMs(int64_t n) const { return n * 1000 / m_fps; }
    int64_t tickUs(int64_t n) const { return n * 1000000 / m_fps; }
    TimePoint deadline(int64_t n) const {
        return m_start + std::chrono::nanoseconds(n * 1000000000LL / m_fps);
    }
    /// More than a whole frame behind tick n: compose nothing new, repeat.
    bool isLate(int64_t n, TimePoint now) const { return !m_virtual && now > deadline(n + 1); }
    void waitForTick(int64_t n) const;
    int fps() const { return m_fps; }

private:
    int m_fps;
    bool m_virtual;
    TimePoint m_start;
};

} // namespace hawker::studio
