#pragma once
// Everything about a show that is decided once, before its engine exists:
// where each output goes and which products it can put on air. Once the
// engine runs, its ShowSpec is read-only, so every thread (the compositor,
// the API, the console) reads it without a lock.

#include <vector>

#include "hawker/studio/engine/engine_options.hpp"
#include "hawker/studio/engine/stream_keys.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

struct SettledShow {
    ShowSpec show;
    /// One per show output, in show order: what FFmpeg opens, and the same masked.
    std::vector<ResolvedTarget> outputTargets;
};

/// In this order, so a show problem is found before anything is made:
/// 1. the stream keys of network outputs (a missing one throws);
/// 2. each recording's file for this run: never an existing file unless
///    `overwrite`; a resumed show records its next part beside the first;
/// 3. the stinger's length, from its file's header ([stinger]);
/// 4. the products imported into the session database's catalog (hawker
///    catalog import); the show file's own products win.
/// Throws std::runtime_error naming what failed.
SettledShow settleShow(ShowSpec show, const EngineOptions& options);

} // namespace hawker::studio
