#pragma once
// When a live camera's pictures are due on the program.

#include <array>
#include <cstdint>

namespace hawker::capture {

/// Shows a live camera's pictures at a steady delay after their own
/// timestamps, instead of "the newest one" at each program tick.
///
/// Live, the program takes each camera's newest picture at every tick. A
/// picture that comes a few milliseconds late (its decode waited for a core,
/// or the network held it) then misses its tick: the tick before shows the
/// previous picture twice and the late one replaces the next, a visible
/// judder. A picture's timestamp says when it was taken; its arrival minus
/// its timestamp is the path's delay. The smallest such delay seen is the
/// path's own (`base`); how much later than that pictures come is their
/// lateness. A picture is due at its timestamp + base + a delay that covers
/// the lateness seen in the last seconds (at most kMaxDelayUs), so pictures
/// go on air one per tick, in turn, however late each one came within it.
/// With no lateness the delay is nought and a picture is due on arrival.
///
/// The sound that goes with the camera follows the same due time, so lip
/// sync holds whatever the delay. Times in microseconds (steady clock and the
/// source's own clock). One producer (arrived) and one consumer (dueUs); the
/// caller locks.
class FrameSync {
public:
    /// The most a picture is held back: a latency that stays within the
    /// program's capture-to-packet budget.
    static constexpr int64_t kMaxDelayUs = 50'000;
    /// The delay is recomputed from the lateness of this many seconds.
    static constexpr int kWindowSeconds = 10;

    /// A picture taken at `ptsUs` arrived at `arrivalUs`.
    void arrived(int64_t ptsUs, int64_t arrivalUs);
    /// When the picture taken at `ptsUs` is due on the program.
    int64_t dueUs(int64_t ptsUs) const { return ptsUs + m_baseUs + m_delayUs; }
    /// How far pictures are held back after the path's own delay.
    int64_t delayUs() const { return m_delayUs; }

private:
    void updateDelay();

    bool m_started = false;
    int64_t m_baseUs = 0;
    int64_t m_delayUs = 0;
    int64_t m_lastArrivalUs = 0;
    /// The most lateness seen in each of the last seconds (by arrival second).
    std::array<int64_t, kWindowSeconds> m_latenessBySecond{};
    int64_t m_second = 0;
};

} // namespace hawker::capture
