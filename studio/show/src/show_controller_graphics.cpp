// The show controller's commands for graphics: product cards and the other
// on-air graphics (flash sales are in show_controller_offers.cpp).

#include <set>

#include "command_args.hpp"
#include "hawker/studio/base/quoted_text.hpp"
#include "hawker/studio/show/show_controller.hpp"

namespace hawker::studio {

using i18n::phraseArg;
using i18n::trKey;

using namespace detail;

CommandResult ShowController::applyGraphic(const Command& command, const Actor&, ShowState& state,
                                           int64_t programMs) {
    if (command.name == "card.show") {
        const std::string slot = arg(command, "slot", "card");
        const std::string sku = arg(command, "sku");
        if (!m_show.findProduct(sku))
            return CommandResult::invalid(
                {trKey("answers.no_product"), {{"command", "card.show"}, {"sku", quoteValue(sku)}}});
        if (auto refusal = gate("card.show", "card:" + sku, state)) return *refusal;
        auto current = state.graphics.find(slot);
        if (current != state.graphics.end() && current->second.kind == "card" && current->second.sku == sku &&
            !current->second.hiddenAtMs)
            return CommandResult::done({trKey("answers.card_already_on_air"), {{"sku", sku}}});
        state.graphics[slot] = SlotGraphic{"card", sku, {}, programMs, std::nullopt};
        timeline(TimelineRow::cardShown(programMs, sku, slot));
        return CommandResult::done({trKey("answers.card_shown"), {{"sku", sku}, {"slot", slot}}});
    }
    if (command.name == "card.hide" || command.name == "graphic.hide") {
        const std::string slot = arg(command, "slot", command.name == "card.hide" ? "card" : "");
        auto found = state.graphics.find(slot);
        if (found == state.graphics.end() || found->second.hiddenAtMs)
            return CommandResult::conflict(
                {trKey("answers.slot_empty"), {{"command", command.name}, {"slot", quoteValue(slot)}}});
        found->second.hiddenAtMs = programMs;
        timeline(TimelineRow::hidden(programMs, slot, found->second.kind, found->second.sku));
        return CommandResult::done({trKey("answers.hid"), {{"slot", slot}}});
    }
    if (command.name == "card.update") {
        const std::string sku = arg(command, "sku");
        if (!m_show.findProduct(sku))
            return CommandResult::invalid(
                {trKey("answers.no_product"), {{"command", "card.update"}, {"sku", quoteValue(sku)}}});
        ProductLive& live = state.live[sku];
        const bool sold = !arg(command, "sold").empty(), stock = !arg(command, "stock").empty();
        if (sold) live.sold = wholeArg(command, "sold", 0);
        if (stock) live.stock = wholeArg(command, "stock", 0);
        if (!sold && !stock) return CommandResult::invalid({trKey("answers.card_update_needs"), {}});
        return CommandResult::done({trKey("answers.card_updated"), {{"sku", sku}}});
    }
    if (command.name == "graphic.show") {
        const std::string slot = arg(command, "slot");
        const std::string kind = arg(command, "kind");
        SlotGraphic graphic{kind, {}, command.args, programMs, std::nullopt};
        graphic.fields.erase("slot");
        graphic.fields.erase("kind");
        state.graphics[slot] = std::move(graphic);
        timeline(TimelineRow::graphicShown(programMs, kind, slot));
        return CommandResult::done({trKey("answers.graphic_shown"), {{"kind", kind}, {"slot", slot}}});
    }
    return CommandResult::conflict(
        {trKey("answers.unknown_command"), {{"command", quoteValue(command.name)}}});
}

} // namespace hawker::studio
