#pragma once
// Every command the show takes, in one table: its name, the roles that may
// send it, its HTTP route, its arguments (types, ranges and lengths) and the
// controller's handler for it. The controller validates and dispatches from
// it; the API builds its routes and GET /api/v1/commands from it; the console
// asks it which buttons are live; `hawker commands` prints the table that
// docs/API.md carries (a test keeps the two equal).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hawker/studio/show/role.hpp"
#include "hawker/studio/show/show_controller.hpp"

namespace hawker::studio {

enum class ArgType : uint8_t {
    Id, ///< a name from the show (scene, sku, slot, output…): 1–128 bytes, no spaces or control characters
    Text,   ///< free text shown on air or stored: valid UTF-8, no control characters, at most maxBytes
    Whole,  ///< a whole number within [min, max]
    Number, ///< a decimal number within [min, max]
    Flag,   ///< true, false, 1 or 0
    Choice, ///< one of `choices`
};
const char* toString(ArgType type);

struct ArgSpec {
    std::string_view name;
    ArgType type = ArgType::Id;
    bool required = false;
    double min = 0, max = 0;               ///< Whole and Number
    size_t maxBytes = 128;                 ///< Id and Text
    std::vector<std::string_view> choices; ///< Choice
    std::string_view help;                 ///< one line for GET /commands and the docs
};

/// A role set as bits of 1 << Role.
using RoleSet = uint32_t;
constexpr RoleSet roleBit(Role role) {
    return RoleSet{1} << static_cast<unsigned>(role);
}

struct CommandSpec {
    using Handler = CommandResult (ShowController::*)(const Command&, const Actor&, ShowState&, int64_t);
    std::string_view name;
    RoleSet roles = 0;
    /// POST path below /api/v1; {output} stands for a path argument of that
    /// name. Empty: only POST /api/v1/commands/{name}.
    std::string_view route;
    std::vector<ArgSpec> args;
    /// Whether other text arguments are passed through (a graphic's fields);
    /// each is Text of at most 512 bytes, and at most 16 of them.
    bool moreArgs = false;
    Handler handler = nullptr;
    std::string_view summary; ///< one line for GET /commands and the docs
};

/// Every command, in a stable order (switcher, graphics, sales, audio,
/// rundown, approvals, outputs, sources, coupons, show).
const std::vector<CommandSpec>& commandTable();
const CommandSpec* findCommand(std::string_view name);
bool isKnownCommand(std::string_view name);
/// Whether `role` may send `command` (false for an unknown command). The
/// show's [compliance] approver_roles can narrow who approves further.
bool mayRun(Role role, std::string_view command);

/// Checks `command`'s arguments against its entry: required ones present,
/// each of its type, range and length, none unknown. Then moves the
/// switcher's typed arguments (scene, transition, duration_ms) into their
/// fields. The refusal's text on failure; nothing is changed then.
std::optional<i18n::Phrase> checkArguments(const CommandSpec& spec, Command& command);

/// The Markdown table of every command (docs/API.md keeps a copy).
std::string commandTableMarkdown();

} // namespace hawker::studio
