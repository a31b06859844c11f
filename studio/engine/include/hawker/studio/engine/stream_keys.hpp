#pragma once
// Stream keys come from the environment or a secrets file, never from the
// show file; they are registered with the log so they are masked everywhere.

#include <string>

#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

struct ResolvedTarget {
    std::string url;     ///< what FFmpeg connects to (key included)
    std::string display; ///< the same with the key masked
};

/// The full URL of a network output; throws std::runtime_error when its key
/// is configured but cannot be found.
ResolvedTarget resolveOutputTarget(const OutputSpec& output);

} // namespace hawker::studio
