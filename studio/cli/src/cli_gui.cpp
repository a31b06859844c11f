// `hawker gui`: the console. Without a show file it runs the built-in demo
// show, as `hawker demo` does, with its session in the demo's folder.

#include <cstdlib>
#include <iostream>

#include "cli_commands.hpp"
#include "hawker/studio/api/console_login.hpp"
#include "hawker/studio/cli/cli_options.hpp"
#include "hawker/studio/console/console_app.hpp"
#include "hawker/studio/show/command_table.hpp"

namespace hawker::studio {

int commandGui(const std::vector<std::string>& args) {
    for (const std::string& arg : args)
        if (arg == "--token" || arg.rfind("--token=", 0) == 0)
            throw UsageError("a token never goes on the command line (other users see it there): use "
                             "--token-file FILE or HAWKER_CONSOLE_TOKEN");
    const ParsedArgs parsed = parseArgs(args,
                                        {"--role", "--db", "--out", "--screenshot", "--after-frames",
                                         "--seed", "--size", "--who", "--session", "--token-file"},
                                        {"--simulate", "--rehearsal", "--host-window", "--overwrite"});
    if (parsed.positional.size() > 1) throw UsageError("gui takes at most one show file");
    ConsoleOptions options;
    const std::string roleName = parsed.value("--role").value_or(toString(Role::Operator));
    const std::optional<Role> role = roleFromName(roleName);
    if (!role || !roleInfo(*role).console)
        throw UsageError("--role must be " + roleNames([](const RoleInfo& info) { return info.console; }) +
                         ", not '" + roleName + "'");
    options.role = *role;
    options.who = parsed.value("--who").value_or("");
    options.loginToken = consoleToken(parsed.value("--token-file").value_or(""));
    options.engine.overwrite = parsed.flag("--overwrite");
    options.hostWindow = parsed.flag("--host-window");
    if (auto screenshot = parsed.value("--screenshot")) {
        options.screenshot = *screenshot;
        const auto frames = parsed.integer("--after-frames");
        if (!frames || *frames < 1 || *frames > 1'000'000)
            throw UsageError("--screenshot needs --after-frames N (1 to 1000000)");
        options.afterFrames = static_cast<int>(*frames);
    } else if (parsed.value("--after-frames")) {
        throw UsageError("--after-frames goes with --screenshot PNG");
    }
    if (auto size = parsed.value("--size")) {
        int w = 0, h = 0;
        if (std::sscanf(size->c_str(), "%dx%d", &w, &h) != 2 || w < 640 || h < 400 || w > 8192 || h > 8192)
            throw UsageError("--size expects WIDTHxHEIGHT, at least 640x400, got '" + *size + "'");
        options.width = w;
        options.height = h;
    }
    options.engine.database = parsed.value("--db").value_or("");
    // The merchandiser's review opens this session; a show would run it (a planned session).
    if (auto session = parsed.integer("--session")) {
        if (options.role == Role::Merchandiser)
            options.reviewSession = *session;
        else
            options.engine.session = *session;
    }
    options.engine.rehearsal = parsed.flag("--rehearsal");
    options.engine.simulateAudience = parsed.flag("--simulate");
    if (auto seed = parsed.integer("--seed")) options.engine.audienceSeed = static_cast<uint64_t>(*seed);

    if (parsed.positional.empty()) {
        // The demo: its recording, session and API tokens in --out.
        const std::filesystem::path out =
            std::filesystem::absolute(parsed.value("--out").value_or("hawker-demo"));
        if (options.engine.database.empty()) options.engine.database = out / "hawker.db";
        if (options.role != Role::Merchandiser) options.show = loadDemoShow(out);
    } else {
        if (parsed.value("--out"))
            throw UsageError("--out is for the built-in demo; a show file names its outputs");
        options.show = loadShowFile(parsed.positional[0]);
    }
    if (options.role == Role::Merchandiser && options.engine.database.empty())
        throw UsageError("the merchandiser's review needs --db DB (the sessions to review)");
    if ((options.engine.simulateAudience || options.engine.rehearsal) && options.engine.database.empty())
        throw UsageError("--simulate and --rehearsal need --db (the session's events go there)");
    return runConsole(std::move(options), std::cout);
}

} // namespace hawker::studio
