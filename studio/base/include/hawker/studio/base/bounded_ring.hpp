#pragma once
// A fixed-capacity list that keeps the newest entries: once full, each push
// overwrites the oldest in place, so a show that runs for hours holds the same
// memory as one that has just started.

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace hawker::studio {

template <typename T>
class BoundedRing {
public:
    explicit BoundedRing(size_t capacity) : m_capacity(capacity) {
        if (capacity == 0) throw std::invalid_argument("BoundedRing: capacity must be at least 1");
    }

    /// Adds `value` as the newest entry; when full, the oldest is dropped.
    void push(T value) {
        if (m_items.size() < m_capacity) {
            // Reserve once, when the first entry comes, so growth never
            // doubles past the capacity.
            if (m_items.empty()) m_items.reserve(m_capacity);
            m_items.push_back(std::move(value));
            return;
        }
        m_items[m_oldest] = std::move(value);
        m_oldest = (m_oldest + 1) % m_capacity;
    }

    size_t size() const { return m_items.size(); }
    size_t capacity() const { return m_capacity; }
    bool empty() const { return m_items.empty(); }

    /// The newest entry; the ring must not be empty.
    const T& newest() const { return m_items[(m_oldest + m_items.size() - 1) % m_items.size()]; }

    /// The newest `count` entries (all when there are fewer), oldest first.
    std::vector<T> newest(size_t count) const {
        count = std::min(count, m_items.size());
        std::vector<T> out;
        out.reserve(count);
        for (size_t i = m_items.size() - count; i < m_items.size(); ++i)
            out.push_back(m_items[(m_oldest + i) % m_items.size()]);
        return out;
    }

private:
    size_t m_capacity;
    std::vector<T> m_items;
    size_t m_oldest = 0; ///< index of the oldest entry once the ring is full (0 before)
};

} // namespace hawker::studio
