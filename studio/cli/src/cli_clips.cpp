// hawker clips and hawker recording repair: clips of each on-air window and
// the recordings' chapters, from a session's database and recordings.

#include <cstdio>
#include <iostream>

#include "cli_commands.hpp"
#include "hawker/studio/base/money.hpp"
#include "hawker/studio/clips/chapter_repair.hpp"
#include "hawker/studio/clips/clip_job.hpp"

namespace hawker::studio {

namespace {
void requireDatabase(const std::string& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) throw std::runtime_error("no database at " + path);
}
} // namespace

int commandClips(const ClipsArgs& args) {
    requireDatabase(args.db);
    ClipOptions options;
    options.outDir = args.out;
    options.filter.sku = args.sku;
    if (args.kind) options.filter.kind = parseClipKind(*args.kind);
    options.preSeconds = args.pre;
    options.postSeconds = args.post;
    options.maxSeconds = args.maxSeconds;
    options.burnCard = args.burnCard;
    options.output = args.output;
    if (const std::string problem = checkClipOptions(options); !problem.empty())
        throw std::runtime_error(problem);

    Database database(args.db, Database::Threading::OneThread);
    const SessionReplay replay = replaySession(database, args.session);
    const SessionRecordings recordings = findRecordings(database, args.session, args.output);
    for (const std::string& missing : recordings.missing)
        std::cerr << "hawker: warning: recording " << missing << "\n";
    if (recordings.parts.empty())
        throw std::runtime_error("session " + std::to_string(args.session) +
                                 " has no readable recording on its timeline" +
                                 (args.output.empty() ? "" : " for output " + args.output));
    std::string told;
    const ClipRun run = cutClips(replay, recordings, options, [&](const ClipProgress& p) {
        if (p.current.empty() || p.current == told) return;
        told = p.current;
        std::cerr << "cutting " << p.done + 1 << "/" << p.total << " " << p.current << "\n";
    });
    for (const std::string& skipped : run.skipped)
        std::cerr << "hawker: warning: skipped " << skipped << "\n";
    for (const ClipEntry& clip : run.clips) {
        char line[256];
        std::snprintf(line, sizeof line, "%-32s %-8s %-14s %6.1f s  GMV %s\n", clip.file.c_str(),
                      toString(clip.window.kind), clip.window.sku.c_str(), clip.durationSeconds,
                      figures::formatYuan(static_cast<double>(clip.window.gmvCents)).c_str());
        std::cout << line;
    }
    std::cout << "wrote " << run.clips.size() << " clips and " << (options.outDir / "clips.json").string()
              << ", " << (options.outDir / "clips.csv").string() << "\n";
    return 0;
}

int commandRecordingRepair(const RecordingRepairArgs& args) {
    requireDatabase(args.db);
    Database database(args.db, Database::Threading::OneThread);
    const std::vector<RepairedRecording> files = repairChapters(database, args.session);
    if (files.empty())
        throw std::runtime_error("session " + std::to_string(args.session) +
                                 " has no recording on its timeline");
    bool failed = false;
    for (const RepairedRecording& file : files) {
        if (file.error.empty()) {
            std::cout << file.path << ": " << file.chapters << " chapters\n";
        } else {
            std::cerr << "hawker: error: " << file.path << ": " << file.error << "\n";
            failed = true;
        }
    }
    return failed ? 1 : 0;
}

} // namespace hawker::studio
