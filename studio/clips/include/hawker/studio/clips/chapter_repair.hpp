#pragma once
// `hawker recording repair`: a Matroska recording gets its chapters with its
// trailer, so a show killed mid-way leaves a file without them. This writes
// them again from the database's timeline into every file of the session,
// copying the packets (nothing is encoded again).

#include <cstdint>
#include <string>
#include <vector>

#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

struct RepairedRecording {
    std::string path;
    size_t chapters = 0;
    std::string error; ///< empty when it was rewritten
};

/// One entry per recording file the session's timeline names (one that cannot
/// be read is listed with its error). Throws StoreError for an unknown session.
std::vector<RepairedRecording> repairChapters(Database& db, int64_t sessionId);

} // namespace hawker::studio
