#pragma once
// `hawker preflight SHOW.toml`: the show's real program is encoded for every
// output, for a few seconds, into local files (never to the platform); each
// file is measured (capture/stream_measure.hpp) and judged against its
// output's platform profile, and the scenes' graphics against the profile's
// safe area (show/profile_check.hpp).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/capture/stream_measure.hpp"
#include "hawker/studio/show/profile_check.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

struct PreflightOptions {
    double seconds = 10;           ///< how much program to encode (2 to 120)
    bool live = false;             ///< at the real clock (network cameras) instead of as fast as it goes
    std::filesystem::path workDir; ///< where the local sinks are written (one file per output)
};

struct PreflightOutput {
    std::string id;
    std::string profile; ///< empty: the output names none, and nothing is judged
    std::filesystem::path file;
    std::optional<capture::StreamMeasure> measured;
    std::string error; ///< why it could not be measured
    std::vector<RuleCheck> checks;
};

struct PreflightReport {
    double seconds = 0;
    std::vector<PreflightOutput> outputs;
    Verdict verdict = Verdict::Pass; ///< the worst row (fail too when an output could not be measured)
};

/// Runs the check; throws (a ShowFileError, an engine error) only when the program itself cannot run.
PreflightReport runPreflight(ShowSpec show, const PreflightOptions& options);

/// {"verdict","seconds","outputs":[{"id","profile","file","error","measured":{…},"checks":[{"rule",
/// "measured","allowed","verdict","source","confidence"}]}]}
nlohmann::json preflightJson(const PreflightReport& report);
/// The table `hawker preflight` prints: one row per rule per output.
std::string preflightTable(const PreflightReport& report);

} // namespace hawker::studio
