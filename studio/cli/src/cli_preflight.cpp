// `hawker preflight SHOW.toml`: the show's encode checked against each output's
// platform profile before the show (engine/preflight.hpp does the work).

#include <cstdlib>
#include <iostream>
#include <optional>
#include <stdexcept>

#include "cli_commands.hpp"
#include "hawker/studio/engine/preflight.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

namespace {

/// The preflight's own folder for its files, removed with everything in it however the check ends.
struct ScratchFolder {
    std::filesystem::path path;
    ScratchFolder() {
        std::string pattern = (std::filesystem::temp_directory_path() / "hawker-preflight.XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            throw std::runtime_error("cannot make a folder for the preflight's files");
        path = pattern;
    }
    ~ScratchFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
};

} // namespace

int commandPreflight(const PreflightArgs& args) {
    ShowSpec show = loadShowFile(args.show);
    PreflightOptions options;
    options.seconds = args.seconds;
    options.live = args.live;
    std::optional<ScratchFolder> scratch; // unless the files are to be kept
    if (args.keep) {
        options.workDir = *args.keep;
    } else {
        scratch.emplace();
        options.workDir = scratch->path;
    }
    const PreflightReport report = runPreflight(std::move(show), options);
    if (args.json)
        std::cout << preflightJson(report).dump(2) << std::endl;
    else
        std::cout << preflightTable(report) << std::flush;
    if (report.verdict != Verdict::Fail) return 0;
    size_t failed = 0;
    for (const PreflightOutput& output : report.outputs) {
        failed += output.error.empty() ? 0 : 1;
        for (const RuleCheck& check : output.checks)
            failed += check.verdict == Verdict::Fail ? 1 : 0;
    }
    // main's one error line and status 1, as every failed command.
    throw std::runtime_error("preflight failed: " + std::to_string(failed) + " rule(s) broken");
}

} // namespace hawker::studio
