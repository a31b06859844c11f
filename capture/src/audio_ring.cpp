#include "hawker/capture/audio_ring.hpp"

#include <algorithm>
#include <cstdlib>

namespace hawker::capture {

AudioRing::AudioRing(int sampleRate, size_t capacity, bool blocking)
    : m_rate(sampleRate), m_blocking(blocking), m_left(capacity), m_right(capacity) {}

bool AudioRing::write(const float* left, const float* right, int count, int64_t startSample,
                      const std::atomic<bool>& abort) {
    std::unique_lock lock(m_mutex);
    const size_t capacity = m_left.size();
    if (m_size == 0) {
        m_headSample = startSample;
    } else {
        // More than 100 ms off the expected position: the source jumped; keep
        // its clock rather than stretching the old one.
        const int64_t expected = m_headSample + static_cast<int64_t>(m_size);
        if (std::llabs(startSample - expected) > m_rate / 10) {
            m_size = 0;
            m_head = 0;
            m_headSample = startSample;
        }
    }
    m_ended = false;
    for (int written = 0; written < count;) {
        if (m_size == capacity) {
            if (m_blocking) {
                if (abort.load()) return false;
                m_changed.wait_for(lock, std::chrono::milliseconds(20));
                continue;
            }
            // Live: the mixer fell behind; the oldest audio is the least useful.
            const size_t drop = std::min<size_t>(capacity / 4, m_size);
            m_head = (m_head + drop) % capacity;
            m_size -= drop;
            m_headSample += static_cast<int64_t>(drop);
        }
        const size_t tail = (m_head + m_size) % capacity;
        const size_t chunk =
            std::min({static_cast<size_t>(count - written), capacity - m_size, capacity - tail});
        std::copy_n(left + written, chunk, m_left.begin() + static_cast<long>(tail));
        std::copy_n(right + written, chunk, m_right.begin() + static_cast<long>(tail));
        m_size += chunk;
        written += static_cast<int>(chunk);
    }
    m_changed.notify_all();
    return true;
}

void AudioRing::popLocked(float* left, float* right, size_t count) {
    const size_t capacity = m_left.size();
    for (size_t done = 0; done < count;) {
        const size_t chunk = std::min(count - done, capacity - m_head);
        if (left) std::copy_n(m_left.begin() + static_cast<long>(m_head), chunk, left + done);
        if (right) std::copy_n(m_right.begin() + static_cast<long>(m_head), chunk, right + done);
        m_head = (m_head + chunk) % capacity;
        done += chunk;
    }
    m_size -= count;
    m_headSample += static_cast<int64_t>(count);
}

AudioReadResult AudioRing::read(float* left, float* right, int count, std::optional<int64_t> alignSample,
                                int tolerance, std::chrono::milliseconds wait) {
    AudioReadResult result;
    std::unique_lock lock(m_mutex);
    const auto deadline = std::chrono::steady_clock::now() + wait;
    int out = 0;
    if (alignSample) {
        // Wait for the data that reaches the alignment point, then skip to it.
        while (m_blocking && !m_ended &&
               (m_size == 0 || m_headSample + static_cast<int64_t>(m_size) < *alignSample + count)) {
            if (m_changed.wait_until(lock, deadline) == std::cv_status::timeout) break;
        }
        if (m_size > 0) {
            const int64_t lead = m_headSample - *alignSample;
            // Live, a small offset (the pictures' hold moved a step, or the camera's clock drifts)
            // is taken up by playing a little faster or slower, not by a gap or a skip. A larger
            // one (the show's start, a reconnect) would take seconds that way: it is cut at once.
            const int64_t slewLimit = static_cast<int64_t>(m_rate) * kSlewLimitMs / 1000;
            if (!m_blocking && count > 1 && std::llabs(lead) > tolerance && std::llabs(lead) <= slewLimit &&
                readStretched(left, right, count, lead < 0, result))
                return result;
            if (lead < -tolerance) {
                const size_t drop = std::min<size_t>(static_cast<size_t>(-lead), m_size);
                popLocked(nullptr, nullptr, drop);
                result.dropped = static_cast<int64_t>(drop);
            } else if (lead > tolerance) {
                const int pad = static_cast<int>(std::min<int64_t>(lead, count));
                std::fill_n(left, pad, 0.0f);
                std::fill_n(right, pad, 0.0f);
                out = pad;
                result.silence += pad;
            }
        }
    }
    while (out < count) {
        if (m_size == 0) {
            if (!m_blocking || m_ended) break;
            if (m_changed.wait_until(lock, deadline) == std::cv_status::timeout) break;
            continue;
        }
        const size_t chunk = std::min<size_t>(static_cast<size_t>(count - out), m_size);
        popLocked(left + out, right + out, chunk);
        out += static_cast<int>(chunk);
        result.fromSource += static_cast<int>(chunk);
    }
    if (out < count) {
        std::fill(left + out, left + count, 0.0f);
        std::fill(right + out, right + count, 0.0f);
        result.silence += count - out;
    }
    m_changed.notify_all();
    return result;
}

bool AudioRing::readStretched(float* left, float* right, int count, bool faster, AudioReadResult& result) {
    const int change = std::max(1, count / kSlewDivisor);
    const int take = faster ? count + change : count - change;
    if (m_size < static_cast<size_t>(take)) return false; // not enough here yet: the plain read
    m_stretchL.resize(static_cast<size_t>(take));
    m_stretchR.resize(static_cast<size_t>(take));
    popLocked(m_stretchL.data(), m_stretchR.data(), static_cast<size_t>(take));
    // Linear interpolation from `take` samples onto `count`, ends on ends.
    const double step = static_cast<double>(take - 1) / static_cast<double>(count - 1);
    for (int i = 0; i < count; ++i) {
        const double at = i * step;
        const auto below = std::min(static_cast<size_t>(at), static_cast<size_t>(take - 1));
        const size_t above = std::min(below + 1, static_cast<size_t>(take - 1));
        const auto frac = static_cast<float>(at - static_cast<double>(below));
        left[i] = m_stretchL[below] + (m_stretchL[above] - m_stretchL[below]) * frac;
        right[i] = m_stretchR[below] + (m_stretchR[above] - m_stretchR[below]) * frac;
    }
    result.fromSource = take;
    result.stretched = take - count;
    m_changed.notify_all();
    return true;
}

int64_t AudioRing::trimTo(size_t maxBuffered) {
    std::lock_guard lock(m_mutex);
    if (m_size <= maxBuffered) return 0;
    const size_t drop = m_size - maxBuffered;
    popLocked(nullptr, nullptr, drop);
    m_changed.notify_all();
    return static_cast<int64_t>(drop);
}

void AudioRing::markEnded() {
    std::lock_guard lock(m_mutex);
    m_ended = true;
    m_changed.notify_all();
}

void AudioRing::reset() {
    std::lock_guard lock(m_mutex);
    m_size = 0;
    m_head = 0;
    m_changed.notify_all();
}

size_t AudioRing::buffered() const {
    std::lock_guard lock(m_mutex);
    return m_size;
}

} // namespace hawker::capture
