// The show controller's commands about cameras and audio inputs: add one
// while the show runs (and remove it again), point one at another input
// (only of a kind the show's [security] allows), reconnect one now. The
// engine follows the published state on the compositor thread.

#include <algorithm>
#include <cctype>

#include "command_args.hpp"
#include "hawker/overlay/utf8.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/base/untrusted_text.hpp"
#include "hawker/studio/show/added_sources.hpp"
#include "hawker/studio/show/show_controller.hpp"
#include "hawker/studio/show/source_policy.hpp"

namespace hawker::studio {

using i18n::phraseArg;
using i18n::trKey;

using detail::arg;

namespace {

/// An input's URL and format as an operator typed them; an error otherwise.
std::optional<i18n::Phrase> checkInput(const std::string& command, const std::string& url,
                                       const std::string& format) {
    if (url.empty() || url.size() > 2048)
        return i18n::Phrase{trKey("answers.url_size"), {{"command", command}}};
    if (format.size() > 32) return i18n::Phrase{trKey("answers.format_size"), {{"command", command}}};
    if (hasControlBytes(url) || hasControlBytes(format))
        return i18n::Phrase{trKey("answers.url_control"), {{"command", command}}};
    return std::nullopt;
}

/// A well-formed input the show's [security] allows, checked once every
/// argument is (a malformed request is a 400 whatever its URL); the refusal otherwise.
std::optional<CommandResult> checkAllowed(const std::string& command, const std::string& url,
                                          const std::string& format, const SecuritySpec& security) {
    if (auto refused = refusedInput(url, format, security.sourceProtocols))
        return CommandResult::notAllowed(
            {trKey("answers.refused_input"), {{"command", command}, phraseArg("reason", *refused)}});
    // Accepted: its login stays masked wherever it is quoted from now on.
    registerUrlSecrets(url);
    return std::nullopt;
}

} // namespace

CommandResult ShowController::applySource(const Command& command, const Actor&, ShowState& state,
                                          int64_t programMs) {
    const std::string id = arg(command, "source");
    if (command.name == "source.add") {
        if (id.empty() || id.size() > 32 || !std::all_of(id.begin(), id.end(), [](unsigned char c) {
                return std::isalnum(c) || c == '-' || c == '_';
            }))
            return CommandResult::invalid({trKey("answers.source_id_form"), {}});
        // The id names the new scene too, so it must be free among both.
        if (hasInput(m_show, state, id) || hasScene(m_show, state, id))
            return CommandResult::conflict({trKey("answers.source_id_taken"), {{"source", id}}});
        const std::string url = arg(command, "url");
        const std::string format = arg(command, "format");
        if (auto error = checkInput(command.name, url, format)) return CommandResult::invalid(*error);
        const std::string name = arg(command, "name");
        if (name.size() > 64 || overlay::sanitizeUtf8(name) != name || hasControlBytes(name))
            return CommandResult::invalid({trKey("answers.source_name_form"), {}});
        // Graphics like the scene on program now, unless told: a card on air
        // stays on air when the new camera is taken.
        std::string slotsFrom = arg(command, "slots_from");
        if (slotsFrom.empty()) {
            const AddedSource* onProgram = findAddedSource(state, state.program);
            slotsFrom = onProgram ? onProgram->slotsFrom : state.program;
        }
        if (!m_show.findScene(slotsFrom))
            return CommandResult::invalid({trKey("answers.slots_from_unknown"), {{"scene", slotsFrom}}});
        if (auto refused = checkAllowed(command.name, url, format, m_show.security)) return *refused;
        if (m_show.sources.size() + state.addedSources.size() >= kMaxVideoSources)
            return CommandResult::conflict(
                {trKey("answers.too_many_cameras"), {{"count", std::to_string(kMaxVideoSources)}}});
        const std::string audio = arg(command, "audio");
        const bool withSound = audio == "true" || audio == "1";
        state.addedSources.push_back(AddedSource{id, url, format, name, slotsFrom, withSound});
        // Its strip starts at 0 dB, open: the operator pulls it up or down on the desk.
        if (withSound) state.audio[id] = AudioLevel{};
        timeline(TimelineRow::sourceChange(TimelineKind::SourceAdd, programMs, id));
        return CommandResult::done(
            {trKey("answers.source_added"), {{"source", id}, {"url", maskSecrets(url)}}});
    }
    if (command.name == "source.remove") {
        const AddedSource* added = findAddedSource(state, id);
        if (!added)
            return CommandResult::invalid({hasInput(m_show, state, id)
                                               ? trKey("answers.source_from_show_file")
                                               : trKey("answers.source_not_added"),
                                           {{"source", id}}});
        const bool onAir = state.program == id || state.preview == id ||
                           (state.active && (state.active->fromScene == id || state.active->toScene == id));
        if (onAir) return CommandResult::conflict({trKey("answers.source_scene_on_air"), {{"source", id}}});
        // A layout edited to show this camera in another scene would lose its picture.
        for (const SceneSpec& scene : liveScenes(m_show, state)) {
            if (scene.id == id) continue;
            const auto previewed = sceneInPreview(m_show, state, scene.id);
            for (const SceneSpec* shown : {&scene, &*previewed})
                for (const LayerSpec& layer : shown->layers)
                    if (layer.kind == LayerSpec::Kind::Source && layer.source == id)
                        return CommandResult::conflict(
                            {trKey("answers.source_shown_in"), {{"scene", scene.id}, {"source", id}}});
        }
        std::erase_if(state.addedSources, [&](const AddedSource& source) { return source.id == id; });
        // Its scene's edits go with it; undo steps of it are dropped when reached.
        state.layouts.draft.erase(id);
        state.layouts.onAir.erase(id);
        ++state.layouts.revision;
        state.audio.erase(id);
        state.sourceTargets.erase(id);
        state.sourceReconnects.erase(id);
        timeline(TimelineRow::sourceChange(TimelineKind::SourceRemove, programMs, id));
        return CommandResult::done({trKey("answers.source_removed"), {{"source", id}}});
    }
    if (!hasInput(m_show, state, id))
        return CommandResult::invalid(
            {trKey("answers.no_source"), {{"command", command.name}, {"source", id}}});
    if (command.name == "source.edit") {
        const std::string url = arg(command, "url");
        const std::string format = arg(command, "format");
        if (auto error = checkInput(command.name, url, format)) return CommandResult::invalid(*error);
        if (auto refused = checkAllowed(command.name, url, format, m_show.security)) return *refused;
        state.sourceTargets[id] = {url, format};
        ++state.sourceReconnects[id]; // the new input is opened at once
        timeline(TimelineRow::sourceChange(TimelineKind::SourceEdit, programMs, id));
        return CommandResult::done(
            {trKey("answers.source_now_reads"), {{"source", id}, {"url", maskSecrets(url)}}});
    }
    if (command.name == "source.reconnect") {
        ++state.sourceReconnects[id];
        timeline(TimelineRow::sourceChange(TimelineKind::SourceReconnect, programMs, id));
        return CommandResult::done({trKey("answers.source_reconnecting"), {{"source", id}}});
    }
    return CommandResult::invalid(
        {trKey("answers.unknown_command"), {{"command", quoteValue(command.name)}}});
}

} // namespace hawker::studio
