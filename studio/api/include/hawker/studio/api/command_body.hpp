#pragma once
// An HTTP command's JSON body as the command's arguments: the one place the
// API turns request bytes into a Command (the fuzzer drives it too).

#include <optional>
#include <string>

#include "hawker/studio/show/show_controller.hpp"

namespace hawker::studio {

/// The body's fields as arguments of command `name`; nullopt with `problem`
/// set when it is not a flat JSON object of strings, numbers and booleans.
std::optional<Command> commandFromBody(const std::string& name, const std::string& body,
                                       std::string& problem);

} // namespace hawker::studio
