#include "hawker/capture/audio_delay_line.hpp"

#include <algorithm>

namespace hawker::capture {

AudioDelayLine::AudioDelayLine(int sampleRate, int maxDelayMs)
    : m_rate(std::max(sampleRate, 1)), m_fadeLength(std::max(m_rate / 100, 1)) {
    const size_t longest = static_cast<size_t>(m_rate) * static_cast<size_t>(std::max(maxDelayMs, 0)) / 1000;
    m_left.assign(longest + 1, 0.0f);
    m_right.assign(longest + 1, 0.0f);
}

void AudioDelayLine::setDelayMs(int delayMs) {
    const size_t longest = m_left.size() - 1;
    const size_t samples =
        std::min(longest, static_cast<size_t>(m_rate) * static_cast<size_t>(std::max(delayMs, 0)) / 1000);
    m_delayMs = std::clamp(delayMs, 0, static_cast<int>(longest * 1000 / static_cast<size_t>(m_rate)));
    if (samples == m_delay) return;
    // A change during a fade starts a new one from where the old read point
    // is now heard most: close enough for a control a person turns.
    m_oldDelay = m_fadeLeft > m_fadeLength / 2 ? m_oldDelay : m_delay;
    m_delay = samples;
    m_fadeLeft = m_started ? m_fadeLength : 0;
}

void AudioDelayLine::process(float* left, float* right, int count) {
    const size_t size = m_left.size();
    m_started = m_started || count > 0;
    for (int s = 0; s < count; ++s) {
        m_left[m_write] = left[s];
        m_right[m_write] = right[s];
        const size_t read = (m_write + size - m_delay) % size;
        float l = m_left[read], r = m_right[read];
        if (m_fadeLeft > 0) {
            const size_t old = (m_write + size - m_oldDelay) % size;
            const float toNew = 1.0f - static_cast<float>(m_fadeLeft) / static_cast<float>(m_fadeLength);
            l = toNew * l + (1.0f - toNew) * m_left[old];
            r = toNew * r + (1.0f - toNew) * m_right[old];
            --m_fadeLeft;
        }
        left[s] = l;
        right[s] = r;
        m_write = (m_write + 1) % size;
    }
}

} // namespace hawker::capture
