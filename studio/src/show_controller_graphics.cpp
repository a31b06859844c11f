// The show controller's commands for what is on screen besides the cameras:
// product cards, flash sales and the other graphics.

#include <charconv>
#include <set>

#include "hawker/studio/show_controller.hpp"

namespace hawker::studio {

namespace {
std::string arg(const Command& command, const std::string& key, const std::string& fallback = {}) {
    auto found = command.args.find(key);
    return found == command.args.end() ? fallback : found->second;
}

/// A whole number argument within [min, max]; an error message otherwise.
std::optional<std::string> intArg(const Command& command, const std::string& key, int64_t min, int64_t max,
                                  std::optional<int64_t> fallback, int64_t& out) {
    auto found = command.args.find(key);
    if (found == command.args.end()) {
        if (!fallback) return command.name + ": " + key + " is missing";
        out = *fallback;
        return std::nullopt;
    }
    const std::string& text = found->second;
    int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size())
        return command.name + ": " + key + " must be a whole number, got '" + text + "'";
    if (value < min || value > max)
        return command.name + ": " + key + " must be " + std::to_string(min) + ".." + std::to_string(max) +
               ", got " + text;
    out = value;
    return std::nullopt;
}

const std::set<std::string> kGraphicKinds = {"lower_third", "banner", "nudge", "comment", "poll"};
} // namespace

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

CommandResult ShowController::applyGraphic(const Command& command, ShowState& state, int64_t programMs) {
    if (command.name == "card.show") {
        const std::string slot = arg(command, "slot", "card");
        const std::string sku = arg(command, "sku");
        if (sku.empty()) return {false, "card.show: sku is missing"};
        if (!m_show.findProduct(sku)) return {false, "card.show: no product with sku '" + sku + "'"};
        auto current = state.graphics.find(slot);
        if (current != state.graphics.end() && current->second.kind == "card" && current->second.sku == sku &&
            !current->second.hiddenAtMs)
            return {true, "card " + sku + " already on air"};
        state.graphics[slot] = SlotGraphic{"card", sku, {}, programMs, std::nullopt};
        timeline(programMs, "card_shown", sku + " (slot " + slot + ")");
        return {true, "card " + sku + " shown in " + slot};
    }
    if (command.name == "card.hide" || command.name == "graphic.hide") {
        const std::string slot = arg(command, "slot", command.name == "card.hide" ? "card" : "");
        auto found = state.graphics.find(slot);
        if (found == state.graphics.end() || found->second.hiddenAtMs)
            return {false, command.name + ": nothing on air in slot '" + slot + "'"};
        found->second.hiddenAtMs = programMs;
        timeline(programMs, found->second.kind == "card" ? "card_hidden" : "graphic_hidden",
                 (found->second.sku.empty() ? found->second.kind : found->second.sku) + " (slot " + slot +
                     ")");
        return {true, "hid " + slot};
    }
    if (command.name == "card.update") {
        const std::string sku = arg(command, "sku");
        if (!m_show.findProduct(sku)) return {false, "card.update: no product with sku '" + sku + "'"};
        ProductLive& live = state.live[sku];
        int64_t value = 0;
        if (command.args.count("sold")) {
            if (auto error = intArg(command, "sold", 0, 100000000, std::nullopt, value))
                return {false, *error};
            live.sold = value;
        }
        if (command.args.count("stock")) {
            if (auto error = intArg(command, "stock", 0, 100000000, std::nullopt, value))
                return {false, *error};
            live.stock = value;
        }
        if (!command.args.count("sold") && !command.args.count("stock"))
            return {false, "card.update: give sold and/or stock"};
        return {true, "updated " + sku};
    }
    if (command.name == "graphic.show") {
        const std::string slot = arg(command, "slot");
        const std::string kind = arg(command, "kind");
        if (slot.empty()) return {false, "graphic.show: slot is missing"};
        if (!kGraphicKinds.count(kind))
            return {false, "graphic.show: kind must be lower_third, banner, nudge, comment or poll, got '" +
                               kind + "'"};
        SlotGraphic graphic{kind, {}, command.args, programMs, std::nullopt};
        graphic.fields.erase("slot");
        graphic.fields.erase("kind");
        state.graphics[slot] = std::move(graphic);
        timeline(programMs, "graphic_shown", kind + " (slot " + slot + ")");
        return {true, kind + " shown in " + slot};
    }
    return {false, "unknown command '" + command.name + "'"};
}

