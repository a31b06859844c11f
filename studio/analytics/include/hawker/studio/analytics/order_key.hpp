#pragma once
// An order id as a 64-bit key for the metrics' flat tables. A live show keeps
// every paid order it has counted (an order counts once, a refund finds its
// order); a node with a heap-allocated id string for each of them was the
// part of the live process that grew with every order. Two different ids of
// one session share a key with a probability of about n²/2⁶⁵ for n orders
// (below one in a million for five million orders).

#include <cstdint>
#include <string_view>

namespace hawker::studio {

/// A key for `orderId`, never 0 (0 marks an empty slot of FlatIdMap).
inline int64_t orderKey(std::string_view orderId) {
    // FNV-1a over the bytes, then a final avalanche so that ids differing in
    // their last digits spread over all 64 bits.
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : orderId) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h == 0 ? 1 : static_cast<int64_t>(h);
}

} // namespace hawker::studio
