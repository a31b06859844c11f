#pragma once
// SQLite has one write lock per file. A command waits for its audit and
// state rows to be durable before it is answered, while the event writer may
// be committing batch after batch; left alone, the busy handler can miss
// every gap between two batches and the operator's take waits seconds. While
// an urgent write is pending, bulk writers hold back their next transaction.

#include <chrono>

namespace hawker::studio {

/// Marks an urgent write as pending for its lifetime (nestable, any thread).
class UrgentWrite {
public:
    UrgentWrite();
    ~UrgentWrite();
    UrgentWrite(const UrgentWrite&) = delete;
    UrgentWrite& operator=(const UrgentWrite&) = delete;
};

/// A bulk writer calls this before each transaction: it returns once no
/// urgent write is pending, or after `limit` (bulk work is delayed, never
/// starved).
void yieldToUrgentWrites(std::chrono::milliseconds limit);

} // namespace hawker::studio
