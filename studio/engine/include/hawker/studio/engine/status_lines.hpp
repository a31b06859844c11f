#pragma once
// The text lines a running show prints: the once-a-second status, the summary
// at its end and the live analytics line. Tests and scripts read them by key,
// so their keys are stable (docs/API.md lists them).

#include <string>

#include "hawker/studio/engine/program_engine.hpp"

namespace hawker::studio {

/// The one-line status ("status t=12.0 frames=360 ...").
std::string formatStatus(const EngineStatus& status, double fps);
/// The summary lines printed when the show ends (key=value tokens).
std::string formatSummary(const EngineStatus& status);
/// The live analytics line ("analytics session=3 pv=… uv=… gmv_cents=… alerts=…").
std::string formatAnalytics(const LiveAnalytics& analytics);

} // namespace hawker::studio
