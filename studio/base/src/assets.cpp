#include "hawker/studio/base/assets.hpp"

#include <cstdlib>

namespace hawker::studio {

std::filesystem::path assetsDir() {
    if (const char* env = std::getenv("HAWKER_ASSETS"); env && *env) return env;
    return HAWKER_ASSETS_DIR;
}

} // namespace hawker::studio
