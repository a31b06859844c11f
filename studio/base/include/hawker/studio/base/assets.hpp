#pragma once
// Where the shipped assets (demo show, fonts config, themes) are found.

#include <filesystem>

namespace hawker::studio {

/// $HAWKER_ASSETS if set, else the source tree's assets/ (compiled in).
std::filesystem::path assetsDir();

} // namespace hawker::studio
