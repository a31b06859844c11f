#pragma once
// The names of every command the show controller understands, so a show
// file's cues can be checked before the show starts.

#include <string>

namespace hawker::studio {

bool isKnownCommand(const std::string& name);

} // namespace hawker::studio
