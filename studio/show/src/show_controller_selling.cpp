// The show controller's selling commands: the compliance gate (approve,
// approval.revoke), the run of show (rundown.next, rundown.goto), outputs,
// coupon counts and the end of the show.

#include <chrono>

#include "command_args.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/show/compliance.hpp"
#include "hawker/studio/show/show_controller.hpp"

namespace hawker::studio {

using i18n::phraseArg;
using i18n::trKey;

using namespace detail;

namespace {
int64_t utcNowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}
} // namespace

std::optional<CommandResult> ShowController::gate(const std::string& command, const std::string& key,
                                                  const ShowState& state) const {
    if (!m_show.compliance.approvalRequired) return std::nullopt;
    if (auto approval = state.approvals.find(key); approval != state.approvals.end()) {
        // The second person is a person: an approval does not count for the
        // one who gave it, whichever of their tokens or desks asks for air.
        if (approval->second.who != m_asker) return std::nullopt;
        return CommandResult::notAllowed(
            {trKey("answers.approved_by_asker"), {{"command", command}, {"key", key}, {"who", m_asker}}});
    }
    // "operator or host", in the reader's language: each role's name, joined pairwise from the last.
    const auto& approvers = m_show.compliance.approverRoles;
    i18n::Phrase roles;
    for (auto role = approvers.rbegin(); role != approvers.rend(); ++role) {
        i18n::Phrase name{roleKey(*role)};
        roles = roles.key.empty() ? std::move(name)
                                  : i18n::Phrase{trKey("answers.either"),
                                                 {phraseArg("a", std::move(name)), phraseArg("b", roles)}};
    }
    const auto colon = key.find(':');
    return CommandResult::notAllowed({trKey("answers.not_approved"),
                                      {{"command", command},
                                       {"what", key.substr(0, colon)},
                                       {"id", key.substr(colon + 1)},
                                       phraseArg("roles", std::move(roles))}});
}

CommandResult ShowController::applyApproval(const Command& command, const Actor& actor, ShowState& state,
                                            int64_t programMs) {
    const std::string card = arg(command, "card"), offerId = arg(command, "offer");
    if (card.empty() == offerId.empty())
        return CommandResult::invalid({trKey("answers.approve_needs"), {{"command", command.name}}});
    std::vector<ScreenText> texts;
    std::string key;
    if (!card.empty()) {
        const ProductSpec* product = m_show.findProduct(card);
        if (!product)
            return CommandResult::invalid(
                {trKey("answers.no_product"), {{"command", command.name}, {"sku", "'" + card + "'"}}});
        texts = cardTexts(*product);
        key = "card:" + card;
    } else {
        // A planned offer, or an ad-hoc sale of a product (approved by its sku).
        OfferSpec adHoc;
        const OfferSpec* offer = m_show.findOffer(offerId);
        if (!offer) {
            adHoc.id = adHoc.sku = offerId;
            adHoc.title = "限时秒杀";
            offer = &adHoc;
        }
        const ProductSpec* product = m_show.findProduct(offer->sku);
        if (!product)
            return CommandResult::invalid(
                {trKey("answers.no_offer_or_product"), {{"command", command.name}, {"offer", offerId}}});
        texts = offerTexts(*offer, *product);
        key = "offer:" + offer->id;
    }
    // Taking an approval back is the approvers' decision as much as giving it.
    const auto& roles = m_show.compliance.approverRoles;
    if (std::find(roles.begin(), roles.end(), actor.role) == roles.end())
        return CommandResult::notAllowed({trKey("answers.role_does_not_approve"),
                                          {{"command", command.name}, {"role", roleKey(actor.role), true}}});
    if (command.name == "approval.revoke") {
        if (!state.approvals.erase(key))
            return CommandResult::conflict({trKey("answers.revoke_not_approved"), {{"key", key}}});
        return CommandResult::done({trKey("answers.revoked"), {{"key", key}}});
    }
    if (auto hit = findBannedWord(texts, m_show.compliance.bannedWords))
        return CommandResult::notAllowed(
            {trKey("answers.banned_claim"),
             {{"key", key}, phraseArg("where", hit->in.where), {"text", hit->in.text}, {"word", hit->word}}});
    if (state.approvals.count(key))
        return CommandResult::done({trKey("answers.already_approved"), {{"key", key}}});
    state.approvals[key] = Approval{actor.who, actor.role, utcNowMs(), programMs};
    return CommandResult::done(
        {trKey("answers.approved"), {{"key", key}, {"who", actor.who}, {"role", roleKey(actor.role), true}}});
}

