#pragma once
// Replacing a file so that a crash or a full disk leaves either the old file
// or the new one, never a mix: the new text goes to a temporary file beside
// it, is synced, and is renamed over the old one, and the folder is synced.

#include <filesystem>
#include <string_view>
#include <sys/types.h>

namespace hawker::studio {

/// Writes `text` to `file` as above, with permissions `mode`. Throws
/// std::runtime_error naming the file; the old file is then untouched.
void replaceFileDurably(const std::filesystem::path& file, std::string_view text, mode_t mode);

} // namespace hawker::studio
