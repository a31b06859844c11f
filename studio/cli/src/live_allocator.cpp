#include "live_allocator.hpp"

#include <cstdlib>
#include <initializer_list>

#include <malloc.h>

namespace hawker::studio {

namespace {
/// Blocks from this size up are mapped on their own (glibc's starting default).
constexpr int kMmapThresholdBytes = 256 * 1024;
constexpr int kArenas = 2;
} // namespace

void settleAllocatorForLiveShow() {
    for (const char* variable : {"GLIBC_TUNABLES", "MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_"})
        if (std::getenv(variable)) return;
    // Setting the threshold also turns off glibc's raising it; both calls only
    // fail for values out of range, which these are not.
    mallopt(M_MMAP_THRESHOLD, kMmapThresholdBytes);
    mallopt(M_ARENA_MAX, kArenas);
}

} // namespace hawker::studio
