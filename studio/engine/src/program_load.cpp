#include "hawker/studio/engine/program_load.hpp"

namespace hawker::studio {

ProgramLoad::Change ProgramLoad::update(int64_t programMs, uint64_t framesDropped,
                                        std::optional<double> cpuShare) {
    const uint64_t before = m_seen ? m_dropped : framesDropped;
    m_seen = true;
    m_dropped = framesDropped;
    m_droppedLately = framesDropped > before ? framesDropped - before : 0;
    if (programMs < kWarmupMs) return Change::None;
    if (m_warmingUp) {
        m_warmingUp = false;
        if (framesDropped == 0 && cpuShare && *cpuShare < kLeaveBelow) {
            m_short = false;
            return Change::Eased;
        }
        m_lastDropMs = programMs;
        return Change::KeptShort;
    }
    if (m_droppedLately > 0) {
        m_lastDropMs = programMs;
        if (!m_short) {
            m_short = true;
            return Change::ShortOfCpu;
        }
        return Change::None;
    }
    if (m_short && programMs - m_lastDropMs >= kCalmMs && cpuShare && *cpuShare < kLeaveBelow) {
        m_short = false;
        return Change::Eased;
    }
    return Change::None;
}

} // namespace hawker::studio
