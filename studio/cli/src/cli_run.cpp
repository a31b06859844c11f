// `hawker run SHOW.toml`: a show without a window, with its log in a file
// beside its database (or in the user's state folder).

#include <iostream>

#include "cli_commands.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/cli/headless_runner.hpp"
#include "hawker/studio/show/show_file.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

int commandRun(const RunArgs& args) {
    openLogFile(logFilePath(args.db));
    EngineOptions options;
    options.overwrite = args.overwrite;
    options.database = args.db;
    options.session = args.session;
    options.resume = args.resume;
    if (args.resumeLast) {
        // The newest session whose show stopped while it was live.
        Database database(options.database);
        const auto live = SessionStore(database).live();
        if (live.empty())
            throw std::runtime_error("no live session to resume in " + options.database.string());
        options.resume = live.back().id;
    }
    options.rehearsal = args.rehearsal;
    options.simulateAudience = args.simulate;
    if (args.seed) options.audienceSeed = static_cast<uint64_t>(*args.seed);
    options.offline = args.offline;
    options.durationSeconds = args.duration.value_or(0);
    ShowSpec show = loadShowFile(args.show);
    return runHeadless(std::move(show), options, std::cout);
}

} // namespace hawker::studio
