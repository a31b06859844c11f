#pragma once
// Huge pages for a one-off bulk job of the hawker command (an order export
// import): see bulk_memory.cpp.

namespace hawker::studio {

/// From now on, memory the allocator takes from the system for this process
/// is backed by transparent huge pages where the kernel allows it (its
/// "madvise" mode). False when the allocator does not take the hint.
bool backBulkWorkWithHugePages();

} // namespace hawker::studio
