#include "hawker/studio/engine/show_session.hpp"

#include "hawker/studio/base/joined_text.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/show/show_state_json.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "hawker/studio/store/write_urgency.hpp"

namespace hawker::studio {

namespace {
constexpr auto kDurableTimeout = std::chrono::milliseconds(3000);
/// While the database is known not to take writes, a command waits only this
/// long for its rows: the desk stays responsive (a hotkey waits for the
/// previous switch's answer), and a retry that lands within it still counts.
constexpr auto kDurableTimeoutWhileFailing = std::chrono::milliseconds(500);

/// The answer to a command that changed the program but whose rows are not
/// in the database: it must not be sent again. Shown in the console's status
/// bar, so in Chinese and English.
i18n::Phrase notStoredMessage(const std::string& name, const CommandResult& result, const StoreHealth& health,
                              bool lost) {
    if (lost)
        return {i18n::trKey("answers.not_stored_lost"),
                {{"command", name}, i18n::phraseArg("answer", result.said)}};
    i18n::Phrase why = health.writable
                           ? i18n::Phrase{i18n::trKey("answers.not_confirmed"),
                                          {{"seconds", std::to_string(kDurableTimeout.count() / 1000)}}}
                           : i18n::Phrase{i18n::trKey("answers.not_writable"), {{"error", health.error}}};
    return {
        i18n::trKey("answers.not_stored_yet"),
        {{"command", name}, i18n::phraseArg("answer", result.said), i18n::phraseArg("why", std::move(why))}};
}

std::string targetsJson(const SessionTargets& targets) {
    nlohmann::json out = nlohmann::json::object();
    if (targets.gmvCents) out["gmv_cents"] = *targets.gmvCents;
    if (targets.uv) out["uv"] = *targets.uv;
    if (targets.conversionRate) out["conversion_rate"] = *targets.conversionRate;
    if (!targets.units.empty()) out["units"] = targets.units;
    return out.dump();
}

} // namespace

ShowSession::ShowSession(const ShowSpec& show, const EngineOptions& options, ShowController& controller,
                         ProgramLinks links)
    : m_show(show), m_options(options), m_controller(controller) {
    // Buyers are hashed with the installation's key, so per-buyer limits hold
    // across a restart; without a writable key the run uses a random one.
    try {
        const auto keyPath =
            m_options.viewerKey.empty() ? ViewerHasher::defaultKeyPath() : m_options.viewerKey;
        m_hasher = std::make_shared<const ViewerHasher>(ViewerHasher::fromKeyFile(keyPath));
    } catch (const std::exception& error) {
        if (m_options.resume) throw;
        logWarning(std::string(error.what()) + "; buyers are hashed with a key for this run only");
        m_hasher = std::make_shared<const ViewerHasher>(ViewerHasher::withRandomKey());
    }
    m_controller.setViewerHasher(m_hasher);
    if (m_options.database.empty()) {
        if (m_options.resume || m_options.session)
            throw std::runtime_error("--resume and --session need --db");
        return;
    }
    // The show is a session: every cut, card, offer and output event and
    // every command lands in the file as it happens.
    Database db(m_options.database);
    SessionStore sessions(db);
    open(sessions);
    openAnalytics(sessions, std::move(links));
    logInfo("session " + std::to_string(m_sessionId) + " live in " + m_options.database.string());
}

ShowSession::~ShowSession() = default;

void ShowSession::open(SessionStore& sessions) {
    const std::string title = m_show.session.title.empty() ? m_show.name : m_show.session.title;
    if (m_options.resume) {
        const ResumePoint point = sessions.resumePoint(*m_options.resume);
        m_logins = std::make_unique<SourceLogins>(m_options.database, point.session.id);
        if (point.stateJson) {
            ShowState restored = restoreState(nlohmann::json::parse(*point.stateJson), m_show);
            for (const std::string& id : m_logins->restoreInto(restored))
                logWarning("source " + id + ": its login was not kept in " +
                           SourceLogins::fileFor(m_options.database).string() +
                           "; give it again with source.edit");
            m_controller.restore(std::move(restored));
        }
        m_resumeGapMs = std::max<int64_t>(0, nowUtcMs() - point.lastSeenUtcMs);
        // The program clock goes on across the gap, so the timeline shows it
        // and a flash sale keeps its wall-clock end.
        m_programOffsetMs = point.lastProgramMs + m_resumeGapMs;
        m_sessionId = point.session.id;
    } else if (m_options.session) {
        m_sessionId = sessions.goLive(*m_options.session).id;
    } else {
        m_sessionId = sessions.create(title, m_show.session.tag, nowUtcMs(), m_options.rehearsal).id;
    }
    if (!m_show.session.host.empty()) sessions.setHost(m_sessionId, m_show.session.host);
    sessions.setPlan(m_sessionId, joinedText(m_show.session.platforms, ","),
                     targetsJson(m_show.session.targets));
    sessions.setOffers(m_sessionId, m_show.coupons, m_show.promotions);
    sessions.setRundown(m_sessionId, m_show.rundown, m_show.products);
    for (const Session& other : sessions.live()) {
        if (other.id == m_sessionId) continue;
        m_resumable.push_back({other.id, other.title, other.lastSeenUtcMs.value_or(0)});
        logWarning("session " + std::to_string(other.id) + " '" + other.title +
                   "' was live when its show stopped; resume it with --resume " + std::to_string(other.id) +
                   ", or end it with hawker session end --session " + std::to_string(other.id));
    }
    if (!m_logins) m_logins = std::make_unique<SourceLogins>(m_options.database, m_sessionId);
    m_onAirLog = std::make_unique<OnAirLog>(m_options.database, m_sessionId);
    m_onAirLog->heartbeat(m_programOffsetMs);
    if (m_options.resume) {
        m_onAirLog->timeline(
            TimelineRow::sessionResumed(m_programOffsetMs, m_resumeGapMs, m_programOffsetMs - m_resumeGapMs));
        logInfo("session " + std::to_string(m_sessionId) + " resumed after a gap of " +
                std::to_string(m_resumeGapMs) + " ms");
    }
}

void ShowSession::openAnalytics(SessionStore& sessions, ProgramLinks links) {
    const std::optional<Session> session = sessions.find(m_sessionId);
    m_startUtcMs = session && session->startUtcMs ? *session->startUtcMs : nowUtcMs();
    LiveAnalyticsConfig config;
    config.sessionId = m_sessionId;
    config.startUtcMs = m_startUtcMs;
    config.targetsJson = session ? session->targetsJson : "{}";
    for (const SegmentSpec& segment : m_show.rundown)
        config.plannedSeconds += segment.plannedSeconds;
    if (config.plannedSeconds <= 0) config.plannedSeconds = m_options.durationSeconds;
    config.rules = m_show.alerts;
    // Whether the show is being stored is watched in every show, whatever its
    // own [[alerts]] say: it decides whether commands are acknowledged.
    if (std::none_of(config.rules.begin(), config.rules.end(),
                     [](const AlertRuleSpec& rule) { return rule.kind == AlertKind::Database; })) {
        AlertRuleSpec database;
        database.id = "database";
        database.kind = AlertKind::Database;
        config.rules.push_back(database);
    }
    for (size_t i = 0; i < m_show.rundown.size(); ++i) {
        const SegmentSpec& s = m_show.rundown[i];
        config.plan.push_back({static_cast<int>(i + 1), toString(s.kind), s.title, s.sku, s.plannedSeconds});
    }
    if (m_options.simulateAudience || m_show.audience.simulate) {
        SimulatorConfig simulator;
        simulator.seed = m_options.audienceSeed.value_or(m_show.audience.seed);
        simulator.arrivalsPerMinute = m_show.audience.arrivalsPerMinute;
        simulator.idPrefix = "sim" + std::to_string(m_sessionId);
        simulator.platform = m_show.session.platforms.empty() ? "douyin" : m_show.session.platforms.front();
        for (const ProductSpec& product : m_show.products)
            simulator.products.push_back({product.sku, product.priceCents});
        config.simulator = std::move(simulator);
    }
    m_ingest = std::make_unique<EventIngest>(m_options.database, m_hasher);
    m_analytics = std::make_unique<LiveAnalytics>(
        std::move(config), m_show, *m_ingest, m_options.database, std::move(links.execute),
        [status = std::move(links.status)] {
            LiveHealth health;
            const EngineStatus program = status();
            // Idle (not opened yet) and Connecting (the first try, which
            // times out into Reconnecting) are how every output starts: only
            // a lost or failed one is an alert.
            for (const auto& output : program.outputs) {
                if (output.state == capture::OutputState::Reconnecting)
                    health.unhealthyOutputs.push_back(output.id + ":" + toString(output.state));
                else if (output.state == capture::OutputState::Failed) // say why: "disk full"
                    health.unhealthyOutputs.push_back(
                        output.id + ":" + toString(output.state) +
                        (output.lastError.empty() ? "" : " (" + output.lastError + ")"));
            }
            for (const auto& source : program.sources)
                if (source.state != capture::SourceState::Live) health.lostSources.push_back(source.id);
            health.droppedFrames = program.dropped;
            health.laggedFrames = program.lagged;
            if (program.programAudio) {
                AudioHealth audio;
                audio.momentaryLufs = program.programAudio->loudness.momentaryLufs;
                audio.overs["program"] = program.programAudio->overTicks;
                for (const auto& input : program.audioInputs)
                    audio.overs[input.id] = input.overTicks;
                health.audio = std::move(audio);
            }
            for (const ProfileDrift& drift : program.offProfile)
                health.offProfile.push_back(drift.output + ": " + drift.why);
            if (program.database && !program.database->writable)
                health.database = program.database->error + "; " +
                                  std::to_string(program.database->waitingRows) + " rows waiting";
            return health;
        });
    m_ingest->setListener([this](int64_t eventsSession, const std::vector<ViewerEvent>& fresh) {
        if (eventsSession == m_sessionId && m_analytics) m_analytics->onEvents(fresh);
    });
    m_ingest->setResolveListener(
        [this](int64_t eventsSession, const ViewerEvent& pending, const std::vector<ViewerEvent>& lines) {
            if (eventsSession == m_sessionId && m_analytics) m_analytics->onOrderResolved(pending, lines);
        });
    if (config.simulator)
        logInfo("a simulated audience watches this session (seed " +
                std::to_string(m_options.audienceSeed.value_or(m_show.audience.seed)) + ")");
}

void ShowSession::persistState(const ShowState& state, int64_t programMs) {
    if (!m_onAirLog) return;
    m_onAirLog->heartbeat(programMs);
    if (state.version == m_persistedVersion) return;
    m_persistedVersion = state.version;
    // Commands from the API and the console have kept their logins already
    // (executeDurably() below); this writes the file only for a cue's source.add.
    m_logins->keep(state);
    m_onAirLog->saveState(state.version, programMs, storedStateJson(state), state.coupons);
}

CommandResult ShowSession::executeDurably(const Command& command, const Actor& actor, int64_t nowMs) {
    // Rows are dropped only at the on-air log's memory bound, and then every
    // new one is: a count that moves while this command queues its audit row
    // means that row is lost.
    const uint64_t lostBefore = m_onAirLog ? m_onAirLog->lost() : 0;
    CommandResult result = m_controller.execute(command, actor, nowMs);
    if (!m_onAirLog) return result;
    const UrgentWrite urgent; // viewer events wait while this command's rows are stored
    const auto state = m_controller.snapshot();
    // A camera's login goes beside the database, never into it.
    m_logins->keep(*state);
    const uint64_t sequence =
        m_onAirLog->saveState(state->version, nowMs, storedStateJson(*state), state->coupons);
    const bool lost = m_onAirLog->lost() != lostBefore;
    const auto timeout = m_onAirLog->health().writable ? kDurableTimeout : kDurableTimeoutWhileFailing;
    const auto waitStart = std::chrono::steady_clock::now();
    const bool stored = !lost && m_onAirLog->waitDurable(sequence, timeout);
    const auto waited =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - waitStart)
            .count();
    if (stored && waited >= 200)
        logWarning("command " + command.name + " waited " + std::to_string(waited) + " ms for the database");
    if (stored) return result;
    const StoreHealth health = m_onAirLog->health();
    // A refusal changed nothing: it stays the answer (its audit row follows
    // when the database takes it).
    if (!result.ok) {
        logWarning("command " + command.name + " was refused and its audit row is not stored yet");
        return result;
    }
    logWarning("command " + command.name + " took effect but is not stored" +
               (lost ? " (dropped at the on-air log's memory bound)" : ": " + health.error));
    return CommandResult::notDurable(notStoredMessage(command.name, result, health, lost));
}

