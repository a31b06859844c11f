// `hawker preflight SHOW.toml`: the show's encode checked against each output's
// platform profile before the show (engine/preflight.hpp does the work).

#include <cstdlib>
#include <iostream>

#include "cli_commands.hpp"
#include "hawker/studio/engine/preflight.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

int commandPreflight(const PreflightArgs& args) {
    ShowSpec show = loadShowFile(args.show);
    PreflightOptions options;
    options.seconds = args.seconds;
    options.live = args.live;
    // The sinks go to a private folder that is removed afterwards, unless they are to be kept.
    std::filesystem::path scratch;
    if (args.keep) {
        options.workDir = *args.keep;
    } else {
        std::string pattern = (std::filesystem::temp_directory_path() / "hawker-preflight.XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            throw std::runtime_error("cannot make a folder for the preflight's files");
        scratch = options.workDir = pattern;
    }
    PreflightReport report;
    try {
        report = runPreflight(std::move(show), options);
    } catch (...) {
        if (!scratch.empty()) std::filesystem::remove_all(scratch);
        throw;
    }
    if (!scratch.empty()) std::filesystem::remove_all(scratch);
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
    std::cerr << "hawker: error: preflight failed: " << failed << " rule(s) broken" << std::endl;
    return 1;
}

} // namespace hawker::studio
