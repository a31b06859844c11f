#pragma once
// How a show is run: live or offline, for how long, as which session.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>

namespace hawker::studio {

struct EngineOptions {
    bool offline = false;       ///< virtual clock, as fast as possible, deterministic
    double durationSeconds = 0; ///< 0: until stopped
    bool previewBus = false;    ///< also compose the preview scene (for the console)
    std::chrono::milliseconds preflightTimeout{8000};
    std::chrono::milliseconds signalLostAfter{1000}; ///< grace before a frozen camera is tagged
    std::filesystem::path database;  ///< empty: no session; else the show is a session in this SQLite file
    bool rehearsal = false;          ///< the session is a rehearsal (left out of comparisons)
    std::optional<int64_t> session;  ///< run this planned session (goes live) instead of a new one
    std::optional<int64_t> resume;   ///< resume this live session, whose process died
    std::filesystem::path viewerKey; ///< the installation's viewer-hash key; empty: the default path
    bool simulateAudience =
        false; ///< a simulated audience (rehearsals, the demo); also the show's [audience]
    std::optional<uint64_t> audienceSeed; ///< overrides [audience] seed
    bool overwrite =
        false; ///< a recording whose file exists replaces it (else it goes beside it, -2, -3, ...)
};

} // namespace hawker::studio
