#pragma once
// Reads a session's events in processing order on a thread of its own and
// hands them over in batches, so decoding SQLite rows and counting them run
// on two cores at once (a long report is half one, half the other).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "hawker/studio/store/viewer_event.hpp"

namespace hawker::studio {

/// Calls `consume` on the calling thread with consecutive batches of every
/// event of `session` with fromTs <= ts <= toTs, in processing order. The
/// rows are read by a second connection to `database` on another thread.
/// Rethrows the reader's error, if any, after the last batch.
void replayEvents(const std::filesystem::path& database, int64_t session, int64_t fromTs, int64_t toTs,
                  const std::function<void(const std::vector<ViewerEvent>&)>& consume);

} // namespace hawker::studio
