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

const char* sourceStateLabel(capture::SourceState state) {
    switch (state) {
    case capture::SourceState::Connecting:
        return tr("sources.state_connecting");
    case capture::SourceState::Live:
        return tr("sources.state_live");
    case capture::SourceState::Stalled:
        return tr("sources.state_stalled");
    case capture::SourceState::Lost:
        return tr("sources.state_lost");
    case capture::SourceState::Ended:
        return tr("sources.state_ended");
    }
    return tr("sources.state_lost");
}

const char* roleLabel(Role role) {
    switch (role) {
    case Role::Operator:
        return tr("roles.operator");
    case Role::Host:
        return tr("roles.host");
    case Role::Merchandiser:
        return tr("roles.merchandiser");
    case Role::Ingest:
        return tr("roles.ingest");
    case Role::Automation:
        return tr("roles.automation");
    }
    return tr("roles.operator");
}

std::string compactCount(int64_t value) {
    return figures::formatCompactCount(value, i18n::currentLanguage());
}

std::string compactYuan(double cents) {
    return figures::formatYuanShort(cents, i18n::currentLanguage());
}

void exactCountTooltip(int64_t value) {
    if (figures::isCompacted(value, i18n::currentLanguage()) && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", formatCount(value).c_str());
}

void exactYuanTooltip(double cents) {
    if (compactYuan(cents) != formatYuan(cents) && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", formatYuan(cents).c_str());
}

} // namespace hawker::studio::console
