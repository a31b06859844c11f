#pragma once
// Reads a graphics theme (assets/themes/*.toml) into overlay::Theme.

#include <filesystem>

#include "hawker/overlay/theme.hpp"

namespace hawker::studio {

/// Throws ShowFileError naming the file and the field.
overlay::Theme loadTheme(const std::filesystem::path& path);

struct ShowSpec;
/// The theme a show's graphics use: its [graphics] theme file (else the
/// built-in default) with the show's own safe area and animation over it.
overlay::Theme loadShowTheme(const ShowSpec& show);

} // namespace hawker::studio
