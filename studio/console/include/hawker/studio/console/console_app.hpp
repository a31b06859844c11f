#pragma once
// The console: a GLFW window with Dear ImGui panels over the command layer.
// One login (role) per window; the operator's and host's logins run the
// show, the merchandiser's reviews past sessions and never touches the program.

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "hawker/studio/base/translations.hpp"
#include "hawker/studio/engine/program_engine.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

struct ConsoleOptions {
    std::optional<ShowSpec> show; ///< the show to run; none: a review-only login
    EngineOptions engine;         ///< previewBus is switched on by the console
    Role role = Role::Operator;
    std::string who; ///< the audit log's name for this desk (default: $USER)
    /// The login's token (from --token-file or $HAWKER_CONSOLE_TOKEN): checked
    /// against the show's tokens of `role`; required by [api] console_login = "token".
    std::optional<std::string> loginToken;
    std::filesystem::path screenshot; ///< write the window here after `afterFrames` frames, then exit
    int afterFrames = 0;
    bool hostWindow = false;              ///< also open the host's prompter in a window of its own
    std::optional<int64_t> reviewSession; ///< the review opens this session first
    int width = 1600, height = 1000;      ///< window size (screen coordinates)
    /// The language (--lang); none: the one saved in the login's settings, else the system locale's.
    std::optional<i18n::Language> language;
};

/// Runs the console until its window closes; returns the process exit status.
/// Throws std::runtime_error when no window can be made (no display) or the
/// show cannot start; the show's own faults appear in the window instead.
int runConsole(ConsoleOptions options, std::ostream& out);

} // namespace hawker::studio
