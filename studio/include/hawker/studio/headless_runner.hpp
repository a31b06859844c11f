#pragma once
// Runs a show without a window: periodic one-line status, a final summary,
// a clean stop on Ctrl+C or SIGTERM.

#include <iosfwd>

#include "hawker/studio/program_engine.hpp"

namespace hawker::studio {

/// Prepares, runs and finishes the show; returns the process exit status.
/// Throws std::runtime_error for problems found before the program started.
/// `sessionId`, when given, receives the session the show was recorded as (0: none).
int runHeadless(ShowSpec show, const EngineOptions& options, std::ostream& out, int64_t* sessionId = nullptr);

/// The one-line status ("status t=12.0 frames=360 ...").
std::string formatStatus(const EngineStatus& status, double fps);
/// The summary lines printed when the show ends (key=value tokens).
std::string formatSummary(const EngineStatus& status);
/// The live analytics line ("analytics session=3 pv=… uv=… gmv_cents=… alerts=…").
std::string formatAnalytics(const LiveAnalytics& analytics);

} // namespace hawker::studio
