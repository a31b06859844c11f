#pragma once
// Gives the heap's free pages back to the system during a long show.
//
// glibc keeps one arena per thread that allocates; a show has some thirty
// threads, and pictures of changing sizes (graphics, renditions, encoder
// buffers) are freed on a different thread from the one that made them. The
// freed pages stay mapped, so the resident size of a live show crept up by
// megabytes a minute while its heap in use stayed flat (measured with
// heaptrack: docs/PERFORMANCE.md, "Soak"). Trimming every arena now and then
// makes the resident size follow what the show really uses.

#include <cstdint>

namespace hawker::studio {

struct MemoryTrim {
    int64_t residentBeforeKb = 0, residentAfterKb = 0;
};

/// The process's resident set in KiB (from /proc/self/statm; 0 if unknown).
int64_t residentKb();

/// Returns every arena's free pages to the system (malloc_trim). It holds
/// each arena's lock briefly, so it runs off the program clock (the output
/// control thread calls it about twice a minute).
MemoryTrim returnFreeMemory();

} // namespace hawker::studio