CommandResult ShowController::enterSegment(int index, bool apply, ShowState& state, int64_t programMs) {
    const SegmentSpec& segment = m_show.rundown[static_cast<size_t>(index)];
    state.rundown.current = index;
    state.rundown.segmentStartMs = programMs;
    state.rundown.overrunLogged = false;
    timeline(TimelineRow::segment(programMs, index + 1, segment.kind, segment.title, !apply));
    i18n::Phrase message{trKey("answers.segment"),
                         {{"number", std::to_string(index + 1)}, {"title", segment.title}}};
    if (!apply) return CommandResult::done(message);

    // What the segment wants on screen goes through the same commands an
    // operator would send, so the gate and the timeline see them.
    auto sub = [&](Command command, i18n::Phrase what) {
        CommandResult result = this->apply(command, Actor{"rundown", Role::Automation}, state, programMs);
        if (result.ok)
            message.more.push_back(std::move(what));
        else
            message.more.push_back({trKey("answers.step_refused"),
                                    {phraseArg("step", std::move(what)), phraseArg("reason", result.said)}});
    };
    if (!segment.scene.empty() && segment.scene != state.program) {
        state.preview = segment.scene;
        sub(Command::take(), {trKey("answers.step_scene"), {{"scene", segment.scene}}});
    }
    // An offer segment shows the card of the product on sale.
    std::string product = segment.sku;
    if (product.empty() && !segment.offer.empty())
        if (const OfferSpec* offer = m_show.findOffer(segment.offer)) product = offer->sku;
    if (!product.empty()) {
        sub(Command::named("card.show", {{"sku", product}}),
            {trKey("answers.step_card"), {{"sku", product}}});
        state.rundown.cardShownByRundown = product;
    } else if (!state.rundown.cardShownByRundown.empty()) {
        auto card = state.graphics.find("card");
        if (card != state.graphics.end() && card->second.sku == state.rundown.cardShownByRundown &&
            !card->second.hiddenAtMs)
            sub(Command::named("card.hide", {}), {trKey("answers.step_card_down"), {}});
        state.rundown.cardShownByRundown.clear();
    }
    if (!segment.offer.empty())
        sub(Command::named("offer.start", {{"offer", segment.offer}}),
            {trKey("answers.step_offer"), {{"offer", segment.offer}}});
    return CommandResult::done(message);
}

CommandResult ShowController::applyRundown(const Command& command, const Actor& actor, ShowState& state,
                                           int64_t programMs) {
    if (m_show.rundown.empty())
        return CommandResult::conflict({trKey("answers.no_rundown"), {{"command", command.name}}});
    const std::optional<bool> applyArg = flagArg(command, "apply");
    int target = state.rundown.current + 1;
    if (command.name == "rundown.goto") {
        const int64_t index = wholeArg(command, "index", 0);
        if (index > static_cast<int64_t>(m_show.rundown.size()))
            return CommandResult::invalid(
                {trKey("answers.rundown_index"),
                 {{"count", std::to_string(m_show.rundown.size())}, {"index", std::to_string(index)}}});
        target = static_cast<int>(index - 1);
    } else if (target >= static_cast<int>(m_show.rundown.size())) {
        return CommandResult::conflict(
            {trKey("answers.rundown_at_end"), {{"title", m_show.rundown.back().title}}});
    }
    const SegmentSpec& segment = m_show.rundown[static_cast<size_t>(target)];
    // A segment set auto_apply = false waits for the operator to take its
    // scene, card and offer; a host advances the rundown but cannot make it act.
    if (applyArg.value_or(false) && !segment.autoApply && actor.role == Role::Host)
        return CommandResult::notAllowed(
            {trKey("answers.segment_not_auto"),
             {{"command", command.name}, {"number", std::to_string(target + 1)}, {"title", segment.title}}});
    return enterSegment(target, applyArg.value_or(segment.autoApply), state, programMs);
}

CommandResult ShowController::applyOutput(const Command& command, const Actor&, ShowState& state, int64_t) {
    {
        const std::string id = arg(command, "output");
        const bool known = std::any_of(m_show.outputs.begin(), m_show.outputs.end(),
                                       [&](const OutputSpec& output) { return output.id == id; });
        if (!known)
            return CommandResult::invalid(
                {trKey("answers.no_output"), {{"command", command.name}, {"output", id}}});
        const bool stopping = command.name == "output.stop";
        if (stopping == (state.outputsStopped.count(id) > 0))
            return CommandResult::conflict(
                {stopping ? trKey("answers.output_already_stopped") : trKey("answers.output_already_on"),
                 {{"command", command.name}, {"output", id}}});
        if (stopping)
            state.outputsStopped.insert(id);
        else
            state.outputsStopped.erase(id);
        return CommandResult::done(
            {stopping ? trKey("answers.output_stopping") : trKey("answers.output_starting"),
             {{"output", id}}});
    }
}

CommandResult ShowController::applyCoupon(const Command& command, const Actor&, ShowState& state, int64_t) {
    {
        const std::string id = arg(command, "coupon");
        const CouponSpec* coupon = nullptr;
        for (const CouponSpec& candidate : m_show.coupons)
            if (candidate.id == id) coupon = &candidate;
        if (!coupon)
            return CommandResult::invalid(
                {trKey("answers.no_coupon"), {{"command", command.name}, {"coupon", id}}});
        const int64_t count = wholeArg(command, "count", 1);
        CouponCounts& counts = state.coupons[id];
        if (command.name == "coupon.issue") {
            if (coupon->total > 0 && counts.issued + count > coupon->total)
                return CommandResult::conflict(
                    {trKey("answers.coupons_left"),
                     {{"left", std::to_string(coupon->total - counts.issued)}, {"coupon", id}}});
            counts.issued += count;
        } else {
            if (counts.redeemed + count > counts.issued)
                return CommandResult::conflict({trKey("answers.coupons_over_redeemed"), {{"coupon", id}}});
            counts.redeemed += count;
        }
        return CommandResult::done({trKey("answers.coupon_counts"),
                                    {{"coupon", id},
                                     {"issued", std::to_string(counts.issued)},
                                     {"redeemed", std::to_string(counts.redeemed)}}});
    }
}

CommandResult ShowController::applyShowStop(const Command&, const Actor&, ShowState& state,
                                            int64_t programMs) {
    {
        if (state.stopRequested) return CommandResult::conflict({trKey("answers.already_stopping"), {}});
        state.stopRequested = true;
        timeline(TimelineRow::showStop(programMs));
        return CommandResult::done({trKey("answers.stopping"), {}});
    }
}

} // namespace hawker::studio
