// The show controller's selling commands: the compliance gate (approve,
// approval.revoke), the run of show (rundown.next, rundown.goto), outputs,
// coupon counts and the end of the show.

#include <chrono>

#include "command_args.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/show/compliance.hpp"
#include "hawker/studio/show/show_controller.hpp"

namespace hawker::studio {

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
        return CommandResult::notAllowed(command + ": " + key + " was approved by " + m_asker +
                                         ", who is asking to put it on air; another person must approve it");
    }
    std::string roles;
    for (const Role role : m_show.compliance.approverRoles)
        roles += (roles.empty() ? "" : " or ") + std::string(toString(role));
    const auto colon = key.find(':');
    return CommandResult::notAllowed(command + ": " + key.substr(0, colon) + " " + key.substr(colon + 1) +
                                     " is not approved for air; a " + roles +
                                     " must approve it first (approve " + key.substr(0, colon) + "=" +
                                     key.substr(colon + 1) + ")");
}

CommandResult ShowController::applyApproval(const Command& command, const Actor& actor, ShowState& state,
                                            int64_t programMs) {
    const std::string card = arg(command, "card"), offerId = arg(command, "offer");
    if (card.empty() == offerId.empty())
        return CommandResult::invalid(command.name + ": give card=SKU or offer=ID");
    std::vector<ScreenText> texts;
    std::string key;
    if (!card.empty()) {
        const ProductSpec* product = m_show.findProduct(card);
        if (!product) return CommandResult::invalid(command.name + ": no product with sku '" + card + "'");
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
        if (!product) return CommandResult::invalid(command.name + ": no offer or product '" + offerId + "'");
        texts = offerTexts(*offer, *product);
        key = "offer:" + offer->id;
    }
    // Taking an approval back is the approvers' decision as much as giving it.
    const auto& roles = m_show.compliance.approverRoles;
    if (std::find(roles.begin(), roles.end(), actor.role) == roles.end())
        return CommandResult::notAllowed(command.name + ": the " + toString(actor.role) +
                                         " role does not approve in this show");
    if (command.name == "approval.revoke") {
        if (!state.approvals.erase(key))
            return CommandResult::conflict("approval.revoke: " + key + " is not approved");
        return CommandResult::done("revoked " + key);
    }
    if (auto hit = findBannedWord(texts, m_show.compliance.bannedWords))
        return CommandResult::notAllowed("approve: " + key + " is blocked: its " + hit->in.where + " '" +
                                         hit->in.text + "' contains the banned absolute claim '" + hit->word +
                                         "' (Advertising Law art. 9); change the text and approve again");
    if (state.approvals.count(key)) return CommandResult::done(key + " is already approved");
    state.approvals[key] = Approval{actor.who, actor.role, utcNowMs(), programMs};
    return CommandResult::done("approved " + key + " by " + actor.who + " (" + toString(actor.role) + ")");
}

CommandResult ShowController::enterSegment(int index, bool apply, ShowState& state, int64_t programMs) {
    const SegmentSpec& segment = m_show.rundown[static_cast<size_t>(index)];
    state.rundown.current = index;
    state.rundown.segmentStartMs = programMs;
    state.rundown.overrunLogged = false;
    timeline(TimelineRow::segment(programMs, index + 1, segment.kind, segment.title, !apply));
    std::string message = "segment " + std::to_string(index + 1) + " " + segment.title;
    if (!apply) return CommandResult::done(message);

    // What the segment wants on screen goes through the same commands an
    // operator would send, so the gate and the timeline see them.
    auto sub = [&](Command command, const std::string& what) {
        CommandResult result = this->apply(command, Actor{"rundown", Role::Automation}, state, programMs);
        message += result.ok ? "; " + what : "; " + what + " refused: " + result.message;
    };
    if (!segment.scene.empty() && segment.scene != state.program) {
        state.preview = segment.scene;
        sub(Command::take(), "scene " + segment.scene);
    }
    // An offer segment shows the card of the product on sale.
    std::string product = segment.sku;
    if (product.empty() && !segment.offer.empty())
        if (const OfferSpec* offer = m_show.findOffer(segment.offer)) product = offer->sku;
    if (!product.empty()) {
        sub(Command::named("card.show", {{"sku", product}}), "card " + product);
        state.rundown.cardShownByRundown = product;
    } else if (!state.rundown.cardShownByRundown.empty()) {
        auto card = state.graphics.find("card");
        if (card != state.graphics.end() && card->second.sku == state.rundown.cardShownByRundown &&
            !card->second.hiddenAtMs)
            sub(Command::named("card.hide", {}), "card down");
        state.rundown.cardShownByRundown.clear();
    }
    if (!segment.offer.empty())
        sub(Command::named("offer.start", {{"offer", segment.offer}}), "offer " + segment.offer);
    return CommandResult::done(message);
}

