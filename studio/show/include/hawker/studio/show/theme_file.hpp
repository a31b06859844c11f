#pragma once
// Reads a graphics theme (assets/themes/*.toml) into overlay::Theme.

#include <filesystem>

#include "hawker/overlay/theme.hpp"

namespace hawker::studio {

/// Throws ShowFileError naming the file and the field.
overlay::Theme loadTheme(const std::filesystem::path& path);

} // namespace hawker::studio
