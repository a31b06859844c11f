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

#include "cli_values.hpp"

namespace hawker::studio {

namespace {

namespace values = cli_values;

using Store = std::function<void(const std::string&)>;

/// An option that takes a value; `store` checks and keeps it (a UsageError when it is wrong).
CLI::Option* valueOption(CLI::App& app, const std::string& name, const std::string& typeName,
                         const std::string& help, Store store) {
    return app.add_option_function<std::string>(name, std::move(store), help)->type_name(typeName);
}

// What valueOption does with an option's text: keep it as given, or check and convert it first.
Store keep(std::optional<std::string>& field) {
    return [&field](const std::string& text) { field = text; };
}
Store keep(std::string& field) {
    return [&field](const std::string& text) { field = text; };
}
Store required(std::string& field, const std::string& name) {
    return [&field, name](const std::string& text) { field = values::nonEmpty(name, text); };
}
Store whole(std::optional<int64_t>& field, const std::string& name) {
    return [&field, name](const std::string& text) { field = values::wholeNumber(name, text); };
}
Store whole(int64_t& field, const std::string& name) {
    return [&field, name](const std::string& text) { field = values::wholeNumber(name, text); };
}

/// What a subcommand is: its CLI11 app, what an argument too many means there,
/// and the typed result once parsed.
struct Leaf {
    CLI::App* app = nullptr;
    std::string extraArgument; ///< the message for a positional argument it does not take
    std::function<CommandLine()> result;
};

/// The whole command line; one instance per parse (CLI11 keeps state in the apps).
class Parser {
public:
    Parser();
    CommandLine parse(std::vector<std::string> args);

private:
    CLI::App* leaf(CLI::App& parent, const std::string& name, const std::string& description,
                   std::string extraArgument, std::function<CommandLine()> result);
    CLI::App* group(const std::string& name, const std::string& description);
    void addRun();
    void addDemo();
    void addGui();
    void addSession();
    void addCatalog();
    void addAnalytics();
    void addOrders();
    void addNotes();
    /// The deepest subcommand the arguments selected (the root when none).
    const CLI::App* selected() const;
    /// An unknown option, an argument too many or an unknown subcommand, if any.
    void refuseLeftovers() const;
    /// The selected subcommand's file argument, when it is missing (CLI11 names it by its placeholder).
    void refuseMissingArgument() const;
    std::string helpFor(const std::vector<std::string>& names) const;

