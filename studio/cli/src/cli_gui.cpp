// `hawker gui`: the console. Without a show file it runs the built-in demo
// show, as `hawker demo` does, with its session in the demo's folder. A
// console user has no terminal, so the log file (beside the database) is
// where a studio reads what happened.

#include <iostream>

#include "cli_commands.hpp"
#include "hawker/studio/api/console_login.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/console/console_app.hpp"

namespace hawker::studio {

int commandGui(const GuiArgs& args) {
    ConsoleOptions options;
    options.role = args.role;
    options.who = args.who;
    options.engine.overwrite = args.overwrite;
    options.hostWindow = args.hostWindow;
    options.language = args.language;
    if (args.screenshot) {
        options.screenshot = *args.screenshot;
        options.afterFrames = args.afterFrames;
    }
    if (args.width > 0) {
        options.width = args.width;
        options.height = args.height;
    }
    options.engine.database = args.db;
    // The merchandiser's review opens this session; a show would run it (a planned session).
    if (args.session) {
        if (options.role == Role::Merchandiser)
            options.reviewSession = *args.session;
        else
            options.engine.session = *args.session;
    }
    options.engine.rehearsal = args.rehearsal;
    options.engine.simulateAudience = args.simulate;
    if (args.seed) options.engine.audienceSeed = static_cast<uint64_t>(*args.seed);
    // The demo's recording, session and API tokens go to --out.
    const std::filesystem::path out = std::filesystem::absolute(args.out.value_or("hawker-demo"));
    if (!args.show && options.engine.database.empty()) options.engine.database = out / "hawker.db";
    openLogFile(logFilePath(options.engine.database));
    options.loginToken = consoleToken(args.tokenFile);
    if (!args.show) {
        if (options.role != Role::Merchandiser) options.show = loadDemoShow(out);
    } else {
        options.show = loadShowFile(*args.show);
    }
    return runConsole(std::move(options), std::cout);
}

} // namespace hawker::studio
