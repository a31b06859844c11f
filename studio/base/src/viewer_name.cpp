#include "hawker/studio/base/viewer_name.hpp"

#include "hawker/overlay/utf8.hpp"

namespace hawker::studio {

std::string maskViewerName(const std::string& name) {
    const auto codepoints = overlay::splitCodepoints(overlay::sanitizeUtf8(name));
    if (codepoints.empty()) return "***";
    if (codepoints.size() <= 2) return codepoints.front() + "***";
    return codepoints.front() + "***" + codepoints.back();
}

} // namespace hawker::studio
