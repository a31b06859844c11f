// The show controller's flash sales (秒杀): an explicit state machine
// pre_launch → on_sale → sold_out | ended, every step on the on-air timeline.
// Orders come from the ingest (or a test feed) as offer.sell; they are
// serialized by the controller, so racing orders never oversell.

#include <cmath>

#include "command_args.hpp"
#include "hawker/studio/base/quoted_text.hpp"
#include "hawker/studio/show/show_controller.hpp"

namespace hawker::studio {

using i18n::phraseArg;
using i18n::trKey;

using namespace detail;

/// The phase's name as a key: the English answer says it as toString() does.
const char* phaseKey(OfferState::Phase phase) {
    switch (phase) {
    case OfferState::Phase::PreLaunch:
        return trKey("answers.phase_pre_launch");
    case OfferState::Phase::OnSale:
        return trKey("answers.phase_on_sale");
    case OfferState::Phase::SoldOut:
        return trKey("answers.phase_sold_out");
    case OfferState::Phase::Ended:
        return trKey("answers.phase_ended");
    }
    return trKey("answers.phase_ended");
}

const char* toString(OfferState::Phase phase) {
    switch (phase) {
    case OfferState::Phase::PreLaunch:
        return "pre_launch";
    case OfferState::Phase::OnSale:
        return "on_sale";
    case OfferState::Phase::SoldOut:
        return "sold_out";
    case OfferState::Phase::Ended:
        return "ended";
    }
    return "?";
}

namespace {
bool running(const OfferState& offer) {
    return offer.phase == OfferState::Phase::PreLaunch || offer.phase == OfferState::Phase::OnSale;
}

/// The product's known stock (live number first, then the catalog's).
std::optional<int64_t> productStock(const ShowState& state, const ProductSpec& product) {
    auto live = state.live.find(product.sku);
    if (live != state.live.end() && live->second.stock) return live->second.stock;
    return product.stock;
}
} // namespace

CommandResult ShowController::startOffer(const Command& command, ShowState& state, int64_t programMs) {
    const std::string slot = arg(command, "slot", "countdown");
    // A planned offer ([[offers]]) brings its own terms; an ad-hoc one gives
    // them as arguments and is approved under its sku.
    OfferSpec terms;
    const std::string offerId = arg(command, "offer");
    if (!offerId.empty()) {
        const OfferSpec* planned = m_show.findOffer(offerId);
        if (!planned)
            return CommandResult::invalid({trKey("answers.no_offer"), {{"offer", quoteValue(offerId)}}});
        terms = *planned;
    } else {
        terms.sku = arg(command, "sku");
        terms.id = terms.sku;
        terms.title = arg(command, "title", "限时秒杀");
        terms.variant = arg(command, "variant");
    }
    const ProductSpec* product = m_show.findProduct(terms.sku);
    if (!product)
        return CommandResult::invalid(
            {trKey("answers.no_product"), {{"command", "offer.start"}, {"sku", quoteValue(terms.sku)}}});
    auto current = state.offers.find(slot);
    if (current != state.offers.end() && running(current->second))
        return CommandResult::conflict(
            {trKey("answers.sale_still_running"), {{"sku", current->second.sku}, {"slot", slot}}});
    if (auto refusal = gate("offer.start", "offer:" + terms.id, state)) return *refusal;

    int64_t price = terms.dealPriceCents, quantity = terms.quantity, prelaunch = terms.prelaunchSeconds,
            duration = terms.durationSeconds, limit = terms.perBuyerLimit;
    // A planned offer brings its terms and the arguments override them; an
    // ad-hoc sale must give its price and quantity. The table checked each
    // argument's range; what depends on the product is checked here.
    if (offerId.empty())
        for (const char* needed : {"price_cents", "quantity"})
            if (arg(command, needed).empty())
                return CommandResult::invalid({trKey("answers.adhoc_needs"), {{"field", needed}}});
    price = wholeArg(command, "price_cents", price);
    quantity = wholeArg(command, "quantity", quantity);
    prelaunch = wholeArg(command, "prelaunch_s", offerId.empty() ? 10 : prelaunch);
    duration = wholeArg(command, "duration_s", offerId.empty() ? 300 : duration);
    limit = wholeArg(command, "per_buyer_limit", offerId.empty() ? 0 : limit);
    if (price > product->priceCents)
        return CommandResult::invalid(
            {trKey("answers.deal_price"),
             {{"most", std::to_string(product->priceCents)}, {"price", std::to_string(price)}}});

    OfferState offer;
    offer.id = terms.id;
    offer.sku = terms.sku;
    offer.title = terms.title;
    offer.dealPriceCents = price;
    offer.quantity = quantity;
    offer.remaining = quantity;
    offer.perBuyerLimit = static_cast<int>(limit);
    offer.launchAtMs = programMs + prelaunch * 1000;
    offer.endAtMs = offer.launchAtMs + duration * 1000;
    state.offers[slot] = offer;
    state.graphics[slot] = SlotGraphic{"countdown", offer.sku, {}, programMs, std::nullopt};
    timeline(TimelineRow::offerAnnounced(programMs, offer.id, offer.sku, quantity, price, prelaunch,
                                         command.args.count("scheduled") > 0, terms.variant));
    return CommandResult::done(
        {trKey("answers.sale_starts"), {{"offer", offer.id}, {"seconds", std::to_string(prelaunch)}}});
}

CommandResult ShowController::sellOffer(const Command& command, ShowState& state, int64_t programMs) {
    const std::string slot = arg(command, "slot", "countdown");
    auto found = state.offers.find(slot);
    if (found == state.offers.end())
        return CommandResult::conflict(
            {trKey("answers.no_sale_in_slot"), {{"command", "offer.sell"}, {"slot", quoteValue(slot)}}});
    OfferState& offer = found->second;
    const int64_t quantity = wholeArg(command, "quantity", 1);
    if (offer.phase != OfferState::Phase::OnSale)
        return CommandResult::conflict(
            {trKey("answers.sale_not_on"), {{"sku", offer.sku}, {"phase", phaseKey(offer.phase), true}}});
    const std::string buyer = arg(command, "buyer");
    if (offer.perBuyerLimit > 0 && buyer.empty())
        return CommandResult::invalid({trKey("answers.buyer_needed"), {}});
    if (quantity > offer.remaining)
        return CommandResult::conflict({trKey("answers.sale_short"),
                                        {{"left", std::to_string(offer.remaining)},
                                         {"sku", offer.sku},
                                         {"quantity", std::to_string(quantity)}}});
    const std::string buyerHash = offer.perBuyerLimit > 0 ? m_hasher->hash(buyer) : std::string();
    if (offer.perBuyerLimit > 0) {
        const int64_t already = offer.boughtBy.count(buyerHash) ? offer.boughtBy[buyerHash] : 0;
        if (already + quantity > offer.perBuyerLimit)
            return CommandResult::conflict(
                {trKey("answers.buyer_limit"),
                 {{"limit", std::to_string(offer.perBuyerLimit)}, {"already", std::to_string(already)}}});
    }
    offer.remaining -= quantity;
    ++offer.orders;
    // Units per buyer are kept only to enforce a limit. Without one nothing reads
    // them, and a table that gains an entry with every new buyer is copied with
    // each command and written into the stored state with each change: over a
    // long show with a large audience that cost grows without bound.
    if (offer.perBuyerLimit > 0) offer.boughtBy[buyerHash] += quantity;
    // The product's own numbers follow the sale: the card shows them.
    ProductLive& live = state.live[offer.sku];
    live.sold = live.sold.value_or(0) + quantity;
    if (const ProductSpec* product = m_show.findProduct(offer.sku))
        if (auto stock = productStock(state, *product)) live.stock = std::max<int64_t>(0, *stock - quantity);
    if (offer.remaining == 0 || live.stock == 0) {
        offer.phase = OfferState::Phase::SoldOut;
        offer.soldOutAtMs = programMs;
        timeline(TimelineRow::offerSoldOut(programMs, offer.id, programMs - offer.launchAtMs,
                                           offer.quantity - offer.remaining));
    }
    return CommandResult::done({trKey("answers.sold"),
                                {{"quantity", std::to_string(quantity)},
                                 {"sku", offer.sku},
                                 {"left", std::to_string(offer.remaining)}}});
}

CommandResult ShowController::applyOffer(const Command& command, const Actor&, ShowState& state,
                                         int64_t programMs) {
    if (command.name == "offer.start") return startOffer(command, state, programMs);
    if (command.name == "offer.sell") return sellOffer(command, state, programMs);
    const std::string slot = arg(command, "slot", "countdown");
    auto found = state.offers.find(slot);
    if (found == state.offers.end())
        return CommandResult::conflict(
            {trKey("answers.no_sale_in_slot"), {{"command", command.name}, {"slot", quoteValue(slot)}}});
    OfferState& offer = found->second;
    if (command.name == "offer.stop") {
        if (!running(offer))
            return CommandResult::conflict({trKey("answers.sale_already"),
                                            {{"sku", offer.sku}, {"phase", phaseKey(offer.phase), true}}});
        const bool beforeLaunch = offer.phase == OfferState::Phase::PreLaunch;
        offer.phase = OfferState::Phase::Ended;
        offer.endAtMs = programMs;
        timeline(TimelineRow::offerEnded(
            programMs, offer.id, beforeLaunch ? OfferEnd::StoppedBeforeLaunch : OfferEnd::StoppedEarly,
            offer.remaining));
        return CommandResult::done({trKey("answers.sale_stopped"), {{"offer", offer.id}}});
    }
    if (command.name == "offer.hide") {
        // stop=true is the operator's "end it and take it down" in one step
        // (a rundown moving on while the sale may or may not have sold out).
        const bool stop = flagArg(command, "stop").value_or(false);
        if (running(offer) && !stop)
            return CommandResult::conflict({trKey("answers.sale_stop_first"), {{"sku", offer.sku}}});
        if (running(offer)) {
            offer.phase = OfferState::Phase::Ended;
            offer.endAtMs = programMs;
            timeline(TimelineRow::offerEnded(programMs, offer.id, OfferEnd::StoppedEarly, offer.remaining));
        }
        auto graphic = state.graphics.find(slot);
        if (graphic != state.graphics.end() && !graphic->second.hiddenAtMs)
            graphic->second.hiddenAtMs = programMs;
        timeline(TimelineRow::hidden(programMs, slot, "countdown", offer.sku, offer.id));
        state.offers.erase(found);
        return CommandResult::done({trKey("answers.sale_hidden"), {}});
    }
    return CommandResult::invalid(
        {trKey("answers.unknown_command"), {{"command", quoteValue(command.name)}}});
}

void ShowController::settleOffers(ShowState& state, int64_t programMs) {
    for (auto& [slot, offer] : state.offers) {
        if (offer.phase == OfferState::Phase::PreLaunch) {
            const ProductSpec* product = m_show.findProduct(offer.sku);
            const auto stock = product ? productStock(state, *product) : std::nullopt;
            if (stock && *stock == 0) {
                // The product ran out (other orders, a stock update) before the
                // sale opened: it never goes on sale.
                offer.phase = OfferState::Phase::SoldOut;
                offer.soldOutAtMs = programMs;
                timeline(TimelineRow::offerSoldOutBeforeLaunch(programMs, offer.id, offer.sku));
                continue;
            }
            if (programMs >= offer.launchAtMs) {
                offer.phase = OfferState::Phase::OnSale;
                if (stock && *stock < offer.remaining) offer.remaining = *stock;
                timeline(TimelineRow::offerOnSale(programMs, offer.id, slot));
            }
        }
        if (offer.phase == OfferState::Phase::OnSale && programMs >= offer.endAtMs) {
            offer.phase = OfferState::Phase::Ended;
            timeline(TimelineRow::offerEnded(programMs, offer.id, OfferEnd::TimeUp, offer.remaining));
        }
    }
}

} // namespace hawker::studio
