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
/// When the program is short of CPU (its encodes dropped frames), what is on
/// air comes before the desk's own pictures: the desk goes thrifty, five
/// frames a second idle and twenty in use, until the program has CPU to spare
/// again. A click is still acted on at once (input brings the frame forward).
///
/// The clock is passed in, so the decisions can be checked without a window.
class FramePacer {
public:
    using Clock = std::chrono::steady_clock;
    /// While in use: 30 frames a second.
    static constexpr Clock::duration kActivePeriod = std::chrono::microseconds(33'333);
    /// While idle: the feed's own rate, 10 frames a second.
    static constexpr Clock::duration kIdlePeriod = std::chrono::milliseconds(100);
    /// While the program is short of CPU: 20 frames a second in use, 5 idle.
    static constexpr Clock::duration kThriftyActivePeriod = std::chrono::milliseconds(50);
    static constexpr Clock::duration kThriftyIdlePeriod = std::chrono::milliseconds(200);
    /// How long the full rate lasts after the last input.
    static constexpr Clock::duration kActiveFor = std::chrono::seconds(1);

    /// A frame starts now; the next one is due one period after it.
    void frameStarted(Clock::time_point now);
    /// The user did something at `when`.
    void inputAt(Clock::time_point when);
    /// Something on screen moves at the full rate whatever the input (a drag
    /// held still, a text field being typed in, a screenshot counting frames).
    void holdFullRate(bool hold) { m_held = hold; }
    /// The program is short of CPU (or has CPU to spare again).
    void setThrifty(bool thrifty) { m_thrifty = thrifty; }
    bool thrifty() const { return m_thrifty && !m_held; }

    /// When the next frame is due. Input during the wait brings it forward;
    /// a frame that is late is due at once, with no burst of catch-up frames.
    Clock::time_point due() const;
    /// Whether a frame that starts at `now` is drawn at the idle rate.
    bool idleAt(Clock::time_point now) const;

private:
    std::optional<Clock::time_point> m_frameStart; ///< none before the first frame
    std::optional<Clock::time_point> m_lastInput;  ///< none before any input
    bool m_held = false;
    bool m_thrifty = false;
};

} // namespace hawker::studio::console