void ShowSession::timeline(const TimelineRow& row) {
    if (m_onAirLog) m_onAirLog->timeline(row);
    if (m_analytics) m_analytics->onTimeline(row);
}

void ShowSession::audit(const AuditEntry& entry) {
    if (m_onAirLog) m_onAirLog->audit(entry);
}

std::optional<StoreHealth> ShowSession::health() const {
    std::lock_guard lock(m_onAirLogMutex);
    if (m_onAirLog) return m_onAirLog->health();
    return std::nullopt;
}

void ShowSession::finish(int64_t sessionEndUtcMs) {
    // The simulated audience leaves and its last orders sell before the
    // on-air log closes; the analytics stay readable for the summary. The
    // live numbers and the stored session end at the same instant, so the
    // report computed later gives the same figures.
    if (m_analytics) m_analytics->finish(sessionEndUtcMs - m_startUtcMs);
    if (!m_onAirLog) return;
    // A flash sale still running ends with the show; its timeline row says how many sold.
    m_controller.endRunningOffers(sessionEndUtcMs - m_startUtcMs);
    m_onAirLog->close();
    {
        std::lock_guard lock(m_onAirLogMutex);
        m_onAirLog.reset();
    }
    try {
        Database db(m_options.database);
        SessionStore(db).end(m_sessionId, sessionEndUtcMs);
    } catch (const std::exception& error) {
        logError("session " + std::to_string(m_sessionId) + " could not be ended: " + error.what());
    }
}

} // namespace hawker::studio