CommandResult ShowController::applyOffer(const Command& command, ShowState& state, int64_t programMs) {
    const std::string slot = arg(command, "slot", "countdown");
    if (command.name == "offer.start") {
        const std::string sku = arg(command, "sku");
        const ProductSpec* product = m_show.findProduct(sku);
        if (!product) return {false, "offer.start: no product with sku '" + sku + "'"};
        auto running = state.offers.find(slot);
        if (running != state.offers.end() && (running->second.phase == OfferState::Phase::PreLaunch ||
                                              running->second.phase == OfferState::Phase::OnSale))
            return {false,
                    "offer.start: a flash sale for " + running->second.sku + " is still running in " + slot};
        OfferState offer;
        offer.sku = sku;
        int64_t prelaunchS = 0, durationS = 0, limit = 0;
        if (auto e =
                intArg(command, "price_cents", 1, product->priceCents, std::nullopt, offer.dealPriceCents))
            return {false, *e + " (a deal price is at most the list price)"};
        if (auto e = intArg(command, "quantity", 1, 1000000, std::nullopt, offer.quantity))
            return {false, *e};
        if (auto e = intArg(command, "prelaunch_s", 10, 300, 10, prelaunchS)) return {false, *e};
        if (auto e = intArg(command, "duration_s", 60, 1200, 300, durationS)) return {false, *e};
        if (auto e = intArg(command, "per_buyer_limit", 0, 1000, 0, limit)) return {false, *e};
        offer.remaining = offer.quantity;
        offer.perBuyerLimit = static_cast<int>(limit);
        offer.launchAtMs = programMs + prelaunchS * 1000;
        offer.endAtMs = offer.launchAtMs + durationS * 1000;
        state.offers[slot] = offer;
        state.graphics[slot] = SlotGraphic{"countdown", sku, {}, programMs, std::nullopt};
        timeline(programMs, "offer",
                 sku + " pre_launch: " + std::to_string(offer.quantity) + " at " +
                     std::to_string(offer.dealPriceCents) + " cents, launch in " +
                     std::to_string(prelaunchS) + " s");
        return {true, "flash sale " + sku + " starts in " + std::to_string(prelaunchS) + " s"};
    }
    auto found = state.offers.find(slot);
    if (found == state.offers.end()) return {false, command.name + ": no flash sale in slot '" + slot + "'"};
    OfferState& offer = found->second;
    if (command.name == "offer.stop") {
        if (offer.phase != OfferState::Phase::PreLaunch && offer.phase != OfferState::Phase::OnSale)
            return {false, "offer.stop: the sale of " + offer.sku + " is already " + toString(offer.phase)};
        offer.phase = OfferState::Phase::Ended;
        offer.endAtMs = programMs;
        timeline(programMs, "offer",
                 offer.sku + " ended: stopped early, " + std::to_string(offer.remaining) + " left");
        return {true, "stopped " + offer.sku};
    }
    if (command.name == "offer.sell") {
        if (offer.phase != OfferState::Phase::OnSale)
            return {false, "offer.sell: the sale of " + offer.sku + " is " + toString(offer.phase) +
                               ", not on sale"};
        int64_t quantity = 0;
        if (auto e = intArg(command, "quantity", 1, 1000000, 1, quantity)) return {false, *e};
        if (offer.perBuyerLimit > 0 && quantity > offer.perBuyerLimit)
            return {false, "offer.sell: " + std::to_string(quantity) + " is over the per-buyer limit of " +
                               std::to_string(offer.perBuyerLimit)};
        const int64_t sold = std::min(quantity, offer.remaining);
        offer.remaining -= sold;
        if (offer.remaining == 0) {
            offer.phase = OfferState::Phase::SoldOut;
            offer.soldOutAtMs = programMs;
            timeline(programMs, "offer",
                     offer.sku + " sold_out after " + std::to_string(programMs - offer.launchAtMs) + " ms");
        }
        return {true, "sold " + std::to_string(sold) + " of " + offer.sku + ", " +
                          std::to_string(offer.remaining) + " left"};
    }
    if (command.name == "offer.hide") {
        auto graphic = state.graphics.find(slot);
        if (graphic != state.graphics.end() && !graphic->second.hiddenAtMs)
            graphic->second.hiddenAtMs = programMs;
        if (offer.phase == OfferState::Phase::PreLaunch || offer.phase == OfferState::Phase::OnSale)
            return {false, "offer.hide: stop the sale of " + offer.sku + " first (offer.stop)"};
        state.offers.erase(found);
        return {true, "hid the flash sale"};
    }
    return {false, "unknown command '" + command.name + "'"};
}

} // namespace hawker::studio
