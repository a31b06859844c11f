#include "hawker/studio/show/show_state_json.hpp"

#include <stdexcept>

#include "hawker/studio/base/log.hpp"
#include "hawker/studio/show/added_sources.hpp"
#include "layout_edits_json.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {
template <typename T>
json optional(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}
template <typename T>
std::optional<T> optionalFrom(const json& node) {
    if (node.is_null()) return std::nullopt;
    return node.get<T>();
}

json offerJson(const OfferState& offer) {
    return {{"id", offer.id},
            {"sku", offer.sku},
            {"title", offer.title},
            {"phase", toString(offer.phase)},
            {"launch_at_ms", offer.launchAtMs},
            {"end_at_ms", offer.endAtMs},
            {"deal_price_cents", offer.dealPriceCents},
            {"quantity", offer.quantity},
            {"remaining", offer.remaining},
            {"per_buyer_limit", offer.perBuyerLimit},
            {"sold_out_at_ms", optional(offer.soldOutAtMs)},
            {"orders", offer.orders}};
}

OfferState::Phase phaseFrom(const std::string& text) {
    for (auto phase : {OfferState::Phase::PreLaunch, OfferState::Phase::OnSale, OfferState::Phase::SoldOut,
                       OfferState::Phase::Ended})
        if (text == toString(phase)) return phase;
    throw std::runtime_error("offer phase '" + text + "' is unknown");
}

json graphicJson(const SlotGraphic& graphic) {
    return {{"kind", graphic.kind},
            {"sku", graphic.sku},
            {"fields", graphic.fields},
            {"shown_at_ms", graphic.shownAtMs},
            {"hidden_at_ms", optional(graphic.hiddenAtMs)}};
}
} // namespace

json resumableState(const ShowState& state) {
    json out;
    out["program"] = state.program;
    out["preview"] = state.preview;
    out["transition"] = toString(state.transition);
    out["transition_ms"] = state.transitionMs;
    out["graphics"] = json::object();
    for (const auto& [slot, graphic] : state.graphics)
        out["graphics"][slot] = graphicJson(graphic);
    out["offers"] = json::object();
    for (const auto& [slot, offer] : state.offers) {
        json entry = offerJson(offer);
        entry["bought_by"] = offer.boughtBy; // salted hashes only
        out["offers"][slot] = entry;
    }
    out["live"] = json::object();
    for (const auto& [sku, live] : state.live)
        out["live"][sku] = {{"sold", optional(live.sold)}, {"stock", optional(live.stock)}};
    out["audio"] = json::object();
    for (const auto& [input, level] : state.audio)
        out["audio"][input] = {{"gain_db", level.gainDb}, {"muted", level.muted},
                               {"solo", level.solo},      {"delay_ms", level.delayMs},
                               {"gate", level.gate},      {"gate_threshold_db", level.gateThresholdDb}};
    out["approvals"] = json::object();
    for (const auto& [key, approval] : state.approvals)
        out["approvals"][key] = {{"who", approval.who},
                                 {"role", toString(approval.role)},
                                 {"utc_ms", approval.utcMs},
                                 {"program_ms", approval.programMs}};
    out["rundown"] = {{"current", state.rundown.current},
                      {"segment_start_ms", state.rundown.segmentStartMs},
                      {"overrun_logged", state.rundown.overrunLogged},
                      {"card_shown_by_rundown", state.rundown.cardShownByRundown}};
    out["scheduled_started"] = state.scheduledStarted;
    out["coupons"] = json::object();
    for (const auto& [id, counts] : state.coupons)
        out["coupons"][id] = {{"issued", counts.issued}, {"redeemed", counts.redeemed}};
    out["outputs_stopped"] = state.outputsStopped;
    // What an operator changed about the cameras, so a resumed show reads the same inputs.
    out["source_targets"] = json::object();
    for (const auto& [id, target] : state.sourceTargets)
        out["source_targets"][id] = {{"url", target.first}, {"format", target.second}};
    out["added_sources"] = json::array();
    for (const AddedSource& source : state.addedSources)
        out["added_sources"].push_back({{"id", source.id},
                                        {"url", source.url},
                                        {"format", source.format},
                                        {"name", source.name},
                                        {"slots_from", source.slotsFrom},
                                        {"audio", source.audio}});
    out["layouts"] = detail::layoutEditsJson(state.layouts);
    return out;
}

