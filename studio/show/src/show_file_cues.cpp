// The show file's [[cues]]: commands an automated show sends at set times,
// each checked against the scenes, products and commands the show has.

#include <algorithm>

#include "hawker/studio/show/command_table.hpp"
#include "show_file_sections.hpp"

namespace hawker::studio::detail {

namespace {

/// Every key a cue does not name itself is an argument of its command (sku, slot, ...).
void readCueArguments(Fields& f, CueSpec& cue) {
    for (const std::string& key : f.unusedKeys()) {
        const toml::node* n = f.node(key);
        if (n->is_string())
            cue.args[key] = n->as_string()->get();
        else if (n->is_integer())
            cue.args[key] = std::to_string(n->as_integer()->get());
        else if (n->is_floating_point())
            cue.args[key] = std::to_string(n->as_floating_point()->get());
        else if (n->is_boolean())
            cue.args[key] = n->as_boolean()->get() ? "true" : "false";
        else
            f.fail(key, "expected a string, a number or true/false");
    }
}

} // namespace

void readCues(Fields& top, ShowSpec& show, const std::string& file) {
    forEachTable(top, "cues", file, [&](Fields& f, size_t) {
        CueSpec cue;
        cue.atSeconds = f.optNumber("at_s", -1, 0, 1e7);
        if (cue.atSeconds < 0) f.fail("at_s", "missing");
        cue.command = f.reqString("command");
        if (auto scene = f.optString("scene")) {
            // A camera a cue adds brings a scene with its id (source.add).
            const bool added = std::any_of(show.cues.begin(), show.cues.end(), [&](const CueSpec& earlier) {
                auto source = earlier.args.find("source");
                return earlier.command == "source.add" && source != earlier.args.end() &&
                       source->second == *scene;
            });
            if (!show.findScene(*scene) && !added) f.fail("scene", "no scene with id '" + *scene + "'");
            cue.scene = *scene;
        }
        cue.transition = readTransition(f, "transition", show);
        if (f.has("transition_ms")) cue.transitionMs = f.optInt("transition_ms", 0, 0, 10000);
        if (auto actor = f.optString("actor")) cue.actor = *actor;
        if (auto role = f.optString("role")) {
            const std::optional<Role> known = roleFromName(*role);
            if (!known) f.fail("role", "expected " + roleNames([](const RoleInfo&) { return true; }));
            cue.role = *known;
        }
        if (cue.command == "preview" || cue.command == "cut") {
            if (cue.scene.empty()) f.fail("scene", "missing (needed by '" + cue.command + "')");
        } else if (!isKnownCommand(cue.command)) {
            f.fail("command", "unknown command '" + cue.command + "'");
        }
        readCueArguments(f, cue);
        if (cue.args.count("sku") && !show.findProduct(cue.args["sku"]))
            f.fail("sku", "no product with sku '" + cue.args["sku"] + "'");
        show.cues.push_back(std::move(cue));
    });
}

} // namespace hawker::studio::detail
