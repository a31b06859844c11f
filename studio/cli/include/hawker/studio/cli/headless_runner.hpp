#pragma once
// Runs a show without a window: periodic one-line status, a final summary,
// a clean stop on Ctrl+C or SIGTERM.

#include <iosfwd>

#include "hawker/studio/engine/program_engine.hpp"

namespace hawker::studio {

/// Prepares, runs and finishes the show; returns the process exit status.
/// Throws std::runtime_error for problems found before the program started.
/// `sessionId`, when given, receives the session the show was recorded as (0: none).
int runHeadless(ShowSpec show, const EngineOptions& options, std::ostream& out, int64_t* sessionId = nullptr);

} // namespace hawker::studio
