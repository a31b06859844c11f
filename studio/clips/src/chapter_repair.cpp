#include "hawker/studio/clips/chapter_repair.hpp"

#include "hawker/capture/av_util.hpp"
#include "hawker/capture/chapters.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/clips/session_recordings.hpp"
#include "hawker/studio/report/session_replay.hpp"
#include "hawker/studio/show/recording_chapters.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "hawker/studio/store/timeline_table.hpp"

namespace hawker::studio {

std::vector<RepairedRecording> repairChapters(Database& db, int64_t sessionId, bool earlierRunsOnly) {
    if (!SessionStore(db).find(sessionId)) throw StoreError("no session " + std::to_string(sessionId));
    std::map<std::string, std::string> names;
    for (const auto& [sku, product] : sessionProducts(db, sessionId))
        names[sku] = product.name;
    RecordingChapters chapters(std::move(names));
    readTimeline(db, sessionId, 0, [&](const StoredTimelineRow& stored) {
        if (stored.row) chapters.apply(*stored.row);
    });
    const SessionRecordings recordings = findAllRecordings(db, sessionId, earlierRunsOnly);
    if (chapters.marks().empty() && earlierRunsOnly) return {}; // nothing to write: no copy
    std::vector<RepairedRecording> out;
    for (const std::string& missing : recordings.missing)
        out.push_back({missing.substr(0, missing.find(": ")), 0, missing});
    for (const RecordingPart& part : recordings.parts) {
        std::vector<capture::Chapter> own;
        for (const ChapterMark& mark : chapters.marks())
            own.push_back(
                {part.fileMs(mark.startMs), mark.endMs < 0 ? -1 : part.fileMs(mark.endMs), mark.title});
        RepairedRecording result{part.path, 0, {}};
        try {
            result.chapters = capture::rewriteChapters(part.path, own);
        } catch (const std::exception& error) {
            result.error = error.what();
        }
        out.push_back(std::move(result));
    }
    return out;
}

EarlierPartsRepair::EarlierPartsRepair(std::filesystem::path database, int64_t sessionId) {
    m_thread = std::thread([database = std::move(database), sessionId] {
        capture::setThreadName("chapter-repair");
        try {
            Database db(database, Database::Threading::OneThread);
            for (const RepairedRecording& file : repairChapters(db, sessionId, true)) {
                if (file.error.empty())
                    logInfo("recording " + file.path + ": " + std::to_string(file.chapters) +
                            " chapters written again");
                else
                    logWarning("recording " + file.path + ": chapters not written: " + file.error);
            }
        } catch (const std::exception& error) {
            logWarning(std::string("chapters of the earlier parts not written: ") + error.what());
        }
    });
}

EarlierPartsRepair::~EarlierPartsRepair() {
    if (m_thread.joinable()) m_thread.join();
}

} // namespace hawker::studio
