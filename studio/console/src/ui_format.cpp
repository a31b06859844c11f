#include "ui_format.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace hawker::studio::console {

std::string formatClock(double seconds) {
    if (!(seconds >= 0)) return "—";
    const long long total = static_cast<long long>(std::floor(seconds));
    char text[32];
    if (total >= 3600)
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
    else
        std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
    return text;
}

ImVec4 sourceStateColor(capture::SourceState state) {
    switch (state) {
    case capture::SourceState::Live:
        return kTextGood;
    case capture::SourceState::Connecting:
    case capture::SourceState::Stalled:
        return kTextWarn;
    case capture::SourceState::Ended:
        return kTextDim;
    default:
        return kTextBad;
    }
}

} // namespace hawker::studio::console
