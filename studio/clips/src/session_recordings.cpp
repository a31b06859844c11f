#include "hawker/studio/clips/session_recordings.hpp"

#include <algorithm>

#include "hawker/studio/store/timeline_table.hpp"

namespace hawker::studio {

namespace {
SessionRecordings find(Database& db, int64_t sessionId, const std::string& output, bool all,
                       bool earlierRuns = false) {
    struct Named {
        std::string output, path;
        int64_t firstFrameProgramMs;
    };
    std::vector<Named> named;
    size_t beforeLastResume = 0;
    readTimeline(db, sessionId, 0, [&](const StoredTimelineRow& stored) {
        if (stored.row && stored.row->kind == TimelineKind::Recording)
            named.push_back({stored.row->output, stored.row->file, stored.row->baseMs});
        if (stored.row && stored.row->kind == TimelineKind::SessionResumed) beforeLastResume = named.size();
    });
    if (earlierRuns) named.resize(beforeLastResume);
    const std::string wanted =
        !output.empty() ? output : (named.empty() ? std::string() : named.front().output);
    SessionRecordings found;
    for (const Named& file : named) {
        if (!all && file.output != wanted) continue;
        try {
            found.parts.push_back(
                {file.output, file.path, file.firstFrameProgramMs, capture::probeRecording(file.path)});
        } catch (const std::exception& error) {
            found.missing.push_back(file.path + ": " + error.what());
        }
    }
    std::stable_sort(found.parts.begin(), found.parts.end(),
                     [](const RecordingPart& a, const RecordingPart& b) {
                         return a.firstFrameProgramMs < b.firstFrameProgramMs;
                     });
    return found;
}

} // namespace

SessionRecordings findRecordings(Database& db, int64_t sessionId, const std::string& output) {
    return find(db, sessionId, output, false);
}

SessionRecordings findAllRecordings(Database& db, int64_t sessionId, bool earlierRunsOnly) {
    return find(db, sessionId, {}, true, earlierRunsOnly);
}

} // namespace hawker::studio
