#pragma once

#include <chrono>
#include <optional>

namespace hawker::studio::console {

/// When the console draws its next frame.
///
/// Everything the desk shows changes at most ten times a second: the monitors'
/// pictures, the meters and the numbers come from a feed refreshed every
/// 100 ms. Drawing faster only makes input follow the hand. So while nobody
/// touches the desk it draws ten frames a second, and any input (a mouse move,
/// a click, a key, the wheel) brings back thirty frames a second for a second
/// after the last one. On a machine without a GPU every frame is drawn by the
/// CPU the program's encoders need, so the two thirds saved go to them.
///
/// The clock is passed in, so the decisions can be checked without a window.
class FramePacer {
public:
    using Clock = std::chrono::steady_clock;
    /// While in use: 30 frames a second.
    static constexpr Clock::duration kActivePeriod = std::chrono::microseconds(33'333);
    /// While idle: the feed's own rate, 10 frames a second.
    static constexpr Clock::duration kIdlePeriod = std::chrono::milliseconds(100);
    /// How long the full rate lasts after the last input.
    static constexpr Clock::duration kActiveFor = std::chrono::seconds(1);

    /// A frame starts now; the next one is due one period after it.
    void frameStarted(Clock::time_point now);
    /// The user did something at `when`.
    void inputAt(Clock::time_point when);
    /// Something on screen moves at the full rate whatever the input (a drag
    /// held still, a text field being typed in, a screenshot counting frames).
    void holdFullRate(bool hold) { m_held = hold; }

    /// When the next frame is due. Input during the wait brings it forward;
    /// a frame that is late is due at once, with no burst of catch-up frames.
    Clock::time_point due() const;
    /// Whether a frame that starts at `now` is drawn at the idle rate.
    bool idleAt(Clock::time_point now) const;

private:
    std::optional<Clock::time_point> m_frameStart; ///< none before the first frame
    std::optional<Clock::time_point> m_lastInput;  ///< none before any input
    bool m_held = false;
};

} // namespace hawker::studio::console
