#pragma once
// Open-addressing hash set and map keyed by 64-bit viewer hashes. The metrics
// touch one of these for almost every event; std::unordered_set's node per
// element made them most of a 5-million-event report's time. Key 0 is
// reserved (a viewer hash is never 0, see ViewerHasher::key).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <utility>
#include <vector>

#include <sys/mman.h>

namespace hawker::studio {

/// Big tables on 2 MB pages where the kernel allows it: a table of a few
/// hundred thousand viewers spans thousands of 4 KB pages, and a random
/// probe then costs a TLB miss on top of the cache miss.
template <typename T>
struct HugePageAllocator {
    using value_type = T;
    HugePageAllocator() = default;
    template <typename U>
    HugePageAllocator(const HugePageAllocator<U>&) {}
    T* allocate(size_t n) {
        constexpr size_t kHuge = size_t{2} << 20;
        const size_t bytes = n * sizeof(T);
        const size_t align = bytes >= kHuge ? kHuge : alignof(std::max_align_t);
        const size_t rounded = (bytes + align - 1) / align * align;
        void* p = std::aligned_alloc(align, rounded);
        if (!p) throw std::bad_alloc();
        if (bytes >= kHuge) ::madvise(p, rounded, MADV_HUGEPAGE); // a hint; 4 KB pages still work
        return static_cast<T*>(p);
    }
    void deallocate(T* p, size_t) { std::free(p); }
    template <typename U>
    bool operator==(const HugePageAllocator<U>&) const {
        return true;
    }
};

template <typename Value>
class FlatIdMap {
public:
    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    /// Bytes of the slot table (what the table holds in memory).
    size_t bytes() const { return m_slots.capacity() * sizeof(Slot); }

    /// The value stored for `key`, or nullptr.
    Value* find(int64_t key) { return const_cast<Value*>(std::as_const(*this).find(key)); }
    const Value* find(int64_t key) const {
        if (key == 0 || m_slots.empty()) return nullptr;
        for (size_t i = slot(key); m_slots[i].key != 0; i = (i + 1) & m_mask)
            if (m_slots[i].key == key) return &m_slots[i].value;
        return nullptr;
    }

    /// Inserts `key` → `value` if absent; returns the stored value and whether it was inserted.
    std::pair<Value*, bool> emplace(int64_t key, Value value) {
        if (key == 0) return {nullptr, false};
        if ((m_size + 1) * 4 > m_slots.size() * 3) grow();
        size_t i = slot(key);
        while (m_slots[i].key != 0) {
            if (m_slots[i].key == key) return {&m_slots[i].value, false};
            i = (i + 1) & m_mask;
        }
        m_slots[i] = {key, value};
        ++m_size;
        return {&m_slots[i].value, true};
    }
    /// Starts loading `key`'s slot into the cache; a batch of lookups whose
    /// slots were prefetched first waits for memory once, not per event.
    void prefetch(int64_t key) const {
        if (m_slots.empty()) return;
        const Slot* at = m_slots.data() + slot(key);
#if defined(__x86_64__)
        // GCC 12 drops a __builtin_prefetch whose result it sees unused here; the instruction itself stays.
        asm volatile("prefetcht0 %0" : : "m"(*at));
#else
        __builtin_prefetch(at);
#endif
    }

private:
    size_t slot(int64_t key) const {
        // The keys are HMAC bits already; one multiply spreads test ids (1, 2, 3…) too.
        return static_cast<size_t>((static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ULL) >> 20) & m_mask;
    }
    void grow() {
        std::vector<Slot, HugePageAllocator<Slot>> old = std::move(m_slots);
        const size_t capacity = old.empty() ? 64 : old.size() * 2;
        m_slots.assign(capacity, Slot{});
        m_mask = capacity - 1;
        m_size = 0;
        for (const Slot& s : old)
            if (s.key != 0) emplace(s.key, s.value);
    }

    /// Key and value side by side: a lookup is one cache miss, not two. A set's
    /// empty value takes no room, so its slot is the 8-byte key alone.
    struct Slot {
        int64_t key = 0;
        [[no_unique_address]] Value value{};
    };
    std::vector<Slot, HugePageAllocator<Slot>> m_slots;
    size_t m_mask = 0;
    size_t m_size = 0;
};

/// A set of viewer hashes.
class FlatIdSet {
public:
    /// True when `key` was new.
    bool insert(int64_t key) { return m_map.emplace(key, Empty{}).second; }
    bool contains(int64_t key) const { return m_map.find(key) != nullptr; }
    size_t size() const { return m_map.size(); }
    size_t bytes() const { return m_map.bytes(); }

private:
    struct Empty {};
    FlatIdMap<Empty> m_map;
};

} // namespace hawker::studio
