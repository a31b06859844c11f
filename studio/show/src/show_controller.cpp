#include "hawker/studio/show/show_controller.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "hawker/studio/base/log.hpp"
#include "hawker/studio/base/quoted_text.hpp"
#include "hawker/studio/show/added_sources.hpp"
#include "hawker/studio/show/command_table.hpp"

namespace hawker::studio {

using i18n::phraseArg;
using i18n::trKey;

namespace {
/// A hidden graphic stays in the state this long, so its out-animation can play.
constexpr int64_t kGraphicLingerMs = 1000;
} // namespace

ShowController::ShowController(const ShowSpec& show)
    : m_show(show), m_hasher(std::make_shared<const ViewerHasher>(ViewerHasher::withRandomKey())) {
    ShowState state;
    state.program = show.programScene;
    state.preview = show.previewScene;
    state.transition = show.transition;
    state.transitionMs = show.transitionMs;
    for (const auto* inputs : {&show.sources, &show.audioInputs})
        for (const SourceSpec& input : *inputs)
            if (input.audio) state.audio[input.id] = input.mix;
    m_snapshot = std::make_shared<const ShowState>(state);
}

void ShowController::timeline(const TimelineRow& row) {
    if (m_timeline) m_timeline(row);
}

void ShowController::setAuditHook(std::function<void(const AuditEntry&)> hook) {
    std::lock_guard lock(m_mutex);
    m_auditHook = std::move(hook);
}

void ShowController::setTimelineHook(TimelineHook hook) {
    std::lock_guard lock(m_mutex);
    m_timeline = std::move(hook);
}

void ShowController::publish(ShowState state) {
    state.version = m_snapshot.load()->version + 1;
    m_snapshot.store(std::make_shared<const ShowState>(std::move(state)));
}

void ShowController::setViewerHasher(std::shared_ptr<const ViewerHasher> hasher) {
    std::lock_guard lock(m_mutex);
    m_hasher = std::move(hasher);
}

void ShowController::restore(ShowState state) {
    std::lock_guard lock(m_mutex);
    publish(std::move(state));
}

CommandResult ShowController::apply(const Command& command, const Actor& actor, ShowState& state,
                                    int64_t programMs) {
    const CommandSpec* spec = findCommand(command.name);
    if (!spec)
        return CommandResult::invalid(
            {trKey("answers.unknown_command"), {{"command", quoteValue(command.name)}}});
    if (!(spec->roles & roleBit(actor.role)))
        return CommandResult::notAllowed({trKey("answers.role_may_not_run"),
                                          {{"role", roleKey(actor.role), true}, {"command", command.name}}});
    Command checked = command;
    if (auto problem = checkArguments(*spec, checked)) return CommandResult::invalid(*problem);
    return (this->*spec->handler)(checked, actor, state, programMs);
}

CommandResult ShowController::applySwitcher(const Command& command, const Actor&, ShowState& state,
                                            int64_t programMs) {
    auto needScene = [&](const std::string& id) -> std::optional<CommandResult> {
        if (!hasScene(m_show, state, id))
            return CommandResult::invalid(
                {trKey("answers.no_scene"), {{"command", command.name}, {"scene", quoteValue(id)}}});
        return std::nullopt;
    };
    // A new switch while a fade is running finishes that fade first.
    auto finishActive = [&] { state.active.reset(); };

    if (command.name == "preview") {
        if (auto error = needScene(command.scene)) return *error;
        state.preview = command.scene;
        return CommandResult::done({trKey("answers.preview"), {{"scene", command.scene}}});
    }
    if (command.name == "take") {
        finishActive();
        // A take that names no transition uses the incoming scene's own, else the show's current one.
        const SceneSpec* incoming = m_show.findScene(state.preview);
        const TransitionKind kind = command.transition.value_or(
            incoming && incoming->transition ? *incoming->transition : state.transition);
        if (kind == TransitionKind::Stinger && !m_show.stinger)
            return CommandResult::invalid({trKey("answers.no_stinger"), {{"command", "take"}}});
        // A stinger lasts as long as its clip; a fade as long as asked.
        const int duration = kind == TransitionKind::Stinger
                                 ? m_show.stinger->durationMs
                                 : command.transitionMs.value_or(state.transitionMs);
        const std::string from = state.program;
        std::swap(state.program, state.preview);
        // The layout edited on the preview goes on air with it.
        if (auto draft = state.layouts.draft.find(state.program); draft != state.layouts.draft.end()) {
            state.layouts.onAir[state.program] = draft->second;
            state.layouts.draft.erase(draft);
            ++state.layouts.revision;
        }
        if (kind != TransitionKind::Cut && duration > 0 && from != state.program)
            state.active = ActiveTransition{from, state.program, kind, programMs, duration};
        timeline(TimelineRow::program(programMs, state.program, kind));
        return CommandResult::done({trKey("answers.take"), {{"scene", state.program}}});
    }
    if (command.name == "cut") {
        if (auto error = needScene(command.scene)) return *error;
        finishActive();
        state.program = command.scene;
        timeline(TimelineRow::program(programMs, state.program, TransitionKind::Cut));
        return CommandResult::done({trKey("answers.cut"), {{"scene", command.scene}}});
    }
    // transition
    if (command.transition == TransitionKind::Stinger && !m_show.stinger)
        return CommandResult::invalid({trKey("answers.no_stinger"), {{"command", "transition"}}});
    if (command.transition) state.transition = *command.transition;
    if (command.transitionMs) state.transitionMs = *command.transitionMs;
    return CommandResult::done(
        {trKey("answers.transition"),
         {{"kind", labelKey(state.transition), true}, {"ms", std::to_string(state.transitionMs)}}});
}

CommandResult ShowController::applyAudio(const Command& command, const Actor&, ShowState& state, int64_t) {
    // The table checked the arguments' form (db a number -60..24, muted a flag).
    const std::string& input = command.args.at("input");
    auto level = state.audio.find(input);
    if (level == state.audio.end())
        return CommandResult::invalid(
            {trKey("answers.no_audio_input"), {{"command", command.name}, {"input", quoteValue(input)}}});
    auto flag = [&](const char* name) {
        const std::string& value = command.args.at(name);
        return value == "true" || value == "1";
    };
    AudioLevel& strip = level->second;
    if (command.name == "audio.gain") {
        const std::string& db = command.args.at("db");
        strip.gainDb = std::strtof(db.c_str(), nullptr);
        return CommandResult::done(
            {trKey("answers.audio_gain"), {{"input", level->first}, {"db", shortened(db)}}});
    }
    if (command.name == "audio.solo") {
        strip.solo = flag("solo");
        return CommandResult::done(
            {strip.solo ? trKey("answers.audio_soloed") : trKey("answers.audio_unsoloed"),
             {{"input", level->first}}});
    }
    if (command.name == "audio.delay") {
        strip.delayMs = std::stoi(command.args.at("ms"));
        return CommandResult::done(
            {trKey("answers.audio_delay"), {{"input", level->first}, {"ms", std::to_string(strip.delayMs)}}});
    }
    if (command.name == "audio.gate") {
        strip.gate = flag("on");
        if (auto threshold = command.args.find("threshold_db"); threshold != command.args.end())
            strip.gateThresholdDb = std::strtof(threshold->second.c_str(), nullptr);
        // printf, not figures::formatNumber: the show layer's fuzz harness builds without base's figures.
        char threshold[32];
        std::snprintf(threshold, sizeof threshold, "%.1f dBFS", static_cast<double>(strip.gateThresholdDb));
        return CommandResult::done(
            {strip.gate ? trKey("answers.audio_gate_on") : trKey("answers.audio_gate_off"),
             {{"input", level->first}, {"threshold", threshold}}});
    }
    strip.muted = flag("muted");
    return CommandResult::done({strip.muted ? trKey("answers.audio_muted") : trKey("answers.audio_unmuted"),
                                {{"input", level->first}}});
}

CommandResult ShowController::execute(const Command& command, const Actor& actor, int64_t programMs) {
    std::lock_guard lock(m_mutex);
    ShowState next = *m_snapshot.load();
    m_asker = actor.who;
    CommandResult result = apply(command, actor, next, programMs);
    if (result.ok) {
        result.failure = CommandResult::Failure::None;
        publish(std::move(next));
    }
    const int64_t utcMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    // The name and scene are what the sender typed: only their start goes into
    // the audit entry and the log line, like any quoted value.
    // The scene comes typed from cues and the console, as an argument from the API.
    const auto sceneArg = command.args.find("scene");
    const std::string& scene =
        !command.scene.empty() || sceneArg == command.args.end() ? command.scene : sceneArg->second;
    const std::string what = shortened(command.name) + (scene.empty() ? "" : " " + shortened(scene));
    m_audit.push({utcMs, programMs, actor, what, result.ok, result.message});
    if (m_auditHook) m_auditHook(m_audit.newest());
    logLine(result.ok ? LogLevel::Info : LogLevel::Warning,
            "command " + what + " by " + actor.who + " (" + toString(actor.role) + ") at t=" +
                std::to_string(programMs) + "ms: " + (result.ok ? "ok" : "refused: " + result.message));
    return result;
}

void ShowController::endRunningOffers(int64_t programMs) {
    std::lock_guard lock(m_mutex);
    ShowState next = *m_snapshot.load();
    bool changed = false;
    for (auto& [slot, offer] : next.offers) {
        if (offer.phase != OfferState::Phase::PreLaunch && offer.phase != OfferState::Phase::OnSale) continue;
        offer.phase = OfferState::Phase::Ended;
        offer.endAtMs = programMs;
        timeline(TimelineRow::offerEnded(programMs, offer.id, OfferEnd::ShowEnded, offer.remaining));
        changed = true;
    }
    if (changed) publish(std::move(next));
}

void ShowController::settle(int64_t programMs) {
    const auto current = snapshot();
    // Cheap check first: most ticks change nothing.
    bool due = current->active && current->active->progress(programMs) >= 1.0;
    for (const auto& [slot, offer] : current->offers) {
        due = due || (offer.phase == OfferState::Phase::PreLaunch && programMs >= offer.launchAtMs) ||
              (offer.phase == OfferState::Phase::OnSale && programMs >= offer.endAtMs);
        if (offer.phase == OfferState::Phase::PreLaunch) {
            auto live = current->live.find(offer.sku);
            due = due || (live != current->live.end() && live->second.stock == 0);
        }
    }
    for (const OfferSpec& offer : m_show.offers)
        due = due || (offer.startAtSeconds && !current->scheduledStarted.count(offer.id) &&
                      programMs >= std::llround(*offer.startAtSeconds * 1000));
    for (const auto& [slot, graphic] : current->graphics)
        due = due || (graphic.hiddenAtMs && programMs >= *graphic.hiddenAtMs + kGraphicLingerMs);
    const RundownState& rundown = current->rundown;
    if (rundown.current >= 0 && !rundown.overrunLogged)
        due = due || programMs - rundown.segmentStartMs >
                         m_show.rundown[static_cast<size_t>(rundown.current)].plannedSeconds * 1000LL;
    if (!due) return;

    std::unique_lock lock(m_mutex);
    ShowState next = *m_snapshot.load();
    if (next.active && next.active->progress(programMs) >= 1.0) next.active.reset();
    settleOffers(next, programMs);
    std::erase_if(next.graphics, [&](const auto& entry) {
        return entry.second.hiddenAtMs && programMs >= *entry.second.hiddenAtMs + kGraphicLingerMs;
    });
    if (next.rundown.current >= 0 && !next.rundown.overrunLogged) {
        const SegmentSpec& segment = m_show.rundown[static_cast<size_t>(next.rundown.current)];
        if (programMs - next.rundown.segmentStartMs > segment.plannedSeconds * 1000LL) {
            next.rundown.overrunLogged = true;
            logWarning("rundown: segment " + std::to_string(next.rundown.current + 1) + " (" + segment.title +
                       ") is over its planned " + std::to_string(segment.plannedSeconds) + " s");
            timeline(TimelineRow::segmentOverrun(programMs, next.rundown.current + 1, segment.title,
                                                 segment.plannedSeconds));
        }
    }
    // Scheduled flash sales start as commands of the automation, so they are
    // audited and gated like an operator's; each is tried once.
    std::vector<const OfferSpec*> dueOffers;
    for (const OfferSpec& offer : m_show.offers)
        if (offer.startAtSeconds && !next.scheduledStarted.count(offer.id) &&
            programMs >= std::llround(*offer.startAtSeconds * 1000)) {
            dueOffers.push_back(&offer);
            next.scheduledStarted.insert(offer.id);
        }
    publish(std::move(next));
    lock.unlock();
    for (const OfferSpec* offer : dueOffers)
        execute(Command::named("offer.start", {{"offer", offer->id}, {"scheduled", "1"}}),
                Actor{"schedule", Role::Automation}, programMs);
}

std::vector<AuditEntry> ShowController::audit(size_t newest) const {
    std::lock_guard lock(m_mutex);
    return m_audit.newest(newest);
}

} // namespace hawker::studio
