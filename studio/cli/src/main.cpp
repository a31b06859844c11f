// hawker: the command-line entry point. The command line is parsed into one
// typed struct per subcommand (cli_options), then each subcommand is a thin
// wrapper over the studio library; the forms are fixed by docs/DESIGN.md's
// contract: exit 0 on success, else one line "hawker: error: ..." on stderr
// and status 2 for a wrong command line, 1 for any other failure.

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "bulk_memory.hpp"
#include "cli_commands.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/cli/cli_options.hpp"
#include "hawker/studio/show/command_table.hpp"

namespace {

using namespace hawker::studio;

int dispatch(const CommandLine& line) {
    return std::visit(
        [](const auto& args) -> int {
            using Args = std::decay_t<decltype(args)>;
            if constexpr (std::is_same_v<Args, HelpRequest>) {
                std::cout << args.text;
                return 0;
            } else if constexpr (std::is_same_v<Args, CommandsArgs>) {
                std::cout << commandTableMarkdown();
                return 0;
            } else if constexpr (std::is_same_v<Args, RunArgs>) {
                return commandRun(args);
            } else if constexpr (std::is_same_v<Args, DemoArgs>) {
                return commandDemo(args);
            } else if constexpr (std::is_same_v<Args, GuiArgs>) {
                return commandGui(args);
            } else if constexpr (std::is_same_v<Args, SessionNewArgs>) {
                return commandSessionNew(args);
            } else if constexpr (std::is_same_v<Args, SessionEndArgs>) {
                return commandSessionEnd(args);
            } else if constexpr (std::is_same_v<Args, SessionListArgs>) {
                return commandSessionList(args);
            } else if constexpr (std::is_same_v<Args, CatalogImportArgs>) {
                return commandCatalogImport(args);
            } else if constexpr (std::is_same_v<Args, CatalogListArgs>) {
                return commandCatalogList(args);
            } else if constexpr (std::is_same_v<Args, IngestArgs>) {
                return commandIngest(args);
            } else if constexpr (std::is_same_v<Args, OrdersImportArgs>) {
                backBulkWorkWithHugePages();
                return commandOrdersImport(args);
            } else if constexpr (std::is_same_v<Args, ReportArgs>) {
                return commandReport(args);
            } else if constexpr (std::is_same_v<Args, SimulateArgs>) {
                return commandSimulate(args);
            } else if constexpr (std::is_same_v<Args, NotesAddArgs>) {
                return commandNotesAdd(args);
            } else if constexpr (std::is_same_v<Args, NotesEditArgs>) {
                return commandNotesEdit(args);
            } else if constexpr (std::is_same_v<Args, NotesDeleteArgs>) {
                return commandNotesDelete(args);
            } else if constexpr (std::is_same_v<Args, PreflightArgs>) {
                return commandPreflight(args);
            } else if constexpr (std::is_same_v<Args, ClipsArgs>) {
                return commandClips(args);
            } else if constexpr (std::is_same_v<Args, RecordingRepairArgs>) {
                return commandRecordingRepair(args);
            } else {
                static_assert(std::is_same_v<Args, NotesListArgs>, "every subcommand is dispatched");
                return commandNotesList(args);
            }
        },
        line);
}

/// The last line of a failed run: on stderr, and in the log file when the show opened one.
int fail(const std::string& what, int status) {
    const std::string message = maskSecrets(what);
    logToFileOnly(LogLevel::Error, "hawker stopped: " + message);
    std::cerr << "hawker: error: " << message << std::endl;
    return status;
}

} // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN); // a dropped network peer is an error code, not a crash
    installCaptureLogHook();
    const std::vector<std::string> args(argv + 1, argv + argc);
    const bool display = std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY");
    try {
        return dispatch(parseCommandLine(args, display));
    } catch (const UsageError& error) {
        return fail(error.what(), 2);
    } catch (const std::exception& error) {
        return fail(error.what(), 1);
    } catch (...) {
        return fail("an unexpected failure", 1);
    }
}
