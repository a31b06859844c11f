#pragma once
// `hawker recording repair`: a Matroska recording gets its chapters with its
// trailer, so a show killed mid-way leaves a file without them. This writes
// them again from the database's timeline into every file of the session,
// copying the packets (nothing is encoded again).

#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>
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
/// `earlierRunsOnly`: only the files of the runs before the last resume (what `hawker run --resume` repairs
/// beside the show it resumes).
std::vector<RepairedRecording> repairChapters(Database& db, int64_t sessionId, bool earlierRunsOnly = false);

/// Repairs a resumed session's earlier parts on a thread of its own, with its own connection, so the
/// resumed show does not wait for the copy; logs what it did. Joined by the destructor.
class EarlierPartsRepair {
public:
    EarlierPartsRepair(std::filesystem::path database, int64_t sessionId);
    ~EarlierPartsRepair();
    EarlierPartsRepair(const EarlierPartsRepair&) = delete;
    EarlierPartsRepair& operator=(const EarlierPartsRepair&) = delete;

private:
    std::thread m_thread;
};

} // namespace hawker::studio
