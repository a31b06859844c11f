#pragma once
// The roles people and automations act in. One table (role.cpp) says what
// each is called in the show file, the API, the audit log and the console, so
// a role is named in one place and compared as a value everywhere else.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hawker::studio {

enum class Role : uint8_t {
    Operator,     ///< runs the program: switcher, cards, flash sales, outputs
    Host,         ///< reads the prompter, advances the rundown, may approve
    Merchandiser, ///< approves cards and offers, reviews sessions
    Ingest,       ///< a platform feed: orders, coupon counts, viewer events
    Automation,   ///< cues, the rundown's automated segments, the order feed
};

struct RoleInfo {
    Role role;
    std::string_view name; ///< as written in show files, the API and the audit log
    const char* key;       ///< its name in the translation tables (roles.operator): how the console says it
    bool person;           ///< a person logs in as it (console, API token); automation is not one
    bool console;          ///< the console has a desk for it
};

/// Every role, in the order above.
std::span<const RoleInfo> allRoles();
const RoleInfo& roleInfo(Role role);
const char* toString(Role role);
/// The role's name as a key of the translation tables ("roles.operator").
const char* roleKey(Role role);
std::optional<Role> roleFromName(std::string_view name);
/// "operator, host or merchandiser": the names of the roles `accept` takes,
/// for error messages that list what would have been right.
std::string roleNames(bool (*accept)(const RoleInfo&));

} // namespace hawker::studio
