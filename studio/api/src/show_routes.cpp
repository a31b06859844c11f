#include <algorithm>
#include <cmath>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "hawker/studio/show/added_sources.hpp"
#include "hawker/studio/show/show_state_json.hpp"
#include "routes.hpp"

namespace hawker::studio::api_routes {

using nlohmann::json;

namespace {

json encodeJson(const EncodeStatus& e) {
    return {{"id", e.id},
            {"outputs", e.outputs},
            {"width", e.settings.width},
            {"height", e.settings.height},
            {"video_kbps", e.settings.bitrateKbps},
            {"keyint_s", e.settings.keyintSeconds},
            {"profile", e.settings.profile},
            {"preset", e.settings.preset},
            {"threads", e.settings.threads},
            {"audio_kbps", e.settings.audioKbps},
            {"scaled", e.scaled},
            {"placed", {e.placed.x, e.placed.y, e.placed.width, e.placed.height}},
            {"fps", e.encoder.fps},
            {"lag_ms", e.encoder.lagMs},
            {"frames", e.encoder.videoPackets},
            {"dropped", e.dropped},
            {"queued", e.encoder.queued},
            {"encode_ms_median", e.encoder.encodeMsMedian},
            {"scale_ms_median", e.scaleMsMedian}};
}

json encodesJson(const EngineStatus& status) {
    json out = json::array();
    for (const EncodeStatus& e : status.encodes)
        out.push_back(encodeJson(e));
    return out;
}

json outputsJson(const EngineStatus& status) {
    json out = json::array();
    for (const auto& o : status.outputs) {
        // Why the output is out of its platform profile now; "" while it is not.
        std::string offProfile;
        for (const ProfileDrift& drift : status.offProfile)
            if (drift.output == o.id) offProfile = drift.why;
        // The encode feeding it, by the output's id in the encode's list.
        const EncodeStatus* encode = nullptr;
        for (const EncodeStatus& e : status.encodes)
            if (std::find(e.outputs.begin(), e.outputs.end(), o.id) != e.outputs.end()) encode = &e;
        out.push_back({{"id", o.id},
                       {"kind", toString(o.kind)},
                       {"state", toString(o.state)},
                       {"target", o.target}, // masked: never a stream key
                       {"packets", o.packetsSent},
                       {"dropped", o.packetsDropped},
                       {"reconnects", o.reconnects},
                       {"kbps", o.kbps},
                       // Flat, as every other figure of an output: on the stream's own clock.
                       {"sent_video_kbps", o.sent.videoKbps},
                       {"sent_keyint_s", o.sent.keyintS},
                       {"sent_watched_s", o.sent.watchedS},
                       {"off_profile", offProfile},
                       {"last_error", o.lastError},
                       {"encode", encode ? encodeJson(*encode) : json(nullptr)}});
    }
    return out;
}

json sourcesJson(const EngineStatus& status) {
    json out = json::array();
    for (const auto& s : status.sources)
        out.push_back({{"id", s.id},
                       {"state", toString(s.state)},
                       {"frames", s.framesDecoded},
                       {"reconnects", s.reconnects},
                       {"lost_ms", s.lostMs},
                       // Decoded light (keyframes only while the program is short of CPU) while only
                       // the multiview shows it; exact again once, cued, it caught up from its last
                       // keyframe (or a keyframe came in full).
                       {"decode", capture::decodeName(s)},
                       {"exact", s.exact},
                       {"catch_ups", s.catchUps},
                       // Live: how far its pictures are held back after they arrive, for pictures
                       // that come late or for its sound, which may come after them (sound_lag_ms).
                       {"hold_ms", s.holdMs},
                       {"sound_lag_ms", s.soundLagMs}});
    return out;
}

/// A loudness figure; null while there is nothing to measure (silence, or
/// less audio than the figure's window).
json figure(const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
}

json loudnessJson(const capture::LoudnessReading& reading) {
    return {{"momentary_lufs", figure(reading.momentaryLufs)},
            {"short_term_lufs", figure(reading.shortTermLufs)},
            {"integrated_lufs", figure(reading.integratedLufs)},
            {"true_peak_dbfs", figure(reading.truePeakDbfs)},
            {"max_true_peak_dbfs", figure(reading.maxTruePeakDbfs)}};
}

json audioJson(const EngineStatus& status) {
    json inputs = json::array();
    for (const auto& input : status.audioInputs) {
        json entry = loudnessJson(input.loudness);
        const capture::ChannelSettings& strip = input.settings;
        entry["id"] = input.id;
        entry["gain_db"] = strip.gainDb;
        entry["muted"] = strip.muted;
        entry["solo"] = strip.solo;
        entry["delay_ms"] = strip.delayMs;
        entry["gate"] = {
            {"on", strip.gate}, {"threshold_db", strip.gateThresholdDb}, {"open", input.gateOpen}};
        entry["peak_dbfs"] = input.peak > 0 ? json(20.0 * std::log10(input.peak)) : json(nullptr);
        entry["overs"] = input.overTicks;
        entry["silence_samples"] = input.silenceSamples;
        entry["dropped_samples"] = input.droppedSamples;
        inputs.push_back(std::move(entry));
    }
    json program = nullptr;
    if (status.programAudio) {
        const capture::ProgramMixStats& mix = *status.programAudio;
        program = loudnessJson(mix.loudness);
        program["limiter"] = {{"on", mix.limiter},
                              {"ceiling_dbtp", capture::kLimiterCeilingDbtp},
                              {"reduction_db", mix.limiterReductionDb},
                              {"max_reduction_db", mix.limiterMaxReductionDb}};
        program["overs"] = mix.overTicks;
    }
    json monitor = nullptr;
    if (status.programAudio) {
        const capture::ProgramMixStats& mix = *status.programAudio;
        monitor = {{"soloed", mix.soloed}};
        if (mix.monitor) monitor.update(loudnessJson(*mix.monitor));
    }
    if (status.monitorDevice) {
        const capture::AudioMonitorStats& device = *status.monitorDevice;
        if (monitor.is_null()) monitor = {{"soloed", json::array()}};
        monitor["device"] = {{"format", device.format},
                             {"device", device.device},
                             {"playing", device.playing},
                             {"played_samples", device.playedSamples},
                             {"dropped_samples", device.droppedSamples},
                             {"error", device.error.empty() ? json(nullptr) : json(device.error)}};
    }
    return {{"inputs", inputs}, {"program", program}, {"monitor", monitor}};
}

} // namespace

void addShowRoutes(RouteKit& kit, ProgramView& engine) {
    kit.server().Get("/api/v1/state", kit.get([&engine](const httplib::Request&) {
        const auto state = engine.snapshot();
        json out = showStateToJson(*state, engine.show(), engine.programMs());
        const EngineStatus status = engine.status();
        out["outputs"] = outputsJson(status);
        out["sources"] = sourcesJson(status);
        out["session_id"] = engine.sessionId();
        out["running"] = status.running;
        out["short_of_cpu"] = status.shortOfCpu();
        out["program_first_start"] = status.cpu == CpuState::StartingProgramFirst;
        return out;
    }));
    kit.server().Get("/api/v1/scenes", kit.get([&engine](const httplib::Request&) {
        const auto state = engine.snapshot();
        json out = json::array();
        for (const SceneSpec& scene : liveScenes(engine.show(), *state)) {
            json entry{{"id", scene.id},
                       {"name", scene.name},
                       {"hotkey", scene.hotkey},
                       {"program", scene.id == state->program},
                       {"preview", scene.id == state->preview},
                       {"layout", sceneLayoutJson(layoutOf(scene))}};
            // An edit not yet taken: what the preview shows of it.
            if (auto draft = state->layouts.draft.find(scene.id); draft != state->layouts.draft.end())
                entry["draft"] = sceneLayoutJson(draft->second);
            out.push_back(std::move(entry));
        }
        return out;
    }));
    kit.server().Get("/api/v1/rundown", kit.get([&engine](const httplib::Request&) {
        return showStateToJson(*engine.snapshot(), engine.show(), engine.programMs()).at("rundown");
    }));
    kit.server().Get("/api/v1/offers", kit.get([&engine](const httplib::Request&) {
        json out = showStateToJson(*engine.snapshot(), engine.show(), engine.programMs());
        json planned = json::array();
        for (const OfferSpec& o : engine.show().offers)
            planned.push_back({{"id", o.id},
                               {"sku", o.sku},
                               {"title", o.title},
                               {"price_cents", o.dealPriceCents},
                               {"quantity", o.quantity},
                               {"per_buyer_limit", o.perBuyerLimit},
                               {"prelaunch_s", o.prelaunchSeconds},
                               {"duration_s", o.durationSeconds}});
        return json{{"running", out.at("offers")},
                    {"planned", planned},
                    {"coupons", out.at("coupons")},
                    {"promotions", out.at("promotions")}};
    }));
    kit.server().Get("/api/v1/products", kit.get([&engine](const httplib::Request&) {
        const auto state = engine.snapshot();
        json out = json::array();
        for (const ProductSpec& p : engine.show().products) {
            auto approval = state->approvals.find("card:" + p.sku);
            out.push_back({{"sku", p.sku},
                           {"name", p.name},
                           {"price_cents", p.priceCents},
                           {"stock", p.stock ? json(*p.stock) : json(nullptr)},
                           {"approved", approval != state->approvals.end()},
                           {"approved_by",
                            approval != state->approvals.end()
                                ? json(approval->second.who + " (" + toString(approval->second.role) + ")")
                                : json(nullptr)}});
        }
        return out;
    }));
    kit.server().Get("/api/v1/outputs",
                     kit.get([&engine](const httplib::Request&) { return outputsJson(engine.status()); }));
    kit.server().Get("/api/v1/encodes",
                     kit.get([&engine](const httplib::Request&) { return encodesJson(engine.status()); }));
    kit.server().Get("/api/v1/audio",
                     kit.get([&engine](const httplib::Request&) { return audioJson(engine.status()); }));
    kit.server().Get("/api/v1/session", kit.get([&engine](const httplib::Request&) {
        json resumable = json::array();
        for (const ResumableSession& s : engine.resumable())
            resumable.push_back({{"id", s.id}, {"title", s.title}, {"last_seen_utc_ms", s.lastSeenUtcMs}});
        return json{{"id", engine.sessionId()},
                    {"program_ms", engine.programMs()},
                    {"resumed_after_gap_ms", engine.resumedAfterGapMs()},
                    {"resumable", resumable}};
    }));
    kit.server().Get("/api/v1/audit", kit.get([&engine](const httplib::Request& req) {
        size_t limit = 100;
        if (req.has_param("limit")) limit = std::strtoul(req.get_param_value("limit").c_str(), nullptr, 10);
        limit = std::min<size_t>(std::max<size_t>(limit, 1), 1000);
        const auto audit = engine.audit(SIZE_MAX);
        json out = json::array();
        for (size_t i = audit.size() > limit ? audit.size() - limit : 0; i < audit.size(); ++i) {
            const AuditEntry& e = audit[i];
            out.push_back({{"utc_ms", e.utcMs},
                           {"program_ms", e.programMs},
                           {"who", e.actor.who},
                           {"role", toString(e.actor.role)},
                           {"command", e.command},
                           {"ok", e.ok},
                           {"message", e.message}});
        }
        return out;
    }));

    // Viewer events (docs/DESIGN.md): the ingest role only; acknowledged once committed.
}

} // namespace hawker::studio::api_routes
