#pragma once

#include <cstdint>
#include <optional>

namespace hawker::studio {

/// How the program stands for CPU: one state, so that "starting program-first" can never be said of a
/// program that has room.
enum class CpuState {
    Room,                 ///< the encodes keep up: the multiview's cameras decode light
    StartingProgramFirst, ///< a live show's warm-up: short by rule until its end decides, nothing dropped
    Short,                ///< the encodes dropped frames lately
};

/// Whether the program is short of CPU, for how much of the off-air cameras
/// to decode.
///
/// The program comes first. When one of its encodes drops frames, the machine
/// cannot do everything it was asked, and the cheapest thing to give up is
/// motion in the multiview: cameras only the multiview shows then decode
/// their keyframes only (DecodeLevel::Keyframes), which frees most of what
/// they cost. Going back is slower than going down, so that the two do not
/// take turns: the program must have dropped nothing for kCalmMs, and the
/// process must have used less than kLeaveBelow of the machine's cores over
/// the last second, room for the off-air cameras' fuller decode.
///
/// A live show starts program-first (Start::ProgramFirst): the first seconds
/// are the busiest (x264's first frames, every decoder finding its stream, the
/// console building its fonts), and a frame dropped then is on air like any
/// other. The warm-up's end decides: no frame dropped and room on the cores
/// gives the multiview its motion (Eased); otherwise it stays program-first
/// (KeptShort) and the calm spell starts there.
///
/// Live runs only: offline, an encode never drops (the program waits for it).
class ProgramLoad {
public:
    /// The first seconds are x264's and the cameras' warm-up; drops then say little.
    static constexpr int64_t kWarmupMs = 5000;
    static constexpr int64_t kCalmMs = 30000;
    static constexpr double kLeaveBelow = 0.75;

    enum class Start { Full, ProgramFirst };
    enum class Change { None, ShortOfCpu, Eased, KeptShort };

    explicit ProgramLoad(Start start = Start::Full)
        : m_state(start == Start::ProgramFirst ? CpuState::StartingProgramFirst : CpuState::Room) {}

    /// About once a second of program time: the frames the program's encodes
    /// have dropped so far, and the share of the machine's cores (0-1) the
    /// process used since the last call, if known.
    Change update(int64_t programMs, uint64_t framesDropped, std::optional<double> cpuShare);

    CpuState state() const { return m_state; }
    /// Short of CPU, by rule in the warm-up or because frames were dropped: the multiview's cameras
    /// decode keyframes only.
    bool shortOfCpu() const { return m_state != CpuState::Room; }
    /// The frames dropped between the last two calls.
    uint64_t droppedLately() const { return m_droppedLately; }

private:
    CpuState m_state = CpuState::Room;
    bool m_seen = false;
    uint64_t m_dropped = 0;
    uint64_t m_droppedLately = 0;
    int64_t m_lastDropMs = 0;
};

} // namespace hawker::studio
