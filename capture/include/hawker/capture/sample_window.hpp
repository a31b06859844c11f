#pragma once
// The last N measurements of something (a phase time, a latency), for medians
// and tails that operators can trust.

#include <algorithm>
#include <mutex>
#include <vector>

namespace hawker::capture {

class SampleWindow {
public:
    explicit SampleWindow(size_t capacity = 8192) : m_capacity(capacity) { m_samples.reserve(capacity); }

    void add(double value) {
        std::lock_guard lock(m_mutex);
        if (m_samples.size() < m_capacity) {
            m_samples.push_back(value);
        } else {
            m_samples[m_next] = value;
            m_next = (m_next + 1) % m_capacity;
        }
        ++m_count;
    }
    /// q in [0, 1]; -1 when there are no samples yet.
    double quantile(double q) const {
        std::vector<double> copy;
        {
            std::lock_guard lock(m_mutex);
            copy = m_samples;
        }
        if (copy.empty()) return -1;
        const size_t index =
            std::min(copy.size() - 1, static_cast<size_t>(q * static_cast<double>(copy.size() - 1) + 0.5));
        std::nth_element(copy.begin(), copy.begin() + static_cast<long>(index), copy.end());
        return copy[index];
    }
    double median() const { return quantile(0.5); }
    size_t count() const {
        std::lock_guard lock(m_mutex);
        return m_count;
    }

private:
    mutable std::mutex m_mutex;
    size_t m_capacity;
    size_t m_next = 0;
    size_t m_count = 0;
    std::vector<double> m_samples;
};

} // namespace hawker::capture
