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

} // namespace hawker::studio
