#include "ui_format.hpp"

namespace hawker::studio::console {

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
