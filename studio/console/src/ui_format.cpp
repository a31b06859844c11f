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

std::string taskLabel(const std::string& name) {
    // Task names are keys (the busy() checks compare them), so they stay as they are and are translated
    // only when shown: by the name, or by its first words with the subject (a source, an output) after.
    static const std::pair<const char*, const char*> kTasks[] = {
        {"starting the show", trKey("tasks.starting")},
        {"review clip thumbnails", trKey("tasks.clip_thumbnails")},
        {"review clip windows", trKey("tasks.clip_windows")},
        {"review export html", trKey("tasks.export_html")},
        {"review export csv", trKey("tasks.export_csv")},
        {"review note add", trKey("tasks.note_add")},
        {"review note edit", trKey("tasks.note_edit")},
        {"review note delete", trKey("tasks.note_delete")},
        {"review notes", trKey("tasks.notes")},
        {"review trend", trKey("tasks.trend")},
        {"review sessions", trKey("tasks.sessions")},
        {"review report", trKey("tasks.report")},
        {"rundown next", trKey("tasks.rundown")},
        {"rundown", trKey("tasks.rundown")},
        {"show stop", trKey("tasks.show_stop")},
        {"switch", trKey("tasks.switch")},
        {"layout", trKey("tasks.layout")},
        {"card", trKey("tasks.card")},
        {"offer", trKey("tasks.offer")},
        {"pin comment", trKey("tasks.comment")},
        {"comment", trKey("tasks.comment")},
        {"source.add", trKey("tasks.source_add")},
        {"approve ", trKey("tasks.approve")},
        {"reconnect ", trKey("tasks.reconnect")},
        {"output ", trKey("tasks.output")},
        {"audio ", trKey("tasks.audio")},
        {"alert ack ", trKey("tasks.alert_ack")},
        {"command ", trKey("tasks.command")},
    };
    for (const auto& [prefix, key] : kTasks) {
        const std::string_view head(prefix);
        if (head.back() == ' ' ? name.rfind(head, 0) == 0 : name == head)
            return head.back() == ' ' ? std::string(tr(key)) + " " + name.substr(head.size()) : tr(key);
    }
    return name;
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
    return tr(roleKey(role));
}

std::string formatMs(double value, int decimals) {
    return value < 0 ? std::string(kMissing) : formatNumber(value, decimals) + " ms";
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
