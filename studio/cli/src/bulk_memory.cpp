// A 200,000-row order export is read, converted and stored in a few seconds,
// and on a virtual machine a good part of that went to first touching fresh
// memory: about a hundred thousand 4 KiB page faults, each a trap to the
// hypervisor. Backed by 2 MiB transparent huge pages the same work takes a few
// thousand (docs/PERFORMANCE.md, "Order import"). A live show does not do
// this: a huge page fault may compact memory first, a stall the program must
// not risk, so only the bulk commands ask for it.
//
// jemalloc (the program's malloc, studio/cli/CMakeLists.txt) gets its memory
// through per-arena "extent hooks"; each arena's hooks are wrapped so that
// every range it maps is advised MADV_HUGEPAGE, and otherwise behave as before.

#include "bulk_memory.hpp"

#include <string>

#include <jemalloc/jemalloc.h>
#include <sys/mman.h>

namespace hawker::studio {

namespace {

constexpr size_t kHugePage = size_t{2} << 20;

extent_hooks_t* g_defaultHooks = nullptr;
extent_hooks_t g_hugeHooks;

void* allocateAdvised(extent_hooks_t*, void* address, size_t size, size_t alignment, bool* zero, bool* commit,
                      unsigned arena) {
    void* range = g_defaultHooks->alloc(g_defaultHooks, address, size, alignment, zero, commit, arena);
    // Only a hint: a kernel that refuses it (THP "never") leaves 4 KiB pages.
    if (range && size >= kHugePage) madvise(range, size, MADV_HUGEPAGE);
    return range;
}

} // namespace

bool backBulkWorkWithHugePages() {
    // jemalloc serves allocations of 8 MiB and more from an arena of their
    // own, made at the first one: make it now, so that its hooks are wrapped too.
    // (jemalloc's own calls: a compiler may drop a malloc whose block is freed unused.)
    if (void* large = mallocx(kHugePage * 8, 0)) dallocx(large, 0);
    unsigned arenas = 0;
    size_t size = sizeof(arenas);
    if (mallctl("arenas.narenas", &arenas, &size, nullptr, 0) != 0) return false;
    bool any = false;
    for (unsigned i = 0; i < arenas; ++i) {
        const std::string hooks = "arena." + std::to_string(i) + ".extent_hooks";
        extent_hooks_t* current = nullptr;
        size = sizeof(current);
        if (mallctl(hooks.c_str(), &current, &size, nullptr, 0) != 0 || !current) continue;
        if (!g_defaultHooks) {
            g_defaultHooks = current;
            g_hugeHooks = *current;
            g_hugeHooks.alloc = allocateAdvised;
        }
        if (current != g_defaultHooks) continue; // an arena with hooks of its own is left alone
        extent_hooks_t* advised = &g_hugeHooks;
        any = mallctl(hooks.c_str(), nullptr, nullptr, &advised, sizeof(advised)) == 0 || any;
    }
    return any;
}

} // namespace hawker::studio
