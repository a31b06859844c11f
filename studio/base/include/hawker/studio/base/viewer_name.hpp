#pragma once
// A viewer's display name as Hawker may show or keep it: masked, so a pinned
// comment or a report never carries who the viewer is.

#include <string>

namespace hawker::studio {

/// "小鹿乱撞8" → "小***8": first and last character kept, the rest hidden.
std::string maskViewerName(const std::string& name);

} // namespace hawker::studio