CommandResult ShowController::applyRundown(const Command& command, const Actor& actor, ShowState& state,
                                           int64_t programMs) {
    if (m_show.rundown.empty()) return CommandResult::conflict(command.name + ": this show has no rundown");
    const std::optional<bool> applyArg = flagArg(command, "apply");
    int target = state.rundown.current + 1;
    if (command.name == "rundown.goto") {
        const int64_t index = wholeArg(command, "index", 0);
        if (index > static_cast<int64_t>(m_show.rundown.size()))
            return CommandResult::invalid("rundown.goto: index must be 1.." +
                                          std::to_string(m_show.rundown.size()) + ", got " +
                                          std::to_string(index) + " (segments count from 1)");
        target = static_cast<int>(index - 1);
    } else if (target >= static_cast<int>(m_show.rundown.size())) {
        return CommandResult::conflict("rundown.next: the last segment (" + m_show.rundown.back().title +
                                       ") is already on");
    }
    const SegmentSpec& segment = m_show.rundown[static_cast<size_t>(target)];
    // A segment set auto_apply = false waits for the operator to take its
    // scene, card and offer; a host advances the rundown but cannot make it act.
    if (applyArg.value_or(false) && !segment.autoApply && actor.role == Role::Host)
        return CommandResult::notAllowed(command.name + ": segment " + std::to_string(target + 1) + " (" +
                                         segment.title +
                                         ") has auto_apply = false: its scene, card and offer are the "
                                         "operator's to take; a host may only advance it (apply=false)");
    return enterSegment(target, applyArg.value_or(segment.autoApply), state, programMs);
}

CommandResult ShowController::applyOutput(const Command& command, const Actor&, ShowState& state, int64_t) {
    {
        const std::string id = arg(command, "output");
        const bool known = std::any_of(m_show.outputs.begin(), m_show.outputs.end(),
                                       [&](const OutputSpec& output) { return output.id == id; });
        if (!known) return CommandResult::invalid(command.name + ": no output '" + id + "' in the show");
        const bool stopping = command.name == "output.stop";
        if (stopping == (state.outputsStopped.count(id) > 0))
            return CommandResult::conflict(command.name + ": " + id + " is already " +
                                           (stopping ? "stopped" : "on"));
        if (stopping)
            state.outputsStopped.insert(id);
        else
            state.outputsStopped.erase(id);
        return CommandResult::done(id + (stopping ? " stopping" : " starting"));
    }
}

CommandResult ShowController::applyCoupon(const Command& command, const Actor&, ShowState& state, int64_t) {
    {
        const std::string id = arg(command, "coupon");
        const CouponSpec* coupon = nullptr;
        for (const CouponSpec& candidate : m_show.coupons)
            if (candidate.id == id) coupon = &candidate;
        if (!coupon) return CommandResult::invalid(command.name + ": no coupon '" + id + "' in the show");
        const int64_t count = wholeArg(command, "count", 1);
        CouponCounts& counts = state.coupons[id];
        if (command.name == "coupon.issue") {
            if (coupon->total > 0 && counts.issued + count > coupon->total)
                return CommandResult::conflict("coupon.issue: only " +
                                               std::to_string(coupon->total - counts.issued) + " of " + id +
                                               " left to issue");
            counts.issued += count;
        } else {
            if (counts.redeemed + count > counts.issued)
                return CommandResult::conflict("coupon.redeem: more redeemed than issued for " + id);
            counts.redeemed += count;
        }
        return CommandResult::done(id + ": " + std::to_string(counts.issued) + " issued, " +
                                   std::to_string(counts.redeemed) + " redeemed");
    }
}

CommandResult ShowController::applyShowStop(const Command&, const Actor&, ShowState& state,
                                            int64_t programMs) {
    {
        if (state.stopRequested) return CommandResult::conflict("show.stop: the show is already stopping");
        state.stopRequested = true;
        timeline(TimelineRow::showStop(programMs));
        return CommandResult::done("the show is stopping");
    }
}

} // namespace hawker::studio
