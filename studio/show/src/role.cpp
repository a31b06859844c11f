#include "hawker/studio/show/role.hpp"

#include <array>

#include "hawker/studio/base/translations.hpp"

namespace hawker::studio {

namespace {
constexpr std::array<RoleInfo, 5> kRoles = {{
    {Role::Operator, "operator", i18n::trKey("roles.operator"), true, true},
    {Role::Host, "host", i18n::trKey("roles.host"), true, true},
    {Role::Merchandiser, "merchandiser", i18n::trKey("roles.merchandiser"), true, true},
    {Role::Ingest, "ingest", i18n::trKey("roles.ingest"), true, false},
    {Role::Automation, "automation", i18n::trKey("roles.automation"), false, false},
}};
} // namespace

std::span<const RoleInfo> allRoles() {
    return kRoles;
}

const RoleInfo& roleInfo(Role role) {
    return kRoles[static_cast<size_t>(role)];
}

const char* toString(Role role) {
    return roleInfo(role).name.data();
}

const char* roleKey(Role role) {
    return roleInfo(role).key;
}

std::optional<Role> roleFromName(std::string_view name) {
    for (const RoleInfo& info : kRoles)
        if (info.name == name) return info.role;
    return std::nullopt;
}

std::string roleNames(bool (*accept)(const RoleInfo&)) {
    std::string names, last;
    for (const RoleInfo& info : kRoles) {
        if (!accept(info)) continue;
        if (!last.empty()) names += (names.empty() ? "" : ", ") + last;
        last = std::string(info.name);
    }
    if (names.empty()) return last;
    return names + " or " + last;
}

} // namespace hawker::studio
