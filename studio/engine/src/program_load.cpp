#include "hawker/studio/engine/program_load.hpp"

namespace hawker::studio {

ProgramLoad::Change ProgramLoad::update(int64_t programMs, uint64_t framesDropped,
                                        std::optional<double> cpuShare) {
    const uint64_t before = m_seen ? m_dropped : framesDropped;
    m_seen = true;
    m_dropped = framesDropped;
    m_droppedLately = framesDropped > before ? framesDropped - before : 0;
    if (programMs < kWarmupMs) return Change::None;
    if (m_state == CpuState::StartingProgramFirst) {
        if (framesDropped == 0 && cpuShare && *cpuShare < kLeaveBelow) {
            m_state = CpuState::Room;
            return Change::Eased;
        }
        m_state = CpuState::Short;
        m_lastDropMs = programMs;
        return Change::KeptShort;
    }
    if (m_droppedLately > 0) {
        m_lastDropMs = programMs;
        if (m_state == CpuState::Room) {
            m_state = CpuState::Short;
            return Change::ShortOfCpu;
        }
        return Change::None;
    }
    if (m_state == CpuState::Short && programMs - m_lastDropMs >= kCalmMs && cpuShare &&
        *cpuShare < kLeaveBelow) {
        m_state = CpuState::Room;
        return Change::Eased;
    }
    return Change::None;
}

} // namespace hawker::studio
