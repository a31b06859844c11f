#pragma once
// A list as one line of text ("douyin, taobao"): for messages, logs and stored lists alike.

#include <string>
#include <vector>

namespace hawker::studio {

inline std::string joinedText(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : separator) + items[i];
    return out;
}

} // namespace hawker::studio
