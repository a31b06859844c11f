#include "hawker/studio/show/command_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "hawker/capture/channel_settings.hpp"
#include "hawker/overlay/utf8.hpp"
#include "hawker/studio/base/phrase.hpp"
#include "hawker/studio/base/quoted_text.hpp"
#include "hawker/studio/base/untrusted_text.hpp"

namespace hawker::studio {

namespace {

constexpr RoleSet kProgram = roleBit(Role::Operator) | roleBit(Role::Automation);
constexpr RoleSet kApprovers = roleBit(Role::Host) | roleBit(Role::Merchandiser);
constexpr RoleSet kOrderFeed = kProgram | roleBit(Role::Ingest);
constexpr size_t kMaxMoreArgs = 16;
constexpr size_t kMaxMoreArgBytes = 512;

ArgSpec argument(std::string_view name, ArgType type, bool required, std::string_view help) {
    ArgSpec spec;
    spec.name = name;
    spec.type = type;
    spec.required = required;
    spec.help = help;
    return spec;
}
ArgSpec sized(ArgSpec spec, size_t maxBytes) {
    spec.maxBytes = maxBytes;
    return spec;
}
ArgSpec ranged(ArgSpec spec, double min, double max) {
    spec.min = min;
    spec.max = max;
    return spec;
}
ArgSpec id(std::string_view name, bool required, std::string_view help, size_t maxBytes = 128) {
    return sized(argument(name, ArgType::Id, required, help), maxBytes);
}
ArgSpec text(std::string_view name, bool required, size_t maxBytes, std::string_view help) {
    return sized(argument(name, ArgType::Text, required, help), maxBytes);
}
ArgSpec whole(std::string_view name, bool required, double min, double max, std::string_view help) {
    return ranged(argument(name, ArgType::Whole, required, help), min, max);
}
ArgSpec number(std::string_view name, bool required, double min, double max, std::string_view help) {
    return ranged(argument(name, ArgType::Number, required, help), min, max);
}
ArgSpec flag(std::string_view name, bool required, std::string_view help) {
    return argument(name, ArgType::Flag, required, help);
}
ArgSpec choice(std::string_view name, bool required, std::vector<std::string_view> choices,
               std::string_view help) {
    ArgSpec spec = argument(name, ArgType::Choice, required, help);
    spec.choices = std::move(choices);
    return spec;
}

} // namespace

std::vector<CommandSpec> buildCommandTable() {
    using C = ShowController;
    const ArgSpec scene = id("scene", true, "the scene's id");
    const ArgSpec transition = choice("transition", false, {"cut", "fade", "stinger"},
                                      "how the take looks (stinger: the show's clip)");
    const ArgSpec durationMs = whole("duration_ms", false, 0, 10000, "the fade's length in ms");
    const ArgSpec saleSlot = id("slot", false, "the countdown's slot (default countdown)");
    const ArgSpec output = id("output", true, "the output's id");
    const ArgSpec source = id("source", true, "the camera's or input's id", 32);
    const ArgSpec url = text("url", true, 2048, "what FFmpeg opens");
    const ArgSpec format = id("format", false, "FFmpeg's input format, when the URL does not say", 32);
    const ArgSpec coupon = id("coupon", true, "the coupon's id in the show file");
    const ArgSpec count = whole("count", false, 1, 1000000, "how many (default 1)");
    const ArgSpec card = id("card", false, "the SKU whose card is approved (or offer)");
    const ArgSpec offer = id("offer", false, "the offer's id, or an ad-hoc sale's SKU (or card)");
    const ArgSpec x = whole("x", true, -7680, 7680, "left edge, canvas pixels");
    const ArgSpec y = whole("y", true, -7680, 7680, "top edge, canvas pixels");
    const ArgSpec w = whole("w", true, 8, 15360, "width, canvas pixels");
    const ArgSpec h = whole("h", true, 8, 15360, "height, canvas pixels");
    const ArgSpec apply = flag("apply", false, "whether the segment's scene, card and offer go on air");
    return {
        {"preview", kProgram, "/preview", {scene}, false, &C::applySwitcher, "puts a scene in preview"},
        {"take",
         kProgram,
         "/take",
         {transition, durationMs},
         false,
         &C::applySwitcher,
         "swaps preview and program"},
        {"cut", kProgram, "/cut", {scene}, false, &C::applySwitcher, "puts a scene on program at once"},
        {"transition",
         kProgram,
         "/transition",
         {transition, durationMs},
         false,
         &C::applySwitcher,
         "sets how the next takes look"},
        {"card.show",
         kProgram,
         "/cards/show",
         {id("sku", true, "the product's SKU"), id("slot", false, "the card's slot (default card)")},
         false,
         &C::applyGraphic,
         "shows a product card (approved first where the show requires it)"},
        {"card.hide",
         kProgram,
         "/cards/hide",
         {id("slot", false, "the card's slot (default card)")},
         false,
         &C::applyGraphic,
         "takes a card down"},
        {"card.update",
         kProgram,
         "/cards/update",
         {id("sku", true, "the product's SKU"), whole("sold", false, 0, 1e8, "units sold so far"),
          whole("stock", false, 0, 1e8, "units left")},
         false,
         &C::applyGraphic,
         "updates a card's sold and stock figures"},
        {"offer.start",
         kProgram,
         "/offers/start",
         {offer, id("sku", false, "an ad-hoc sale's product"),
          text("title", false, 64, "an ad-hoc sale's title (default 限时秒杀)"),
          id("variant", false, "an A/B label (A, B, …)", 32),
          whole("price_cents", false, 1, 1e9, "the deal price, at most the list price"),
          whole("quantity", false, 1, 1000000, "units on sale"),
          whole("prelaunch_s", false, 10, 300, "the countdown before the sale opens"),
          whole("duration_s", false, 60, 1200, "how long the sale runs"),
          whole("per_buyer_limit", false, 0, 1000, "units one buyer may buy (0: no limit)"), saleSlot,
          flag("scheduled", false, "set by the show's schedule")},
         false,
         &C::applyOffer,
         "starts a flash sale: planned (offer) or ad hoc (sku and terms)"},
        {"offer.stop",
         kProgram,
         "/offers/stop",
         {saleSlot},
         false,
         &C::applyOffer,
         "ends a flash sale early"},
        {"offer.sell",
         kOrderFeed,
         "/offers/sell",
         {saleSlot, whole("quantity", false, 1, 1000000, "units in the order (default 1)"),
          text("buyer", false, 128, "the buyer's platform id (kept only hashed)")},
         false,
         &C::applyOffer,
         "counts an order against the running sale"},
        {"offer.hide",
         kProgram,
         "/offers/hide",
         {saleSlot, flag("stop", false, "end a running sale too")},
         false,
         &C::applyOffer,
         "takes the countdown down"},
        {"graphic.show",
         kProgram,
         "/graphics/show",
         {id("slot", true, "the graphic's slot"),
          choice("kind", true, {"lower_third", "banner", "nudge", "comment", "poll"}, "what it draws")},
         true,
         &C::applyGraphic,
         "shows a lower third, banner, nudge, pinned comment or poll; other arguments are its fields"},
        {"graphic.hide",
         kProgram,
         "/graphics/hide",
         {id("slot", true, "the graphic's slot")},
         false,
         &C::applyGraphic,
         "takes a graphic down"},
        {"audio.gain",
         kProgram,
         "/audio/gain",
         {id("input", true, "the audio input's id"), number("db", true, -60, 24, "the gain in dB")},
         false,
         &C::applyAudio,
         "sets an input's level in the program mix"},
        {"audio.mute",
         kProgram,
         "/audio/mute",
         {id("input", true, "the audio input's id"), flag("muted", true, "true mutes, false unmutes")},
         false,
         &C::applyAudio,
         "mutes or unmutes an input"},
        {"audio.solo",
         kProgram,
         "/audio/solo",
         {id("input", true, "the audio input's id"),
          flag("solo", true,
               "true sends the input to the monitor bus (even muted); the program is unchanged")},
         false,
         &C::applyAudio,
         "puts an input on the operator's monitor, or takes it off"},
        {"audio.delay",
         kProgram,
         "/audio/delay",
         {id("input", true, "the audio input's id"),
          whole("ms", true, 0, capture::kMaxDelayMs,
                "the delay in ms, to line the input up with a late picture")},
         false,
         &C::applyAudio,
         "delays an input's sound"},
        {"audio.gate",
         kProgram,
         "/audio/gate",
         {id("input", true, "the audio input's id"), flag("on", true, "true switches the noise gate on"),
          number("threshold_db", false, -90, 0, "where the gate opens, in dBFS (default: as it was)")},
         false,
         &C::applyAudio,
         "switches an input's noise gate on or off, or moves its threshold"},
        {"rundown.next",
         kProgram | roleBit(Role::Host),
         "/rundown/next",
         {apply},
         false,
         &C::applyRundown,
         "moves to the next segment"},
        {"rundown.goto",
         kProgram,
         "/rundown/goto",
         {whole("index", true, 1, 10000, "the segment's number, from 1"), apply},
         false,
         &C::applyRundown,
         "moves to a segment"},
        {"approve",
         kApprovers,
         "/approvals",
         {card, offer},
         false,
         &C::applyApproval,
         "approves a card or an offer for air (the compliance gate)"},
        {"approval.revoke",
         kApprovers,
         "/approvals/revoke",
         {card, offer},
         false,
         &C::applyApproval,
         "takes an approval back"},
        {"output.start",
         kProgram,
         "/outputs/{output}/start",
         {output},
         false,
         &C::applyOutput,
         "starts a stopped output again"},
        {"output.stop",
         kProgram,
         "/outputs/{output}/stop",
         {output},
         false,
         &C::applyOutput,
         "stops an output (the others go on)"},
        {"source.add",
         kProgram,
         "",
         {source, url, format, text("name", false, 64, "what the console calls it"),
          id("slots_from", false, "a scene whose graphic slots the new camera's scene gets"),
          flag("audio", false, "its sound joins the program mix, as a strip of its own (default false)")},
         false,
         &C::applySource,
         "adds a camera or input during the show"},
        {"source.remove", kProgram, "", {source}, false, &C::applySource, "removes an added camera"},
        {"source.reconnect", kProgram, "", {source}, false, &C::applySource, "reconnects a camera now"},
        {"source.edit",
         kProgram,
         "",
         {source, url, format},
         false,
         &C::applySource,
         "points a camera at another URL"},
        {"layout.move",
         kProgram,
         "/layout/move",
         {scene, whole("layer", false, 0, 63, "the layer's index in the scene (or slot)"),
          id("slot", false, "the graphic slot's name (or layer)"), x, y, w, h},
         false,
         &C::applyLayout,
         "moves or resizes a layer or graphic slot of a scene (on preview until TAKE)"},
        {"layout.add",
         kProgram,
         "/layout/add",
         {scene, choice("kind", true, {"source", "image", "color"}, "what the layer shows"),
          id("source", false, "kind source: the camera", 32),
          text("path", false, 1024, "kind image: a picture in the show's folder"),
          text("color", false, 9, "kind color: #RRGGBB or #RRGGBBAA"), x, y, w, h,
          choice("fit", false, {"cover", "contain", "stretch"}, "how a picture fills the rectangle")},
         false,
         &C::applyLayout,
         "adds a layer on top of a scene (on preview until TAKE)"},
        {"layout.remove",
         kProgram,
         "/layout/remove",
         {scene, whole("layer", true, 0, 63, "the layer's index in the scene")},
         false,
         &C::applyLayout,
         "removes a layer of a scene (on preview until TAKE)"},
        {"layout.undo", kProgram, "/layout/undo", {}, false, &C::applyLayout, "undoes the last layout edit"},
        {"layout.redo", kProgram, "/layout/redo", {}, false, &C::applyLayout, "redoes the last undone edit"},
        {"scene.create",
         kProgram,
         "/scenes/create",
         {id("scene", true, "the new scene's id", 32),
          choice("template", true, {"host_full", "host_pip", "split", "product_closeup"}, "its layout"),
          text("name", false, 64, "what the console calls it"),
          id("host", false, "the host's camera (default the first)", 32),
          id("product", false, "the product's camera (default the second)", 32),
          id("slots_from", false, "a scene whose graphic slots it gets (default the first)")},
         false,
         &C::applyLayout,
         "makes a new scene from a template"},
        {"show.save",
         kProgram,
         "/show/save",
         {},
         false,
         &C::applyLayout,
         "writes the edited layouts and new scenes into the show file"},
        {"coupon.issue",
         kOrderFeed,
         "/coupons/issue",
         {coupon, count},
         false,
         &C::applyCoupon,
         "counts coupons issued"},
        {"coupon.redeem",
         kOrderFeed,
         "/coupons/redeem",
         {coupon, count},
         false,
         &C::applyCoupon,
         "counts coupons redeemed"},
        {"show.stop", kProgram, "/show/stop", {}, false, &C::applyShowStop, "ends the show"},
    };
}

namespace {

/// What an argument must be, in the reader's language (the API's documentation has it in English).
i18n::Phrase formPhrase(const ArgSpec& arg) {
    auto bound = [](double v) {
        std::ostringstream out;
        out << std::fixed;
        out.precision(v == std::floor(v) ? 0 : 2);
        out << v;
        return out.str();
    };
    switch (arg.type) {
    case ArgType::Whole:
        return {i18n::trKey("answers.form_whole"), {{"min", bound(arg.min)}, {"max", bound(arg.max)}}};
    case ArgType::Number:
        return {i18n::trKey("answers.form_number"), {{"min", bound(arg.min)}, {"max", bound(arg.max)}}};
    case ArgType::Flag:
        return {i18n::trKey("answers.form_flag")};
    case ArgType::Choice: {
        // The choices are the words the sender must write, so they are never translated.
        if (arg.choices.size() < 2)
            return {i18n::trKey("answers.as_given"),
                    {{"text", arg.choices.empty() ? std::string() : std::string(arg.choices.front())}}};
        std::string rest;
        for (size_t i = 0; i + 1 < arg.choices.size(); ++i)
            rest += (i == 0 ? "" : ", ") + std::string(arg.choices[i]);
        return {i18n::trKey("answers.form_choice"),
                {{"rest", rest}, {"last", std::string(arg.choices.back())}}};
    }
    case ArgType::Id:
        return {i18n::trKey("answers.form_id"), {{"bytes", std::to_string(arg.maxBytes)}}};
    case ArgType::Text:
        return {i18n::trKey("answers.form_text"), {{"bytes", std::to_string(arg.maxBytes)}}};
    }
    return {};
}

std::string describe(const ArgSpec& arg) {
    return i18n::say(i18n::Language::En, formPhrase(arg));
}

/// Why `value` does not fit `arg`: a malformed number and one out of range
/// are told apart, so the sender knows which to fix.
i18n::Phrase refusal(const std::string& command, const ArgSpec& arg, const std::string& value) {
    const std::string name(arg.name), min = std::to_string(static_cast<int64_t>(arg.min)),
                                      max = std::to_string(static_cast<int64_t>(arg.max));
    if (arg.type == ArgType::Whole) {
        int64_t n = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (error != std::errc() || end != value.data() + value.size())
            return {i18n::trKey("answers.arg_not_whole"),
                    {{"command", command}, {"arg", name}, {"value", quoteValue(value)}}};
        return {
            i18n::trKey("answers.arg_range"),
            {{"command", command}, {"arg", name}, {"min", min}, {"max", max}, {"value", shortened(value)}}};
    }
    if (arg.type == ArgType::Number)
        return {
            i18n::trKey("answers.arg_number"),
            {{"command", command}, {"arg", name}, {"min", min}, {"max", max}, {"value", quoteValue(value)}}};
    return {i18n::trKey("answers.arg_form"),
            {{"command", command},
             {"arg", name},
             i18n::phraseArg("form", formPhrase(arg)),
             {"value", quoteValue(value)}}};
}

/// Whether `value` is of `arg`'s type, range and length.
bool fits(const ArgSpec& arg, const std::string& value) {
    switch (arg.type) {
    case ArgType::Id:
        return !value.empty() && value.size() <= arg.maxBytes && !hasControlBytes(value) &&
               value.find(' ') == std::string::npos && overlay::sanitizeUtf8(value) == value;
    case ArgType::Text:
        return value.size() <= arg.maxBytes && !hasControlBytes(value) &&
               overlay::sanitizeUtf8(value) == value;
    case ArgType::Whole: {
        int64_t n = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
        return error == std::errc() && end == value.data() + value.size() && n >= arg.min && n <= arg.max;
    }
    case ArgType::Number: {
        char* end = nullptr;
        const double n = std::strtod(value.c_str(), &end);
        return !value.empty() && *end == '\0' && std::isfinite(n) && n >= arg.min && n <= arg.max;
    }
    case ArgType::Flag:
        return value == "true" || value == "false" || value == "1" || value == "0";
    case ArgType::Choice:
        return std::find(arg.choices.begin(), arg.choices.end(), value) != arg.choices.end();
    }
    return false;
}

} // namespace

const char* toString(ArgType type) {
    switch (type) {
    case ArgType::Id:
        return "id";
    case ArgType::Text:
        return "text";
    case ArgType::Whole:
        return "whole";
    case ArgType::Number:
        return "number";
    case ArgType::Flag:
        return "flag";
    case ArgType::Choice:
        return "choice";
    }
    return "text";
}

const std::vector<CommandSpec>& commandTable() {
    static const std::vector<CommandSpec> table = buildCommandTable();
    return table;
}

const CommandSpec* findCommand(std::string_view name) {
    for (const CommandSpec& spec : commandTable())
        if (spec.name == name) return &spec;
    return nullptr;
}

bool isKnownCommand(std::string_view name) {
    return findCommand(name) != nullptr;
}

bool mayRun(Role role, std::string_view command) {
    const CommandSpec* spec = findCommand(command);
    return spec && (spec->roles & roleBit(role)) != 0;
}

std::optional<i18n::Phrase> checkArguments(const CommandSpec& spec, Command& command) {
    const std::string name(spec.name);
    size_t more = 0;
    for (const auto& entry : command.args) {
        const std::string& key = entry.first;
        const std::string& value = entry.second;
        const auto declared = std::find_if(spec.args.begin(), spec.args.end(),
                                           [&key](const ArgSpec& arg) { return arg.name == key; });
        if (declared == spec.args.end()) {
            if (!spec.moreArgs) {
                std::string accepted;
                for (const ArgSpec& arg : spec.args)
                    accepted += (accepted.empty() ? "" : ", ") + std::string(arg.name);
                if (accepted.empty())
                    return i18n::Phrase{i18n::trKey("answers.arg_unknown_none"),
                                        {{"command", name}, {"arg", quoteValue(key)}}};
                return i18n::Phrase{i18n::trKey("answers.arg_unknown"),
                                    {{"command", name}, {"arg", quoteValue(key)}, {"accepted", accepted}}};
            }
            if (++more > kMaxMoreArgs)
                return i18n::Phrase{i18n::trKey("answers.arg_too_many"),
                                    {{"command", name}, {"count", std::to_string(kMaxMoreArgs)}}};
            if (key.empty() || key.size() > 64 || hasControlBytes(key) || overlay::sanitizeUtf8(key) != key)
                return i18n::Phrase{i18n::trKey("answers.arg_field_name"), {{"command", name}}};
            if (value.size() > kMaxMoreArgBytes || hasControlBytes(value) ||
                overlay::sanitizeUtf8(value) != value)
                return i18n::Phrase{i18n::trKey("answers.arg_field_value"),
                                    {{"command", name},
                                     {"arg", quoteValue(key)},
                                     {"bytes", std::to_string(kMaxMoreArgBytes)}}};
            continue;
        }
        // An empty optional argument is the same as none (a console field left blank).
        if (value.empty() && !declared->required) continue;
        if (!fits(*declared, value)) return refusal(name, *declared, value);
    }
    // The switcher's arguments may come typed already (cues, the console).
    auto given = [&](const ArgSpec& arg) {
        if (arg.name == "scene" && !command.scene.empty()) return true;
        auto found = command.args.find(std::string(arg.name));
        return found != command.args.end() && !found->second.empty();
    };
    for (const ArgSpec& arg : spec.args)
        if (arg.required && !given(arg))
            return i18n::Phrase{i18n::trKey("answers.arg_missing"),
                                {{"command", name}, {"arg", std::string(arg.name)}}};
    if (auto found = command.args.find("scene"); found != command.args.end()) {
        command.scene = found->second;
        command.args.erase(found);
    }
    if (auto found = command.args.find("transition"); found != command.args.end()) {
        command.transition = parseTransition(found->second);
        command.args.erase(found);
    }
    if (auto found = command.args.find("duration_ms"); found != command.args.end()) {
        command.transitionMs = std::stoi(found->second);
        command.args.erase(found);
    }
    if (command.transitionMs && (*command.transitionMs < 0 || *command.transitionMs > 10000))
        return i18n::Phrase{i18n::trKey("answers.arg_duration"), {{"command", name}}};
    return std::nullopt;
}

std::string commandTableMarkdown() {
    std::ostringstream out;
    out << "| command | roles | route (POST /api/v1…) | arguments | what it does |\n";
    out << "|---|---|---|---|---|\n";
    for (const CommandSpec& spec : commandTable()) {
        std::string roles;
        for (const RoleInfo& info : allRoles())
            if (spec.roles & roleBit(info.role))
                roles += (roles.empty() ? "" : ", ") + std::string(info.name);
        std::string args;
        for (const ArgSpec& arg : spec.args)
            args += (args.empty() ? "" : "; ") + std::string("`") + std::string(arg.name) + "`" +
                    (arg.required ? "" : "?") + " " + describe(arg);
        if (spec.moreArgs) args += "; other fields: text";
        out << "| `" << spec.name << "` | " << roles << " | "
            << (spec.route.empty() ? "`/commands/" + std::string(spec.name) + "`"
                                   : "`" + std::string(spec.route) + "`")
            << " | " << (args.empty() ? "none" : args) << " | " << spec.summary << " |\n";
    }
    return out.str();
}

} // namespace hawker::studio
