// hawker's command line with CLI11: one CLI11 subcommand per hawker
// subcommand, each option stored through a function of cli_values that turns
// its text into the typed field (or refuses it in the contract's wording).
// CLI11 finds the subcommand, the options and their values and writes each
// subcommand's --help; what it leaves over (an unknown option, an argument too
// many) is refused here, naming the option and never repeating a value.

#include "hawker/studio/cli/cli_options.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

#include "cli_parser.hpp"

namespace hawker::studio {

namespace cli_parse {

Parser::Parser() {
    // A repeated option keeps its last value, as it always did.
    m_app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    // Leftovers are refused by refuseLeftovers(), in our words.
    m_app.allow_extras();
    m_app.require_subcommand(0, 1);
    m_app.get_formatter()->column_width(32);
    addRun();
    addPreflight();
    addDemo();
    addGui();
    leaf(m_app, "commands", "every command a show takes, as the Markdown table docs/API.md carries",
         "commands takes no arguments", [] { return CommandLine{CommandsArgs{}}; });
    addSession();
    addCatalog();
    addAnalytics();
    addOrders();
    addNotes();
    addClips();
    CLI::App* help = m_app.add_subcommand("help", "this page, or one command's options (hawker help run)");
    help->allow_extras();
    help->add_option("COMMAND", m_helpTopic, "a command, e.g. run or session new")->expected(0, 2);
}

CLI::App* Parser::leaf(CLI::App& parent, const std::string& name, const std::string& description,
                       std::string extraArgument, std::function<CommandLine()> result) {
    CLI::App* app = parent.add_subcommand(name, description);
    app->allow_extras();
    m_leaves.push_back({app, std::move(extraArgument), std::move(result)});
    return app;
}

CLI::App* Parser::group(const std::string& name, const std::string& description) {
    CLI::App* app = m_app.add_subcommand(name, description);
    app->allow_extras();
    app->require_subcommand(0, 1);
    m_groups.push_back(app);
    return app;
}

void Parser::addRun() {
    CLI::App& run =
        *leaf(m_app, "run",
              "run a show without a window (Ctrl+C stops it cleanly); with --db it is a session "
              "whose on-air timeline, audit log and show state are stored in DB",
              "run needs exactly one show file", [this] {
                  const RunArgs& a = m_run;
                  if ((a.resume || a.resumeLast) && a.db.empty())
                      throw UsageError("--resume needs --db (the session is in it)");
                  if ((a.resume || a.resumeLast) && a.session)
                      throw UsageError("give --resume or --session, not both");
                  if (a.session && a.db.empty()) throw UsageError("--session needs --db");
                  if (a.rehearsal && a.db.empty())
                      throw UsageError("--rehearsal needs --db (it marks the session)");
                  if ((a.simulate || a.seed) && a.db.empty())
                      throw UsageError("--simulate needs --db (the audience's events go to the session)");
                  if (a.offline && !a.duration)
                      throw UsageError("--offline needs --duration (a virtual clock never ends by itself)");
                  return CommandLine{a};
              });
    valueOption(run, "SHOW.toml", "", "the show file", keep(m_run.show))->required();
    valueOption(run, "--duration", "SECONDS", "stop after this long (default: until Ctrl+C)",
                [this](const std::string& text) { m_run.duration = values::seconds("--duration", text); });
    run.add_flag("--offline", m_run.offline, "a virtual clock, as fast as possible (needs --duration)");
    valueOption(run, "--db", "DB", "the session's SQLite file", keep(m_run.db));
    valueOption(run, "--session", "ID", "run this planned session (it goes live)",
                whole(m_run.session, "--session"));
    valueOption(run, "--resume", "ID|last",
                "go on with a live session whose show was killed (last: the newest one)",
                [this](const std::string& text) {
                    m_run.resumeLast = text == "last";
                    m_run.resume.reset();
                    if (!m_run.resumeLast) m_run.resume = values::wholeNumber("--resume", text);
                });
    run.add_flag("--rehearsal", m_run.rehearsal, "the session is a rehearsal (left out of comparisons)");
    run.add_flag("--simulate", m_run.simulate, "a simulated audience watches and buys");
    valueOption(run, "--seed", "N", "the simulated audience's seed", whole(m_run.seed, "--seed"));
    run.add_flag("--overwrite", m_run.overwrite, "replace an existing recording (else NAME-2.mkv, ...)");
}

void Parser::addPreflight() {
    CLI::App& preflight =
        *leaf(m_app, "preflight",
              "encode the show's program for every output into local files (never to the platform), "
              "measure what came out and check it against each output's platform profile; exits 1 on a "
              "failed rule",
              "preflight needs exactly one show file", [this] { return CommandLine{m_preflight}; });
    valueOption(preflight, "SHOW.toml", "", "the show file", keep(m_preflight.show))->required();
    valueOption(preflight, "--seconds", "S", "how much program to encode per output (2 to 120, default 10)",
                [this](const std::string& text) {
                    const double seconds = values::seconds("--seconds", text);
                    if (seconds < 2 || seconds > 120) throw UsageError("--seconds must be between 2 and 120");
                    m_preflight.seconds = seconds;
                });
    preflight.add_flag("--json", m_preflight.json, "print the checks as JSON");
    preflight.add_flag("--live", m_preflight.live, "at the real clock (network cameras) instead of offline");
    valueOption(preflight, "--keep", "DIR", "keep the measured files in DIR", keep(m_preflight.keep));
}

void Parser::addDemo() {
    CLI::App& demo = *leaf(m_app, "demo",
                           "the built-in demo show (synthetic cameras, rundown, approvals, a simulated "
                           "audience) into DIR/program.mkv, DIR/hawker.db and its review DIR/report.html",
                           "demo takes no positional arguments", [this] { return CommandLine{m_demo}; });
    valueOption(demo, "--out", "DIR", "the demo's folder (default hawker-demo)", keep(m_demo.out));
    valueOption(demo, "--duration", "SECONDS", "how long the show runs (default 60)",
                [this](const std::string& text) { m_demo.duration = values::seconds("--duration", text); });
    demo.add_flag("--offline", m_demo.offline, "a virtual clock, as fast as possible");
    valueOption(demo, "--lang", "LANG",
                "report.html's language: zh-CN or en (headings stay bilingual; default: the system locale)",
                [this](const std::string& text) { m_demo.language = values::language("--lang", text); });
    demo.add_flag("--overwrite", m_demo.overwrite, "replace an earlier demo's recording");
}

void Parser::addGui() {
    CLI::App& gui = *leaf(
        m_app, "gui",
        "the console (a window); without a show file the built-in demo show, its session in DIR",
        "gui takes at most one show file", [this] {
            const GuiArgs& a = m_gui;
            if (a.screenshot && a.afterFrames == 0)
                throw UsageError("--screenshot needs --after-frames N (1 to 1000000)");
            if (!a.screenshot && a.afterFrames != 0)
                throw UsageError("--after-frames goes with --screenshot PNG");
            if (a.show && a.out)
                throw UsageError("--out is for the built-in demo; a show file names its outputs");
            // Without a show file the session is the demo's, in DIR/hawker.db.
            if (a.show && a.db.empty() && a.role == Role::Merchandiser)
                throw UsageError("the merchandiser's review needs --db DB (the sessions to review)");
            if (a.show && a.db.empty() && (a.simulate || a.rehearsal))
                throw UsageError("--simulate and --rehearsal need --db (the session's events go there)");
            return CommandLine{a};
        });
    valueOption(gui, "SHOW.toml", "", "the show file (default: the built-in demo show)", keep(m_gui.show));
    valueOption(gui, "--role", "ROLE", "operator (default), host or merchandiser",
                [this](const std::string& text) { m_gui.role = values::consoleRole("--role", text); });
    valueOption(gui, "--who", "NAME", "the desk's name in the audit log (default $USER)", keep(m_gui.who));
    valueOption(gui, "--db", "DB", "the session's SQLite file (the merchandiser's: the sessions to review)",
                keep(m_gui.db));
    valueOption(gui, "--out", "DIR", "the demo's folder (default hawker-demo)", keep(m_gui.out));
    valueOption(gui, "--session", "ID", "run this planned session; the merchandiser's review opens it",
                whole(m_gui.session, "--session"));
    valueOption(gui, "--lang", "LANG",
                "the console's language: zh-CN or en (default: the saved choice, else the "
                "system locale)",
                [this](const std::string& text) { m_gui.language = values::language("--lang", text); });
    gui.add_flag("--simulate", m_gui.simulate, "a simulated audience watches and buys");
    valueOption(gui, "--seed", "N", "the simulated audience's seed", whole(m_gui.seed, "--seed"));
    gui.add_flag("--rehearsal", m_gui.rehearsal, "the session is a rehearsal");
    gui.add_flag("--host-window", m_gui.hostWindow, "the host's prompter as a second window");
    valueOption(
        gui, "--size", "WxH", "the window's size (at least 640x400)",
        [this](const std::string& text) { values::windowSize("--size", text, m_gui.width, m_gui.height); });
    valueOption(gui, "--screenshot", "PNG", "write the window N frames after the show started, then exit",
                keep(m_gui.screenshot));
    valueOption(gui, "--after-frames", "N", "with --screenshot: 1 to 1000000",
                [this](const std::string& text) {
                    const int64_t frames = values::wholeNumber("--after-frames", text);
                    if (frames < 1 || frames > 1'000'000)
                        throw UsageError("--screenshot needs --after-frames N (1 to 1000000)");
                    m_gui.afterFrames = static_cast<int>(frames);
                });
    gui.add_flag("--overwrite", m_gui.overwrite, "replace an existing recording");
    valueOption(gui, "--token-file", "FILE",
                "the login's token on the file's first line (or $HAWKER_CONSOLE_TOKEN), for a show "
                "with [api] console_login = \"token\"",
                keep(m_gui.tokenFile));
}

void Parser::addSession() {
    CLI::App& session = *group("session", "sessions in a database: new, end, list");
    CLI::App& add = *leaf(session, "new", "a new session; prints only its id",
                          "session new takes no positional arguments", [this] {
                              if (m_sessionNew.variant && m_sessionNew.variant->size() > 32)
                                  throw UsageError("--variant is a short label (A, B, …), at most 32 bytes");
                              return CommandLine{m_sessionNew};
                          });
    valueOption(add, "--title", "T", "the session's title", required(m_sessionNew.title, "--title"))
        ->required();
    valueOption(add, "--db", "DB", "the SQLite file", required(m_sessionNew.db, "--db"))->required();
    valueOption(add, "--start", "UTC_MS", "when it started (a past show)",
                whole(m_sessionNew.start, "--start"));
    valueOption(add, "--tag", "X", "a tag, for comparisons", keep(m_sessionNew.tag));
    valueOption(add, "--host", "NAME", "who presents it, for comparisons by host",
                [this](const std::string& text) {
                    if (text.size() > 64) throw UsageError("--host is a name, at most 64 bytes");
                    m_sessionNew.host = text;
                });
    add.add_flag("--rehearsal", m_sessionNew.rehearsal, "a rehearsal (left out of comparisons)");
    valueOption(add, "--platforms", "P1,P2", "the platforms it goes out on", keep(m_sessionNew.platforms));
    valueOption(add, "--target-gmv-cents", "N", "the GMV target",
                whole(m_sessionNew.targetGmvCents, "--target-gmv-cents"));
    valueOption(add, "--target-uv", "N", "the viewer target", whole(m_sessionNew.targetUv, "--target-uv"));
    valueOption(add, "--target-conversion", "RATE", "the conversion target, 0 to 1 (0.03 for 3 %)",
                [this](const std::string& text) {
                    m_sessionNew.targetConversion = values::rate("--target-conversion", text);
                });
    valueOption(add, "--target-units", "SKU=N,...", "units to sell per product",
                [this](const std::string& text) {
                    m_sessionNew.targetUnits = values::skuUnits("--target-units", text);
                });
    valueOption(add, "--variant", "A", "an A/B test's variant (at most 32 bytes)",
                keep(m_sessionNew.variant));

    CLI::App& end = *leaf(session, "end", "ends a session", "session end takes no positional arguments",
                          [this] { return CommandLine{m_sessionEnd}; });
    valueOption(end, "--db", "DB", "the SQLite file", required(m_sessionEnd.db, "--db"))->required();
    valueOption(end, "--session", "ID", "the session", whole(m_sessionEnd.session, "--session"))->required();
    valueOption(end, "--at", "UTC_MS", "when it ended (default now)", whole(m_sessionEnd.at, "--at"));

    CLI::App& list =
        *leaf(session, "list", "lists the sessions", "session list takes no positional arguments",
              [this] { return CommandLine{m_sessionList}; });
    valueOption(list, "--db", "DB", "the SQLite file", required(m_sessionList.db, "--db"))->required();
}

void Parser::addCatalog() {
    CLI::App& catalog = *group("catalog", "the product catalog in a database: import, list");
    CLI::App& import =
        *leaf(catalog, "import",
              "products from a CSV as Excel writes it; a file with bad rows changes nothing "
              "unless --skip-bad (each bad row is reported with its line)",
              "catalog import needs exactly one CSV file", [this] { return CommandLine{m_catalogImport}; });
    valueOption(import, "FILE.csv", "", "the catalog", keep(m_catalogImport.file))->required();
    valueOption(import, "--db", "DB", "the SQLite file", required(m_catalogImport.db, "--db"))->required();
    import.add_flag("--skip-bad", m_catalogImport.skipBad, "import the good rows of a file with bad ones");

    CLI::App& list =
        *leaf(catalog, "list", "lists the products", "catalog list takes no positional arguments",
              [this] { return CommandLine{m_catalogList}; });
    valueOption(list, "--db", "DB", "the SQLite file", required(m_catalogList.db, "--db"))->required();
}

const CLI::App* Parser::selected() const {
    const CLI::App* app = &m_app;
    for (auto chosen = app->get_subcommands(); !chosen.empty(); chosen = app->get_subcommands())
        app = chosen.front();
    return app;
}

namespace {

/// How an unknown option is named: its name only, never a value given with it (`--key=SECRET`).
std::string optionName(const std::string& arg) {
    return arg.substr(0, std::min(arg.find('='), arg.size()));
}

/// "new, end, list" (lastSeparator ", ") or "new, end or list" (" or ").
std::string subcommandNames(const CLI::App& app, const std::string& lastSeparator) {
    const auto subs = app.get_subcommands({});
    std::string names;
    for (size_t i = 0; i < subs.size(); ++i)
        names += (i == 0 ? "" : i + 1 == subs.size() ? lastSeparator : ", ") + subs[i]->get_name();
    return names;
}

bool looksLikeOption(const std::string& arg) {
    return arg.size() > 1 && arg[0] == '-';
}

} // namespace

void Parser::refuseLeftovers() const {
    // From the deepest subcommand up: an unknown option first (the likeliest
    // typo), then an argument the subcommand does not take.
    std::vector<const CLI::App*> chain;
    for (const CLI::App* app = selected(); app; app = app->get_parent())
        chain.push_back(app);
    for (const CLI::App* app : chain)
        for (const std::string& arg : app->remaining(false))
            if (looksLikeOption(arg)) throw UsageError("unknown option " + optionName(arg));
    for (const CLI::App* app : chain) {
        const std::vector<std::string> left = app->remaining(false);
        if (left.empty()) continue;
        if (app == &m_app && app == chain.front())
            throw UsageError("unknown command '" + left.front() + "' (try 'hawker help')");
        if (std::find(m_groups.begin(), m_groups.end(), app) != m_groups.end())
            throw UsageError("unknown " + app->get_name() + " subcommand '" + left.front() + "' (" +
                             subcommandNames(*app, ", ") + ")");
        for (const Leaf& leaf : m_leaves)
            if (leaf.app == app) throw UsageError(leaf.extraArgument);
        if (app->get_name() == "help") throw UsageError("help takes a command, e.g. hawker help run");
        throw UsageError("unexpected argument after " + chain.front()->get_name());
    }
}

void Parser::refuseMissingArgument() const {
    const CLI::App* app = selected();
    for (const Leaf& leaf : m_leaves) {
        if (leaf.app != app) continue;
        for (const CLI::Option* option : app->get_options())
            // Missing, or given as "" (which CLI11 counts as given): the same words.
            if (option->get_positional() && option->get_required() &&
                (option->count() == 0 || option->results().front().empty()))
                throw UsageError(leaf.extraArgument);
    }
}

std::string Parser::helpFor(const std::vector<std::string>& names) const {
    if (names.empty()) return std::string(usageText());
    const CLI::App* app = &m_app;
    std::string path = "hawker";
    for (const std::string& name : names) {
        const auto subs = app->get_subcommands({});
        const auto found =
            std::find_if(subs.begin(), subs.end(), [&](const CLI::App* s) { return s->get_name() == name; });
        if (found == subs.end() || name == "help")
            throw UsageError("no command '" + name + "' to help with (try 'hawker help')");
        if (app != &m_app) path += " " + app->get_name();
        app = *found;
    }
    return app->help(path);
}

CommandLine Parser::parse(std::vector<std::string> args) {
    const std::vector<std::string> given = args;
    std::reverse(args.begin(), args.end()); // CLI11 takes them last first
    try {
        m_app.parse(args);
    } catch (const CLI::CallForHelp&) {
        // The root's help is the one-page usage; a subcommand's is CLI11's list of its options.
        if (selected() == &m_app) return HelpRequest{std::string(usageText())};
        return HelpRequest{m_app.help()};
    } catch (const CLI::CallForAllHelp&) {
        return HelpRequest{std::string(usageText())};
    } catch (const CLI::ArgumentMismatch&) {
        // CLI11 says this only when the arguments ran out before the
        // option's value, so the option is the last argument.
        refuseLeftovers();
        throw UsageError(optionName(given.back()) + " needs a value");
    } catch (const CLI::ParseError& error) {
        refuseLeftovers();
        refuseMissingArgument();
        // CLI11's own words ("--db is required"); a value is never part of them.
        std::string message = error.what();
        std::replace(message.begin(), message.end(), '\n', ' ');
        throw UsageError(message);
    } catch (const UsageError&) {
        // A value was refused; an unknown option before it is the likelier typo.
        refuseLeftovers();
        throw;
    }
    refuseLeftovers();
    const CLI::App* app = selected();
    if (app == &m_app) throw UsageError("no command given (try 'hawker help')");
    if (app->get_name() == "help" && app->get_parent() == &m_app) return HelpRequest{helpFor(m_helpTopic)};
    if (std::find(m_groups.begin(), m_groups.end(), app) != m_groups.end())
        throw UsageError(app->get_name() + " needs a subcommand: " + subcommandNames(*app, " or "));
    refuseMissingArgument();
    for (const Leaf& leaf : m_leaves)
        if (leaf.app == app) return leaf.result();
    throw UsageError("no command given (try 'hawker help')");
}

} // namespace cli_parse

CommandLine parseCommandLine(const std::vector<std::string>& args, bool display) {
    // Plain `hawker` (or options only) is the console when there is a screen.
    std::vector<std::string> effective = args;
    if (effective.empty()) {
        if (!display) return HelpRequest{std::string(usageText())};
        effective = {"gui"};
    } else if (effective.front().rfind("--", 0) == 0 && effective.front() != "--help") {
        effective.insert(effective.begin(), "gui");
    }
    // A token on the command line is seen by every user of the machine (ps);
    // refused before anything else, and never repeated.
    if (effective.front() == "gui")
        for (const std::string& arg : effective)
            if (arg == "--token" || arg.rfind("--token=", 0) == 0)
                throw UsageError("a token never goes on the command line (other users see it there): use "
                                 "--token-file FILE or HAWKER_CONSOLE_TOKEN");
    return cli_parse::Parser().parse(std::move(effective));
}

} // namespace hawker::studio