ShowState restoreState(const json& in, const ShowSpec& show) {
    ShowState state;
    try {
        // States stored before cameras could be added or edited have neither list.
        const json none = json::object();
        for (const json& a : in.contains("added_sources") ? in.at("added_sources") : none) {
            AddedSource source{a.at("id").get<std::string>(),         a.at("url").get<std::string>(),
                               a.at("format").get<std::string>(),     a.at("name").get<std::string>(),
                               a.at("slots_from").get<std::string>(), a.value("audio", false)};
            if (source.id.empty() || hasScene(show, state, source.id) || !show.findScene(source.slotsFrom))
                throw std::runtime_error("added source '" + source.id + "' does not fit this show");
            state.addedSources.push_back(std::move(source));
        }
        // States stored before layouts could be edited on screen have none.
        if (in.contains("layouts")) detail::restoreLayoutEdits(in.at("layouts"), show, state);
        for (const auto& [id, t] : (in.contains("source_targets") ? in.at("source_targets") : none).items())
            state.sourceTargets[id] = {t.at("url").get<std::string>(), t.at("format").get<std::string>()};
        state.program = in.at("program").get<std::string>();
        state.preview = in.at("preview").get<std::string>();
        if (!hasScene(show, state, state.program) || !hasScene(show, state, state.preview))
            throw std::runtime_error("scene '" + state.program + "' or '" + state.preview +
                                     "' is not in this show");
        state.transition =
            parseTransition(in.at("transition").get<std::string>()).value_or(TransitionKind::Fade);
        // A show file that lost its [stinger] since: the takes fade.
        if (state.transition == TransitionKind::Stinger && !show.stinger)
            state.transition = TransitionKind::Fade;
        state.transitionMs = in.at("transition_ms").get<int>();
        for (const auto& [slot, g] : in.at("graphics").items()) {
            SlotGraphic graphic;
            graphic.kind = g.at("kind").get<std::string>();
            graphic.sku = g.at("sku").get<std::string>();
            graphic.fields = g.at("fields").get<std::map<std::string, std::string>>();
            graphic.shownAtMs = g.at("shown_at_ms").get<int64_t>();
            graphic.hiddenAtMs = optionalFrom<int64_t>(g.at("hidden_at_ms"));
            if (!graphic.sku.empty() && !show.findProduct(graphic.sku))
                throw std::runtime_error("graphics." + slot + ": sku '" + graphic.sku +
                                         "' is not in this show");
            state.graphics[slot] = graphic;
        }
        for (const auto& [slot, o] : in.at("offers").items()) {
            OfferState offer;
            offer.id = o.at("id").get<std::string>();
            offer.sku = o.at("sku").get<std::string>();
            if (!show.findProduct(offer.sku))
                throw std::runtime_error("offers." + slot + ": sku '" + offer.sku + "' is not in this show");
            offer.title = o.at("title").get<std::string>();
            offer.phase = phaseFrom(o.at("phase").get<std::string>());
            offer.launchAtMs = o.at("launch_at_ms").get<int64_t>();
            offer.endAtMs = o.at("end_at_ms").get<int64_t>();
            offer.dealPriceCents = o.at("deal_price_cents").get<int64_t>();
            offer.quantity = o.at("quantity").get<int64_t>();
            offer.remaining = o.at("remaining").get<int64_t>();
            offer.perBuyerLimit = o.at("per_buyer_limit").get<int>();
            offer.soldOutAtMs = optionalFrom<int64_t>(o.at("sold_out_at_ms"));
            offer.orders = o.at("orders").get<int64_t>();
            offer.boughtBy = o.at("bought_by").get<std::map<std::string, int64_t>>();
            state.offers[slot] = offer;
        }
        for (const auto& [sku, l] : in.at("live").items())
            state.live[sku] =
                ProductLive{optionalFrom<int64_t>(l.at("sold")), optionalFrom<int64_t>(l.at("stock"))};
        for (const auto& [input, a] : in.at("audio").items()) {
            // A state saved before the strip had solo, delay and gate reads as those off.
            AudioLevel& level = state.audio[input];
            level.gainDb = a.at("gain_db").get<float>();
            level.muted = a.at("muted").get<bool>();
            level.solo = a.value("solo", false);
            level.delayMs = a.value("delay_ms", 0);
            level.gate = a.value("gate", false);
            level.gateThresholdDb = a.value("gate_threshold_db", level.gateThresholdDb);
        }
        for (const auto& [key, a] : in.at("approvals").items()) {
            const std::string roleName = a.at("role").get<std::string>();
            const std::optional<Role> role = roleFromName(roleName);
            if (!role) throw std::runtime_error("approval of " + key + " has no known role");
            state.approvals[key] = Approval{a.at("who").get<std::string>(), *role,
                                            a.at("utc_ms").get<int64_t>(), a.at("program_ms").get<int64_t>()};
        }
        const json& r = in.at("rundown");
        state.rundown.current = r.at("current").get<int>();
        if (state.rundown.current >= static_cast<int>(show.rundown.size()) || state.rundown.current < -1)
            throw std::runtime_error("rundown.current " + std::to_string(state.rundown.current) +
                                     " is past this show's rundown");
        state.rundown.segmentStartMs = r.at("segment_start_ms").get<int64_t>();
        state.rundown.overrunLogged = r.at("overrun_logged").get<bool>();
        state.rundown.cardShownByRundown = r.at("card_shown_by_rundown").get<std::string>();
        state.scheduledStarted = in.at("scheduled_started").get<std::set<std::string>>();
        for (const auto& [id, c] : in.at("coupons").items())
            state.coupons[id] = CouponCounts{c.at("issued").get<int64_t>(), c.at("redeemed").get<int64_t>()};
        state.outputsStopped = in.at("outputs_stopped").get<std::set<std::string>>();
    } catch (const json::exception& error) {
        throw std::runtime_error(std::string("stored show state does not fit: ") + error.what());
    }
    return state;
}

