#include "frame_pacer.hpp"

namespace hawker::studio::console {

void FramePacer::frameStarted(Clock::time_point now) {
    m_frameStart = now;
}

void FramePacer::inputAt(Clock::time_point when) {
    if (!m_lastInput || when > *m_lastInput) m_lastInput = when;
}

bool FramePacer::idleAt(Clock::time_point now) const {
    if (m_held) return false;
    return !m_lastInput || now - *m_lastInput >= kActiveFor;
}

FramePacer::Clock::time_point FramePacer::due() const {
    if (!m_frameStart) return Clock::time_point{};
    // Idle is judged at the moment the full-rate frame would be due: input
    // seen before then makes that frame the next one.
    // A held full rate (a drag, typing, a screenshot) stays full even when thrifty.
    const bool lean = thrifty();
    const Clock::time_point activeDue = *m_frameStart + (lean ? kThriftyActivePeriod : kActivePeriod);
    return idleAt(activeDue) ? *m_frameStart + (lean ? kThriftyIdlePeriod : kIdlePeriod) : activeDue;
}

} // namespace hawker::studio::console
