#include "hawker/studio/show/command_policy.hpp"

#include <algorithm>
#include <set>

namespace hawker::studio {

namespace {
const std::set<std::string> kApprovals = {"approve", "approval.revoke"};
const std::set<std::string> kOrderFeed = {"offer.sell", "coupon.issue", "coupon.redeem"};
} // namespace

const std::vector<std::string>& knownCommands() {
    static const std::vector<std::string> names = {
        "preview",         "take",          "cut",
        "transition", // switcher
        "card.show",       "card.hide",
        "card.update", // product cards
        "offer.start",     "offer.stop",    "offer.sell",
        "offer.hide", // flash sales
        "graphic.show",
        "graphic.hide", // other graphics
        "audio.gain",
        "audio.mute", // the program mix
        "rundown.next",
        "rundown.goto", // run of show
        "approve",
        "approval.revoke", // compliance gate
        "output.start",
        "output.stop", // destinations
        "source.add",      "source.remove", "source.reconnect",
        "source.edit", // cameras and audio inputs
        "coupon.issue",
        "coupon.redeem", // coupon counts
        "show.stop",     // ends the show
    };
    return names;
}

bool isKnownCommand(const std::string& name) {
    const auto& names = knownCommands();
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool isKnownRole(const std::string& role) {
    return role == "operator" || role == "host" || role == "merchandiser" || role == "ingest" ||
           role == "automation";
}

bool mayRun(const std::string& role, const std::string& command) {
    if (!isKnownCommand(command)) return false;
    if (role == "operator" || role == "automation") return !kApprovals.count(command);
    if (role == "host") return command == "rundown.next" || kApprovals.count(command) > 0;
    if (role == "merchandiser") return kApprovals.count(command) > 0;
    if (role == "ingest") return kOrderFeed.count(command) > 0;
    return false;
}

} // namespace hawker::studio
