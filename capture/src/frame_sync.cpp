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
        m_soundLatenessBySecond.fill(0);
        m_second = second;
    } else {
        m_baseUs += (arrivalUs - m_lastArrivalUs) * kBaseDriftPerSecondUs / 1'000'000;
        m_baseUs = std::min(m_baseUs, pathUs);
    }
    m_lastArrivalUs = arrivalUs;
    startSecond(second);
    int64_t& now = m_latenessBySecond[static_cast<size_t>(second % kWindowSeconds)];
    now = std::max(now, pathUs - m_baseUs);
    updateDelay();
}

void FrameSync::soundArrived(int64_t ptsUs, int64_t arrivalUs) {
    // Before the first picture there is no path to be late behind. Sound that
    // far behind is a jump (a reconnect whose first picture has not come yet
    // to time the new path), not lateness.
    const int64_t latenessUs = arrivalUs - ptsUs - m_baseUs;
    const int64_t second = arrivalUs / 1'000'000;
    if (!m_started || latenessUs > kDiscontinuityUs || second < m_second) return;
    startSecond(second);
    int64_t& now = m_soundLatenessBySecond[static_cast<size_t>(second % kWindowSeconds)];
    now = std::max(now, latenessUs);
    updateDelay();
}

void FrameSync::setSharedDelayUs(int64_t delayUs) {
    m_sharedDelayUs = std::clamp<int64_t>(delayUs, 0, kMaxSoundDelayUs);
}

int64_t FrameSync::soundLatenessUs() const {
    return *std::max_element(m_soundLatenessBySecond.begin(), m_soundLatenessBySecond.end());
}

void FrameSync::startSecond(int64_t second) {
    // Seconds with no arrival count as no lateness (a whole window's worth at most).
    if (second - m_second >= kWindowSeconds) {
        m_latenessBySecond.fill(0);
        m_soundLatenessBySecond.fill(0);
        m_second = second;
    }
    for (; m_second < second; ++m_second) {
        const auto next = static_cast<size_t>((m_second + 1) % kWindowSeconds);
        m_latenessBySecond[next] = 0;
        m_soundLatenessBySecond[next] = 0;
    }
}

void FrameSync::updateDelay() {
    const int64_t worst = *std::max_element(m_latenessBySecond.begin(), m_latenessBySecond.end());
    // A tick plays the sound from kSoundMarginUs behind its picture's due time to a tick after
    // that: sound later than the margin less a tick holds the pictures back by the difference.
    const int64_t soundWorst =
        std::min(kMaxSoundDelayUs, soundLatenessUs() - kSoundMarginUs + kLongestTickUs);
    // Up to the next step above the worst lateness, within the bounds.
    const int64_t worstOfBoth = std::max(std::min(kMaxDelayUs, worst), soundWorst);
    const int64_t wanted =
        std::max<int64_t>(0, (worstOfBoth + kDelayStepUs - 1) / kDelayStepUs * kDelayStepUs);
    if (wanted > m_delayUs || wanted + kDelayStepUs < m_delayUs) m_delayUs = wanted;
}

} // namespace hawker::capture
