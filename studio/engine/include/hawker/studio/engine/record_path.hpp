#pragma once
// A recording is never overwritten: where this run's recording goes when the
// show file's path already holds one.

#include <ctime>
#include <filesystem>
#include <set>

namespace hawker::studio {

/// `path` with every "{time}" replaced by the local time `now` as
/// YYYYMMDD-HHMMSS (show-{time}.mkv: one file per show).
std::filesystem::path expandTimePattern(const std::filesystem::path& path, std::time_t now);

/// The file this run records to: `path` with {time} expanded; when that file
/// exists (or another output of the run took it) and `overwrite` is false,
/// the first free "stem-2.ext", "stem-3.ext", ... beside it.
std::filesystem::path chooseRecordPath(const std::filesystem::path& path, bool overwrite, std::time_t now,
                                       const std::set<std::filesystem::path>& taken = {});
/// A recording that starts again (an output stopped and started, a resumed
/// show) goes to a file of its own beside the first, which stays whole: the
/// first free "stem-partN.ext" with fromPart <= N <= lastPart (and N >= 2).
/// Throws std::runtime_error when every one exists: a recording is never
/// written over, so it does not start rather than reuse a name.
std::filesystem::path nextFreePart(const std::filesystem::path& first, int fromPart, int lastPart = 9999);

} // namespace hawker::studio
