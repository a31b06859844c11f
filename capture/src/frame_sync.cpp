#include "hawker/capture/frame_sync.hpp"

#include <algorithm>

namespace hawker::capture {

namespace {
/// A path's delay that grows by more than this at once is a new path (a
/// reconnect, a pause), not lateness: timing starts again.
constexpr int64_t kDiscontinuityUs = 500'000;
/// The path's delay may grow this much per second of arrivals without being
/// lateness: a camera whose clock runs a little slow.
constexpr int64_t kBaseDriftPerSecondUs = 1'000;
/// The delay moves in steps of this size, and comes down only when the
/// lateness is a step below it: each move shifts the camera's sound too.
constexpr int64_t kDelayStepUs = 5'000;
} // namespace

void FrameSync::arrived(int64_t ptsUs, int64_t arrivalUs) {
    const int64_t pathUs = arrivalUs - ptsUs;
    const int64_t second = arrivalUs / 1'000'000;
    if (!m_started || pathUs - m_baseUs > kDiscontinuityUs || arrivalUs < m_lastArrivalUs) {
        m_started = true;
        m_baseUs = pathUs;
        m_delayUs = 0;
        m_latenessBySecond.fill(0);
        m_second = second;
    } else {
        m_baseUs += (arrivalUs - m_lastArrivalUs) * kBaseDriftPerSecondUs / 1'000'000;
        m_baseUs = std::min(m_baseUs, pathUs);
    }
    m_lastArrivalUs = arrivalUs;
    // Seconds with no picture count as no lateness (a whole window's worth at most).
    if (second - m_second >= kWindowSeconds) {
        m_latenessBySecond.fill(0);
        m_second = second;
    }
    for (; m_second < second; ++m_second)
        m_latenessBySecond[static_cast<size_t>((m_second + 1) % kWindowSeconds)] = 0;
    int64_t& now = m_latenessBySecond[static_cast<size_t>(second % kWindowSeconds)];
    now = std::max(now, pathUs - m_baseUs);
    updateDelay();
}

void FrameSync::updateDelay() {
    const int64_t worst = *std::max_element(m_latenessBySecond.begin(), m_latenessBySecond.end());
    // Up to the next step above the worst lateness, within the bound.
    const int64_t wanted = std::min(kMaxDelayUs, (worst + kDelayStepUs - 1) / kDelayStepUs * kDelayStepUs);
    if (wanted > m_delayUs || wanted + kDelayStepUs < m_delayUs) m_delayUs = wanted;
}

} // namespace hawker::capture
