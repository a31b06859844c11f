#include "hawker/studio/command_names.hpp"

#include <set>

namespace hawker::studio {

bool isKnownCommand(const std::string& name) {
    static const std::set<std::string> known = {
        "preview",      "take",         "cut",         "transition", // switcher
        "card.show",    "card.hide",    "card.update",               // product cards
        "offer.start",  "offer.stop",   "offer.sell",  "offer.hide", // flash sales
        "graphic.show", "graphic.hide",                              // other graphics
        "audio.gain",   "audio.mute",                                // the program mix
    };
    return known.count(name) > 0;
}

} // namespace hawker::studio
