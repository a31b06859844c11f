#pragma once
// How glibc's malloc is set up for a live show (run, demo, gui): a process
// that runs for hours must keep its memory flat.

namespace hawker::studio {

/// Large blocks (video frames, encoder and scaler buffers) always come from
/// mmap and go back to the system when freed, and the threads share two
/// malloc arenas. Left alone, glibc raises its mmap threshold to the size of
/// the largest block freed, so frame-sized blocks were then carved from the
/// per-thread arenas, which kept the freed space between longer-lived small
/// blocks: the process grew by 1–3 MB a minute while the memory in use did
/// not (docs/PERFORMANCE.md). Nothing is changed when the environment sets
/// malloc itself (GLIBC_TUNABLES, MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_):
/// that is how the two are compared.
void settleAllocatorForLiveShow();

} // namespace hawker::studio