    CLI::App m_app{"hawker — live-commerce studio", "hawker"};
    std::vector<Leaf> m_leaves;
    std::vector<CLI::App*> m_groups; ///< subcommands that only hold subcommands (session, catalog, notes)
    std::vector<std::string> m_helpTopic;
    RunArgs m_run;
    DemoArgs m_demo;
    GuiArgs m_gui;
    SessionNewArgs m_sessionNew;
    SessionEndArgs m_sessionEnd;
    SessionListArgs m_sessionList;
    CatalogImportArgs m_catalogImport;
    CatalogListArgs m_catalogList;
    IngestArgs m_ingest;
    OrdersImportArgs m_ordersImport;
    ReportArgs m_report;
    SimulateArgs m_simulate;
    NotesAddArgs m_notesAdd;
    NotesEditArgs m_notesEdit;
    NotesDeleteArgs m_notesDelete;
    NotesListArgs m_notesList;
    ClipsArgs m_clips;
    RecordingRepairArgs m_recordingRepair;
    void addClips();
};

Parser::Parser() {
    // A repeated option keeps its last value, as it always did.
    m_app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    // Leftovers are refused by refuseLeftovers(), in our words.
    m_app.allow_extras();
    m_app.require_subcommand(0, 1);
    m_app.get_formatter()->column_width(32);
    addRun();
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

void Parser::addDemo() {
    CLI::App& demo = *leaf(m_app, "demo",
                           "the built-in demo show (synthetic cameras, rundown, approvals, a simulated "
                           "audience) into DIR/program.mkv, DIR/hawker.db and its review DIR/report.html",
                           "demo takes no positional arguments", [this] { return CommandLine{m_demo}; });
    valueOption(demo, "--out", "DIR", "the demo's folder (default hawker-demo)", keep(m_demo.out));
    valueOption(demo, "--duration", "SECONDS", "how long the show runs (default 60)",
                [this](const std::string& text) { m_demo.duration = values::seconds("--duration", text); });
    demo.add_flag("--offline", m_demo.offline, "a virtual clock, as fast as possible");
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

void Parser::addOrders() {
    CLI::App& orders = *group("orders", "platform order exports: import");
    CLI::App& import =
        *leaf(orders, "import",
              "a platform's order export (CSV in UTF-8 or GBK, or XLSX) into a session: paid lines become "
              "order_paid, refunds refund; prints {\"accepted\":N,\"duplicates\":N,\"rejected\":[{\"line\":L,"
              "\"reason\":...}],\"outside_window\":N,\"encoding\":...}; a file with bad rows changes nothing "
              "unless --skip-bad (导入平台订单导出文件)",
              "orders import needs at least one export file", [this] { return CommandLine{m_ordersImport}; });
    import
        .add_option("FILE", m_ordersImport.files, "the export files (taobao: the orders and the items file)")
        ->required()
        ->expected(1, 16)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    valueOption(import, "--db", "DB", "the SQLite file", required(m_ordersImport.db, "--db"))->required();
    valueOption(import, "--session", "ID", "the session", whole(m_ordersImport.session, "--session"))
        ->required();
    valueOption(import, "--platform", "NAME", "douyin, tiktok, taobao, shopify or custom (with --map)",
                required(m_ordersImport.platform, "--platform"))
        ->required();
    valueOption(import, "--map", "map.toml", "names the columns: [columns] order_id = \"订单号\" ...",
                keep(m_ordersImport.map));
    valueOption(import, "--tz", "ZONE",
                "time zone of times without an offset (default Asia/Shanghai for douyin and taobao, UTC "
                "otherwise)",
                keep(m_ordersImport.tz));
    import.add_flag("--skip-bad", m_ordersImport.skipBad, "store the good rows of a file with bad ones");
}

void Parser::addAnalytics() {
    CLI::App& ingest =
        *leaf(m_app, "ingest",
              "viewer events (JSON Lines, docs/EVENTS.md) into a session; prints "
              "{\"accepted\":N,\"duplicates\":N,\"rejected\":[...]}",
              "ingest needs exactly one JSON Lines file", [this] { return CommandLine{m_ingest}; });
    valueOption(ingest, "FILE.jsonl", "", "the events", keep(m_ingest.file))->required();
    valueOption(ingest, "--db", "DB", "the SQLite file", required(m_ingest.db, "--db"))->required();
    valueOption(ingest, "--session", "ID", "the session", whole(m_ingest.session, "--session"))->required();

    CLI::App& report =
        *leaf(m_app, "report",
              "the post-show review (复盘): --json prints every metric, --html writes one "
              "self-contained page, --csv the tables",
              "report takes no positional arguments", [this] { return CommandLine{m_report}; });
    valueOption(report, "--db", "DB", "the SQLite file", required(m_report.db, "--db"))->required();
    valueOption(report, "--session", "ID", "the session (not with --trend)",
                whole(m_report.session, "--session"));
    report.add_flag("--json", m_report.json, "print the whole report as JSON");
    valueOption(report, "--html", "FILE", "write the report as one HTML page", keep(m_report.html));
    valueOption(report, "--csv", "DIR", "write its tables as CSV files", keep(m_report.csv));
    report.add_flag("--include-rehearsals", m_report.includeRehearsals, "compare with rehearsals too");
    report.add_flag("--trend", m_report.trend,
                    "the sessions of a range instead of one: --since, --title, --tag");
    valueOption(report, "--since", "14d", "with --trend: how far back (days d or hours h; default 14d)",
                [this](const std::string& value) {
                    const bool days = !value.empty() && value.back() == 'd',
                               hours = !value.empty() && value.back() == 'h';
                    const std::string digits = value.substr(0, value.size() - 1);
                    if ((!days && !hours) || digits.empty() || digits.size() > 5 ||
                        digits.find_first_not_of("0123456789") != std::string::npos ||
                        std::stoll(digits) == 0)
                        throw UsageError("--since takes a number of days or hours, like 14d or 36h (got '" +
                                         value + "')");
                    m_report.sinceMs = std::stoll(digits) * (days ? 86'400'000LL : 3'600'000LL);
                });
    valueOption(report, "--title", "T", "with --trend: only sessions of this title", keep(m_report.title));
    valueOption(report, "--tag", "T", "with --trend: only sessions of this tag", keep(m_report.tag));

    CLI::App& simulate =
        *leaf(m_app, "simulate",
              "a simulated audience that follows the session's on-air timeline and sends its "
              "events to the ingest endpoint (--url) or straight into DB",
              "simulate takes no positional arguments", [this] { return CommandLine{m_simulate}; });
    valueOption(simulate, "--db", "DB", "the SQLite file", required(m_simulate.db, "--db"))->required();
    valueOption(simulate, "--session", "ID", "the session", whole(m_simulate.session, "--session"))
        ->required();
    valueOption(
        simulate, "--duration", "SECONDS", "how long the audience watches (default 60)",
        [this](const std::string& text) { m_simulate.duration = values::seconds("--duration", text); });
    valueOption(simulate, "--seed", "N", "the audience's seed (default 1)", whole(m_simulate.seed, "--seed"));
    valueOption(simulate, "--speed", "X", "X times faster than real time (0.1 to 1000)",
                [this](const std::string& text) { m_simulate.speed = values::factor("--speed", text); });
    simulate.add_flag("--fast", m_simulate.fast, "as fast as possible, from the session's start");
    valueOption(simulate, "--arrivals", "PER_MIN", "viewers arriving per minute",
                whole(m_simulate.arrivals, "--arrivals"));
    valueOption(simulate, "--url", "URL", "a running show's API (http://127.0.0.1:PORT)",
                keep(m_simulate.url));
    valueOption(simulate, "--token-env", "VAR",
                "the environment variable with the ingest token (default HAWKER_INGEST_TOKEN)",
                keep(m_simulate.tokenEnv));
}

void Parser::addClips() {
    CLI::App& clips = *leaf(m_app, "clips",
                            "one vertical clip per on-air window (card, flash sale, segment) cut from the "
                            "session's recordings, with thumbnails and DIR/clips.json and clips.csv by GMV",
                            "clips takes no positional arguments", [this] { return CommandLine{m_clips}; });
    valueOption(clips, "--db", "DB", "the SQLite file", required(m_clips.db, "--db"))->required();
    valueOption(clips, "--session", "ID", "the session", whole(m_clips.session, "--session"))->required();
    valueOption(clips, "--out", "DIR", "the folder for the clips", required(m_clips.out, "--out"))
        ->required();
    valueOption(clips, "--sku", "SKU", "only this product's windows", keep(m_clips.sku));
    valueOption(clips, "--kind", "card|offer|segment", "only this kind of window",
                [this](const std::string& v) {
                    if (v != "card" && v != "offer" && v != "segment")
                        throw UsageError("--kind is card, offer or segment (got '" + v + "')");
                    m_clips.kind = v;
                });
    valueOption(clips, "--pre", "S", "seconds before the window (default 2)",
                [this](const std::string& v) { m_clips.pre = values::seconds("--pre", v); });
    valueOption(clips, "--post", "S", "seconds after the window (default 2)",
                [this](const std::string& v) { m_clips.post = values::seconds("--post", v); });
    valueOption(clips, "--max-s", "S", "a clip's longest length (default 120, at most 900)",
                [this](const std::string& v) { m_clips.maxSeconds = values::seconds("--max-s", v); });
    clips.add_flag("--burn-card", m_clips.burnCard, "keep the product card on screen for the whole clip");
    valueOption(clips, "--output", "ID", "the recording output to cut from (default: the first)",
                keep(m_clips.output));

    CLI::App& recording = *group("recording", "a session's recordings: repair");
    CLI::App& repair = *leaf(recording, "repair",
                             "write the chapters (segments, cards) from the database into the session's "
                             "recordings, copying them (nothing is encoded again)",
                             "recording repair takes no positional arguments",
                             [this] { return CommandLine{m_recordingRepair}; });
    valueOption(repair, "--db", "DB", "the SQLite file", required(m_recordingRepair.db, "--db"))->required();
    valueOption(repair, "--session", "ID", "the session", whole(m_recordingRepair.session, "--session"))
        ->required();
}

void Parser::addNotes() {
    CLI::App& notes = *group("notes", "复盘 notes of a session: add, edit, delete, list");
    CLI::App& add =
        *leaf(notes, "add", "adds a note; prints its id", "notes add takes no positional arguments",
              [this] { return CommandLine{m_notesAdd}; });
    valueOption(add, "--db", "DB", "the SQLite file", required(m_notesAdd.db, "--db"))->required();
    valueOption(add, "--session", "ID", "the session", whole(m_notesAdd.session, "--session"))->required();
    valueOption(add, "--kind", "KIND", "goal, result, gap, cause, improvement or action",
                required(m_notesAdd.kind, "--kind"))
        ->required();
    valueOption(add, "--text", "T", "the note", required(m_notesAdd.text, "--text"))->required();
    valueOption(add, "--owner", "O", "who owns it", keep(m_notesAdd.owner));
    valueOption(add, "--due", "YYYY-MM-DD", "an action's due day", keep(m_notesAdd.due));

    CLI::App& edit = *leaf(notes, "edit", "changes a note", "notes edit takes no positional arguments",
                           [this] { return CommandLine{m_notesEdit}; });
    valueOption(edit, "--db", "DB", "the SQLite file", required(m_notesEdit.db, "--db"))->required();
    valueOption(edit, "--note", "ID", "the note", whole(m_notesEdit.note, "--note"))->required();
    valueOption(edit, "--text", "T", "the note", keep(m_notesEdit.text));
    valueOption(edit, "--owner", "O", "who owns it", keep(m_notesEdit.owner));
    valueOption(edit, "--due", "YYYY-MM-DD", "an action's due day (\"\" clears it)", keep(m_notesEdit.due));
    valueOption(edit, "--status", "S", "an action's status: open, done or dropped", keep(m_notesEdit.status));

    CLI::App& remove = *leaf(notes, "delete", "deletes a note", "notes delete takes no positional arguments",
                             [this] { return CommandLine{m_notesDelete}; });
    valueOption(remove, "--db", "DB", "the SQLite file", required(m_notesDelete.db, "--db"))->required();
    valueOption(remove, "--note", "ID", "the note", whole(m_notesDelete.note, "--note"))->required();

    CLI::App& list =
        *leaf(notes, "list", "lists a session's notes", "notes list takes no positional arguments",
              [this] { return CommandLine{m_notesList}; });
    valueOption(list, "--db", "DB", "the SQLite file", required(m_notesList.db, "--db"))->required();
    valueOption(list, "--session", "ID", "the session", whole(m_notesList.session, "--session"))->required();
    list.add_flag("--open", m_notesList.open,
                  "only open actions: the session's own and those of earlier shows of its title or tag");
}

const CLI::App* Parser::selected() const {
    const CLI::App* app = &m_app;
    for (auto chosen = app->get_subcommands(); !chosen.empty(); chosen = app->get_subcommands())
        app = chosen.front();
    return app;
}

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

} // namespace

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
    return Parser().parse(std::move(effective));
}

} // namespace hawker::studio
