#pragma once
// Who sits at a console. A show file can hold the console's login to a
// token ([api] console_login = "token"): then `hawker gui --role operator`
// runs only with an operator token of that show, and the login's name (the
// person in the audit log and at the compliance gate) is the token's name.

#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/api/control_api.hpp"
#include "hawker/studio/show/selling_spec.hpp"
#include "hawker/studio/show/show_controller.hpp"

namespace hawker::studio {

/// The login of a console with `role` and name `who` (may be empty), given
/// `token` (the secret read from --token-file or $HAWKER_CONSOLE_TOKEN, if
/// any) and the show's resolved API tokens. A token, when given, must be one
/// of `tokens` with that role (checked in constant time) and names the
/// person; with ConsoleLogin::Token one must be given. Throws
/// std::runtime_error saying what to do otherwise.
Actor consoleLogin(const ApiSpec& api, const std::vector<ApiToken>& tokens, Role role, const std::string& who,
                   const std::optional<std::string>& token);

/// The token a console was given: the first line of `tokenFile` when set,
/// else $HAWKER_CONSOLE_TOKEN, else nullopt. Throws std::runtime_error when
/// the file cannot be read or is empty.
std::optional<std::string> consoleToken(const std::string& tokenFile);

} // namespace hawker::studio
