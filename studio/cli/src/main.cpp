// hawker: the command-line entry point. Each subcommand is a thin wrapper
// over the studio library; the forms are fixed by docs/DESIGN.md's contract.

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_commands.hpp"
#include "hawker/studio/base/assets.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/cli/cli_options.hpp"
#include "hawker/studio/cli/headless_runner.hpp"
#include "hawker/studio/report/report_html.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/show/command_table.hpp"
#include "hawker/studio/show/show_file.hpp"
#include "hawker/studio/store/catalog_store.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace {

using namespace hawker::studio;

const char* kUsage = R"(hawker — live-commerce studio

usage:
  hawker [gui [SHOW.toml]] [--role operator|host|merchandiser] [--who NAME] [--db DB]
         [--out DIR] [--session ID] [--simulate [--seed N]] [--rehearsal] [--host-window]
         [--size WxH] [--screenshot PNG --after-frames N] [--overwrite] [--token-file FILE]
      the console (a window): with no show file the built-in demo show, its
      session in DIR (default hawker-demo); the operator's desk runs the show
      (--host-window adds the host's prompter as a second window), the host's
      login is the prompter, the merchandiser's reviews the sessions in DB
      (--session opens one); --screenshot writes the window(s) N frames after
      the show started, then exits; a show file with [api] console_login =
      "token" admits the login only with a token of its role, read from
      --token-file FILE or $HAWKER_CONSOLE_TOKEN (never from the command line)
  hawker run SHOW.toml [--duration S] [--offline] [--rehearsal] [--db DB]
                      [--session ID | --resume ID|last] [--simulate [--seed N]] [--overwrite]
      run a show without a window (Ctrl+C stops it cleanly); with --db it is a
      session whose on-air timeline, audit log and show state are stored in DB;
      --session runs a planned session, --resume goes on with a live session
      whose show was killed (its timeline shows the gap); --simulate lets a
      simulated audience watch and buy (rehearsals), deterministic for a seed;
      a recording whose file exists goes beside it (NAME-2.mkv, ...) unless
      --overwrite
  hawker commands
      every command a show takes (who may send it, its API route, its
      arguments) as the Markdown table docs/API.md carries
  hawker demo [--out DIR] [--duration S] [--offline] [--overwrite]
      the built-in demo show (synthetic cameras, rundown, approvals, a
      simulated audience buying into a flash sale) into DIR/program.mkv (or
      program-2.mkv, ... beside an earlier one), DIR/hawker.db and its review
      DIR/report.html, DIR/report.json
  hawker session new --db DB --title T [--start UTC_MS] [--tag X] [--rehearsal]
                     [--platforms P1,P2] [--target-gmv-cents N] [--target-uv N]
                     [--target-conversion RATE] [--target-units SKU=N,...] [--variant A]
      a new session; prints only its id
  hawker session end --db DB --session ID [--at UTC_MS]
  hawker session list --db DB
  hawker catalog import --db DB FILE.csv [--skip-bad]
      products from a CSV as Excel writes it; a file with bad rows changes
      nothing unless --skip-bad (each bad row is reported with its line)
  hawker catalog list --db DB
  hawker ingest --db DB --session ID FILE.jsonl
      viewer events (JSON Lines, docs/DESIGN.md's schema) into a session; prints
      {"accepted":N,"duplicates":N,"rejected":[...]}
  hawker report --db DB --session ID [--json] [--html FILE] [--csv DIR]
                [--include-rehearsals]
      the post-show review (复盘): --json prints every metric, --html writes
      one self-contained page, --csv the tables
  hawker simulate --db DB --session ID [--duration S] [--seed N] [--speed X | --fast]
                  [--arrivals PER_MIN] [--url http://127.0.0.1:PORT --token-env VAR]
      a simulated audience that follows the session's on-air timeline and
      sends its events in real time (or X times faster, or --fast from the
      session's start) to the ingest endpoint (--url) or straight into DB
  hawker notes add --db DB --session ID --kind goal|result|gap|cause|improvement|action
                   --text T [--owner O]
  hawker notes edit --db DB --note ID --text T [--owner O]
  hawker notes delete --db DB --note ID · hawker notes list --db DB --session ID
  hawker help
)";

int commandRun(const std::vector<std::string>& args) {
    const ParsedArgs parsed = parseArgs(args, {"--duration", "--db", "--resume", "--session", "--seed"},
                                        {"--offline", "--rehearsal", "--simulate", "--overwrite"});
    if (parsed.positional.size() != 1) throw UsageError("run needs exactly one show file");
    EngineOptions options;
    options.overwrite = parsed.flag("--overwrite");
    options.database = parsed.value("--db").value_or("");
    options.session = parsed.integer("--session");
    if (parsed.value("--resume")) {
        if (options.database.empty()) throw UsageError("--resume needs --db (the session is in it)");
        if (*parsed.value("--resume") == "last") {
            // The newest session whose show stopped while it was live.
            Database database(options.database);
            const auto live = SessionStore(database).live();
            if (live.empty())
                throw std::runtime_error("no live session to resume in " + options.database.string());
            options.resume = live.back().id;
        } else {
            options.resume = parsed.integer("--resume");
        }
    }
    if (options.resume && options.session) throw UsageError("give --resume or --session, not both");
    if (options.session && options.database.empty()) throw UsageError("--session needs --db");
    options.rehearsal = parsed.flag("--rehearsal");
    if (options.rehearsal && options.database.empty())
        throw UsageError("--rehearsal needs --db (it marks the session)");
    options.simulateAudience = parsed.flag("--simulate");
    if (auto seed = parsed.integer("--seed")) options.audienceSeed = static_cast<uint64_t>(*seed);
    if ((options.simulateAudience || options.audienceSeed) && options.database.empty())
        throw UsageError("--simulate needs --db (the audience's events go to the session)");
    options.offline = parsed.flag("--offline");
    options.durationSeconds = parsed.seconds("--duration").value_or(0);
    if (options.offline && options.durationSeconds <= 0)
        throw UsageError("--offline needs --duration (a virtual clock never ends by itself)");
    ShowSpec show = loadShowFile(parsed.positional[0]);
    return runHeadless(std::move(show), options, std::cout);
}

/// --target-* options as the session's targets JSON; a UsageError for a bad value.
std::string targetsFromOptions(const ParsedArgs& parsed) {
    nlohmann::json targets = nlohmann::json::object();
    if (auto gmv = parsed.integer("--target-gmv-cents")) targets["gmv_cents"] = *gmv;
    if (auto uv = parsed.integer("--target-uv")) targets["uv"] = *uv;
    if (auto rate = parsed.value("--target-conversion")) {
        char* end = nullptr;
        const double value = std::strtod(rate->c_str(), &end);
        if (rate->empty() || *end || !(value >= 0 && value <= 1))
            throw UsageError("--target-conversion expects a rate from 0 to 1 (0.03 for 3 %), got '" + *rate +
                             "'");
        targets["conversion_rate"] = value;
    }
    if (auto units = parsed.value("--target-units")) {
        // SKU=N,SKU=N
        std::stringstream list(*units);
        std::string item;
        while (std::getline(list, item, ',')) {
            const auto eq = item.find('=');
            char* end = nullptr;
            const long long n = eq == std::string::npos ? -1 : std::strtoll(item.c_str() + eq + 1, &end, 10);
            if (eq == 0 || eq == std::string::npos || n <= 0 || *end)
                throw UsageError("--target-units expects SKU=N[,SKU=N...], got '" + item + "'");
            targets["units"][item.substr(0, eq)] = n;
        }
    }
    return targets.dump();
}

int commandSession(const std::vector<std::string>& args) {
    if (args.empty()) throw UsageError("session needs a subcommand: new, end or list");
    const std::string sub = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (sub == "new") {
        const ParsedArgs parsed =
            parseArgs(rest,
                      {"--db", "--title", "--start", "--tag", "--platforms", "--target-gmv-cents",
                       "--target-uv", "--target-conversion", "--target-units", "--variant"},
                      {"--rehearsal"});
        if (!parsed.positional.empty()) throw UsageError("session new takes no positional arguments");
        const std::string title = parsed.required("--title");
        const std::string db = parsed.required("--db");
        const std::string targets = targetsFromOptions(parsed);
        if (parsed.value("--variant").value_or("").size() > 32)
            throw UsageError("--variant is a short label (A, B, …), at most 32 bytes");
        Database database(db);
        SessionStore sessions(database);
        const Session session = sessions.create(title, parsed.value("--tag").value_or(""),
                                                parsed.integer("--start"), parsed.flag("--rehearsal"));
        sessions.setPlan(session.id, parsed.value("--platforms").value_or(""), targets);
        if (auto variant = parsed.value("--variant")) sessions.setVariant(session.id, *variant);
        std::cout << session.id << std::endl;
        return 0;
    }
    if (sub == "end") {
        const ParsedArgs parsed = parseArgs(rest, {"--db", "--session", "--at"}, {});
        if (!parsed.positional.empty()) throw UsageError("session end takes no positional arguments");
        const std::string db = parsed.required("--db");
        const auto id = parsed.integer("--session");
        if (!id) throw UsageError("--session is required");
        Database database(db);
        SessionStore(database).end(*id, parsed.integer("--at"));
        return 0;
    }
    if (sub == "list") {
        const ParsedArgs parsed = parseArgs(rest, {"--db"}, {});
        if (!parsed.positional.empty()) throw UsageError("session list takes no positional arguments");
        Database database(parsed.required("--db"));
        std::cout << "id\ttitle\ttag\tstate\trehearsal\tstart_utc_ms\tend_utc_ms\tplatforms\ttargets\n";
        for (const Session& s : SessionStore(database).list()) {
            std::cout << s.id << '\t' << s.title << '\t' << s.tag << '\t' << s.state << '\t'
                      << (s.rehearsal ? 1 : 0) << '\t' << (s.startUtcMs ? std::to_string(*s.startUtcMs) : "")
                      << '\t' << (s.endUtcMs ? std::to_string(*s.endUtcMs) : "") << '\t' << s.platforms
                      << '\t' << s.targetsJson << '\n';
        }
        return 0;
    }
    throw UsageError("unknown session subcommand '" + sub + "' (new, end, list)");
}

int commandCatalog(const std::vector<std::string>& args) {
    if (args.empty()) throw UsageError("catalog needs a subcommand: import or list");
    const std::string sub = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (sub == "import") {
        const ParsedArgs parsed = parseArgs(rest, {"--db"}, {"--skip-bad"});
        if (parsed.positional.size() != 1) throw UsageError("catalog import needs exactly one CSV file");
        const std::string db = parsed.required("--db");
        std::ifstream in(parsed.positional[0], std::ios::binary);
        if (!in) throw std::runtime_error("cannot read " + parsed.positional[0]);
        std::ostringstream text;
        text << in.rdbuf();
        const CatalogParse parse = parseCatalogCsv(text.str());
        for (const CatalogProblem& problem : parse.problems)
            std::cerr << parsed.positional[0] << ":" << problem.line << ": " << problem.reason << "\n";
        if (!parse.problems.empty() && !parsed.flag("--skip-bad"))
            throw std::runtime_error(std::to_string(parse.problems.size()) +
                                     " bad row(s), nothing imported (fix them, or use --skip-bad)");
        Database database(db);
        CatalogStore(database).upsert(parse.products);
        std::cout << "imported " << parse.products.size() << " products";
        if (!parse.problems.empty()) std::cout << ", skipped " << parse.problems.size() << " bad row(s)";
        std::cout << std::endl;
        return 0;
    }
    if (sub == "list") {
        const ParsedArgs parsed = parseArgs(rest, {"--db"}, {});
        if (!parsed.positional.empty()) throw UsageError("catalog list takes no positional arguments");
        Database database(parsed.required("--db"));
        std::cout << "sku\tname\tcategory\tprice_cents\toriginal_price_cents\tstock\n";
        for (const CatalogProduct& p : CatalogStore(database).list()) {
            std::cout << p.sku << '\t' << p.name << '\t' << p.category << '\t' << p.priceCents << '\t'
                      << (p.originalPriceCents ? std::to_string(*p.originalPriceCents) : "") << '\t'
                      << (p.stock ? std::to_string(*p.stock) : "") << '\n';
        }
        return 0;
    }
    throw UsageError("unknown catalog subcommand '" + sub + "' (import, list)");
}

} // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN); // a dropped network peer is an error code, not a crash
    installCaptureLogHook();
    std::vector<std::string> args(argv + 1, argv + argc);
    // Plain `hawker` (or options only) opens the console when there is a screen.
    const bool display = std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY");
    const bool console =
        args.empty() ? display : args.front().rfind("--", 0) == 0 && args.front() != "--help";
    const std::string command = console ? "gui" : args.empty() ? "help" : args.front();
    if (!args.empty() && !console) args.erase(args.begin());
    try {
        if (command == "run") return commandRun(args);
        if (command == "demo") return commandDemo(args);
        if (command == "gui") return commandGui(args);
        if (command == "session") return commandSession(args);
        if (command == "catalog") return commandCatalog(args);
        if (command == "ingest") return commandIngest(args);
        if (command == "report") return commandReport(args);
        if (command == "notes") return commandNotes(args);
        if (command == "simulate") return commandSimulate(args);
        if (command == "commands") {
            if (!args.empty()) throw UsageError("commands takes no arguments");
            std::cout << commandTableMarkdown();
            return 0;
        }
        if (command == "help" || command == "--help" || command == "-h") {
            std::cout << kUsage;
            return 0;
        }
        throw UsageError("unknown command '" + command + "' (try 'hawker help')");
    } catch (const UsageError& error) {
        std::cerr << "hawker: error: " << error.what() << std::endl;
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "hawker: error: " << maskSecrets(error.what()) << std::endl;
        return 1;
    }
}
