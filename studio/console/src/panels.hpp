#pragma once
// The one list of the console's panels, per login.

#include <memory>
#include <string>
#include <vector>

#include "panel.hpp"

namespace hawker::studio::console {

/// The panels of a `role`'s login, in menu order, placed for its first run.
std::vector<std::unique_ptr<Panel>> makePanels(Role role);

} // namespace hawker::studio::console
