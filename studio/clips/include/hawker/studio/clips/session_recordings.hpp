#pragma once
// The files a session was recorded into, found from its timeline's
// 'recording' rows (one per file, written when its first frame was), with
// where each sits on the program clock: a show stopped and started again, or
// killed and resumed, leaves several parts with gaps between them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hawker/capture/clip_cutter.hpp"
#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

struct RecordingPart {
    std::string output; ///< the show's output id
    std::string path;
    int64_t firstFrameProgramMs = 0; ///< program time of its first frame
    capture::RecordingSpan span;     ///< on the file's own timestamps
    int64_t programStartMs() const { return firstFrameProgramMs; }
    int64_t programEndMs() const { return firstFrameProgramMs + (span.endMs - span.firstMs); }
    /// The file time of program time `programMs`.
    int64_t fileMs(int64_t programMs) const { return span.firstMs + (programMs - firstFrameProgramMs); }
};

struct SessionRecordings {
    std::vector<RecordingPart> parts; ///< readable ones, in program order
    /// Files the timeline names that cannot be read now, with the reason.
    std::vector<std::string> missing;
};

/// The session's recordings of output `output` (empty: the first recording
/// output the timeline names). Probes each file (a cut-short file is read
/// through to find its end).
SessionRecordings findRecordings(Database& db, int64_t sessionId, const std::string& output = {});
/// Every recording output's files; `earlierRunsOnly`: those written before the session was last resumed
/// (the files of the run going on now are still being written).
SessionRecordings findAllRecordings(Database& db, int64_t sessionId, bool earlierRunsOnly = false);

} // namespace hawker::studio
