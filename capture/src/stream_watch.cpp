#include "hawker/capture/stream_watch.hpp"

#include <algorithm>

namespace hawker::capture {

void StreamWatch::onVideo(int64_t ms, int64_t bytes, bool keyframe) {
    if (!m_firstMs) m_firstMs = ms;
    m_lastMs = std::max(m_lastMs.value_or(ms), ms);
    if (keyframe) {
        if (m_lastKeyMs && ms > *m_lastKeyMs) m_lastGapMs = ms - *m_lastKeyMs;
        m_lastKeyMs = ms;
    }
    m_window.push_back({ms, bytes});
    m_windowBytes += bytes;
    while (!m_window.empty() && m_window.front().ms <= *m_lastMs - m_windowMs) {
        m_windowBytes -= m_window.front().bytes;
        m_window.pop_front();
    }
}

StreamReading StreamWatch::reading() const {
    StreamReading r;
    if (!m_firstMs) return r;
    r.watchedS = static_cast<double>(*m_lastMs - *m_firstMs) / 1000.0;
    // The window's span is the stream time it covers, however few frames fell in it.
    const int64_t span = std::min(m_windowMs, *m_lastMs - *m_firstMs);
    if (span >= 1000) r.videoKbps = static_cast<double>(m_windowBytes) * 8.0 / static_cast<double>(span);
    const int64_t open = m_lastKeyMs ? *m_lastMs - *m_lastKeyMs : *m_lastMs - *m_firstMs;
    r.keyintS = static_cast<double>(std::max(m_lastGapMs, open)) / 1000.0;
    return r;
}

void StreamWatch::reset() {
    *this = StreamWatch(m_windowMs);
}

} // namespace hawker::capture