json showStateToJson(const ShowState& state, const ShowSpec& show, int64_t nowMs) {
    json out = resumableState(state);
    // Screens see where a camera is, never the login in its URL.
    for (json& source : out["added_sources"])
        source["url"] = maskSecrets(source["url"].get<std::string>());
    for (auto& [id, target] : out["source_targets"].items())
        target["url"] = maskSecrets(target["url"].get<std::string>());
    out["program_ms"] = nowMs;
    out["version"] = state.version;
    out["stop_requested"] = state.stopRequested;
    out["transition_active"] = state.active.has_value();
    for (auto& [slot, offer] : out["offers"].items()) {
        offer.erase("bought_by"); // the snapshot is for screens: counts, not buyers
        const OfferState& o = state.offers.at(slot);
        if (o.phase == OfferState::Phase::PreLaunch)
            offer["seconds_to_launch"] = (o.launchAtMs - nowMs + 999) / 1000;
        if (o.phase == OfferState::Phase::OnSale) offer["seconds_left"] = (o.endAtMs - nowMs + 999) / 1000;
    }
    json segments = json::array();
    for (size_t i = 0; i < show.rundown.size(); ++i) {
        const SegmentSpec& s = show.rundown[i];
        segments.push_back({{"index", i + 1},
                            {"kind", toString(s.kind)},
                            {"title", s.title},
                            {"planned_s", s.plannedSeconds},
                            {"sku", s.sku},
                            {"scene", s.scene},
                            {"offer", s.offer},
                            {"talking_points", s.talkingPoints},
                            {"auto_apply", s.autoApply}});
    }
    json& rundown = out["rundown"];
    rundown["segments"] = segments;
    const int current = state.rundown.current;
    rundown["current_index"] = current >= 0 ? json(current + 1) : json(nullptr);
    rundown["next_index"] =
        current + 1 < static_cast<int>(show.rundown.size()) ? json(current + 2) : json(nullptr);
    if (current >= 0) {
        const int64_t elapsedMs = nowMs - state.rundown.segmentStartMs;
        const int planned = show.rundown[static_cast<size_t>(current)].plannedSeconds;
        rundown["elapsed_s"] = elapsedMs / 1000;
        rundown["overrun"] = elapsedMs > planned * 1000LL;
        rundown["overrun_s"] = std::max<int64_t>(0, elapsedMs / 1000 - planned);
    }
    json coupons = json::array();
    for (const CouponSpec& c : show.coupons) {
        auto counts = state.coupons.count(c.id) ? state.coupons.at(c.id) : CouponCounts{};
        coupons.push_back({{"id", c.id},
                           {"title", c.title},
                           {"discount_cents", c.discountCents},
                           {"min_spend_cents", c.minSpendCents},
                           {"total", c.total},
                           {"issued", counts.issued},
                           {"redeemed", counts.redeemed}});
    }
    out["coupons"] = coupons;
    json promotions = json::array();
    for (const PromotionSpec& p : show.promotions)
        promotions.push_back({{"id", p.id},
                              {"title", p.title},
                              {"threshold_cents", p.thresholdCents},
                              {"discount_cents", p.discountCents}});
    out["promotions"] = promotions;
    return out;
}

} // namespace hawker::studio
