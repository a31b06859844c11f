#pragma once
// `hawker clips`, the console's Clips tab and POST /sessions/{id}/clips: one
// vertical clip per on-air window, cut from the session's recordings with a
// pre-roll and a post-roll, a JPEG thumbnail of each (its first frame with
// the card on screen), and a manifest (clips.json, clips.csv) sorted by GMV.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/clips/clip_windows.hpp"
#include "hawker/studio/clips/session_recordings.hpp"

namespace hawker::studio {

struct ClipOptions {
    std::filesystem::path outDir;
    ClipFilter filter;
    double preSeconds = 2, postSeconds = 2;
    double maxSeconds = 120; ///< a longer window is cut to its first maxSeconds (at most 15 min)
    bool burnCard = false;   ///< the product's card on screen for the whole clip
    std::string output;      ///< the recording output to cut from; empty: the first
};

/// The limits the options must keep (checked before anything is cut).
constexpr double kMaxClipSeconds = 15 * 60;
constexpr double kMaxRollSeconds = 60;
/// "" when the options are usable, else the reason.
std::string checkClipOptions(const ClipOptions& options);

struct ClipEntry {
    ClipWindow window;
    std::string file, thumbnail; ///< names inside the output folder
    int part = 0;                ///< 0: the whole window; 1, 2, …: its parts across a gap in the recording
    int64_t startMs = 0, endMs = 0; ///< program time the clip covers (pre-roll and post-roll included)
    double durationSeconds = 0;
    bool truncated = false; ///< the window ran longer than maxSeconds
    std::string recording;  ///< the file it was cut from
    int64_t encodedFrames = 0, copiedFrames = 0;
};

struct ClipRun {
    std::vector<ClipEntry> clips;
    /// Windows with no recording under them, with the reason.
    std::vector<std::string> skipped;
    std::vector<std::string> missingRecordings;
};

struct ClipProgress {
    size_t done = 0, total = 0; ///< clips
    double fraction = 0;        ///< of all the clips' seconds
    std::string current;        ///< the clip being cut
};

/// A plan: which clips would be cut from which recording (nothing is written).
ClipRun planClips(const SessionReplay& replay, const SessionRecordings& recordings,
                  const ClipOptions& options);

/// Cuts every clip of the plan into options.outDir and writes clips.json and
/// clips.csv there. Throws std::runtime_error for bad options or when a clip
/// cannot be cut (the clips cut before it stay, the manifest lists them);
/// `cancel` stops it between frames.
ClipRun cutClips(const SessionReplay& replay, const SessionRecordings& recordings, const ClipOptions& options,
                 const std::function<void(const ClipProgress&)>& progress = {},
                 const std::atomic<bool>* cancel = nullptr);

/// One manifest row: file, sku, kind, start_ms, end_ms, duration_s, orders, units, gmv_cents,
/// peak_viewers, product_clicks, gpm_cents, then name, label, part, window_start_ms,
/// window_end_ms, thumbnail, truncated.
nlohmann::json clipEntryJson(const ClipEntry& entry);
/// The manifest's CSV columns, in order.
const std::vector<std::string>& clipManifestColumns();
/// Writes DIR/clips.json ({"session","clips":[…],"skipped":[…]}) and DIR/clips.csv. The rows
/// of an earlier manifest of the same session there stay, unless this run cut their window again
/// or their clip file is gone; all by GMV.
void writeClipManifest(const std::filesystem::path& dir, int64_t sessionId, const ClipRun& run);

} // namespace hawker::studio
