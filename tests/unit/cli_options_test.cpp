// hawker's command line: parsed into each subcommand's options, errors that
// name the option (and never repeat a secret), --help for every subcommand.

#include <gtest/gtest.h>

#include "hawker/studio/cli/cli_options.hpp"

using namespace hawker::studio;

namespace {

/// The UsageError's message for `args`, or a failure when they parse.
std::string usageError(const std::vector<std::string>& args) {
    try {
        parseCommandLine(args, false);
    } catch (const UsageError& error) {
        return error.what();
    }
    std::string line;
    for (const std::string& arg : args)
        line += arg + " ";
    ADD_FAILURE() << "no UsageError for: " << line;
    return {};
}

template <class T>
T parsed(const std::vector<std::string>& args, bool display = false) {
    const CommandLine line = parseCommandLine(args, display);
    EXPECT_TRUE(std::holds_alternative<T>(line)) << "parsed as alternative " << line.index();
    return std::holds_alternative<T>(line) ? std::get<T>(line) : T{};
}

std::string helpText(const std::vector<std::string>& args) {
    return parsed<HelpRequest>(args).text;
}

} // namespace

TEST(CliOptions, RunIntoItsOptions) {
    const RunArgs run = parsed<RunArgs>({"run", "show.toml", "--duration", "10", "--offline", "--db", "s.db",
                                         "--simulate", "--seed", "7", "--rehearsal", "--overwrite"});
    EXPECT_EQ(run.show, "show.toml");
    EXPECT_DOUBLE_EQ(run.duration.value_or(0), 10.0);
    EXPECT_TRUE(run.offline && run.simulate && run.rehearsal && run.overwrite);
    EXPECT_EQ(run.db, "s.db");
    EXPECT_EQ(run.seed, 7);
    EXPECT_FALSE(run.session || run.resume || run.resumeLast);

    const RunArgs plain = parsed<RunArgs>({"run", "show.toml"});
    EXPECT_FALSE(plain.duration || plain.offline || plain.simulate);
    EXPECT_TRUE(plain.db.empty());

    // --name=value, an option before the file, and a repeated option keeps its last value.
    const RunArgs forms =
        parsed<RunArgs>({"run", "--duration=2.5", "show.toml", "--db", "a.db", "--db=b.db"});
    EXPECT_DOUBLE_EQ(forms.duration.value_or(0), 2.5);
    EXPECT_EQ(forms.show, "show.toml");
    EXPECT_EQ(forms.db, "b.db");

    EXPECT_TRUE(parsed<RunArgs>({"run", "s.toml", "--db", "x.db", "--resume", "last"}).resumeLast);
    EXPECT_EQ(parsed<RunArgs>({"run", "s.toml", "--db", "x.db", "--resume", "3"}).resume, 3);
    EXPECT_EQ(parsed<RunArgs>({"run", "s.toml", "--db", "x.db", "--session", "4"}).session, 4);
}

TEST(CliOptions, EverySubcommandIntoItsOptions) {
    const DemoArgs demo = parsed<DemoArgs>({"demo"});
    EXPECT_EQ(demo.out, "hawker-demo");
    EXPECT_DOUBLE_EQ(demo.duration, 60);
    EXPECT_EQ(parsed<DemoArgs>({"demo", "--out", "d", "--duration", "5", "--offline"}).out, "d");

    const GuiArgs gui =
        parsed<GuiArgs>({"gui", "show.toml", "--role", "host", "--who", "林", "--size", "800x600",
                         "--screenshot", "a.png", "--after-frames", "45", "--host-window"});
    EXPECT_EQ(gui.show, "show.toml");
    EXPECT_EQ(gui.role, Role::Host);
    EXPECT_EQ(gui.who, "林");
    EXPECT_EQ(gui.width, 800);
    EXPECT_EQ(gui.height, 600);
    EXPECT_EQ(gui.screenshot, "a.png");
    EXPECT_EQ(gui.afterFrames, 45);
    EXPECT_TRUE(gui.hostWindow);

    const SessionNewArgs created = parsed<SessionNewArgs>(
        {"session", "new", "--db", "h.db", "--title", "晚八点 美妆专场", "--start", "1700000000000",
         "--target-conversion", "0.03", "--target-units", "A=3,B-2=40", "--variant", "B"});
    EXPECT_EQ(created.title, "晚八点 美妆专场");
    EXPECT_EQ(created.start, 1700000000000);
    EXPECT_DOUBLE_EQ(created.targetConversion.value_or(-1), 0.03);
    EXPECT_EQ(created.targetUnits, (std::map<std::string, int64_t>{{"A", 3}, {"B-2", 40}}));
    EXPECT_EQ(created.variant, "B");

    EXPECT_EQ(parsed<SessionEndArgs>({"session", "end", "--db", "h.db", "--session", "2", "--at", "5"}).at,
              5);
    EXPECT_EQ(parsed<SessionListArgs>({"session", "list", "--db", "h.db"}).db, "h.db");
    const CatalogImportArgs import =
        parsed<CatalogImportArgs>({"catalog", "import", "--db", "h.db", "--skip-bad", "p.csv"});
    EXPECT_EQ(import.file, "p.csv");
    EXPECT_TRUE(import.skipBad);
    EXPECT_EQ(parsed<IngestArgs>({"ingest", "--db", "h.db", "--session", "3", "e.jsonl"}).file, "e.jsonl");
    const ReportArgs report =
        parsed<ReportArgs>({"report", "--db", "h.db", "--session", "3", "--json", "--csv", "out"});
    EXPECT_TRUE(report.json);
    EXPECT_EQ(report.csv, "out");
    EXPECT_FALSE(report.html);
    const SimulateArgs simulate = parsed<SimulateArgs>({"simulate", "--db", "h.db", "--session", "3"});
    EXPECT_DOUBLE_EQ(simulate.duration, 60);
    EXPECT_DOUBLE_EQ(simulate.speed, 1);
    EXPECT_EQ(simulate.seed, 1);
    EXPECT_EQ(simulate.tokenEnv, "HAWKER_INGEST_TOKEN");
    EXPECT_EQ(parsed<NotesAddArgs>({"notes", "add", "--db", "h.db", "--session", "1", "--kind", "gap",
                                    "--text", "t", "--owner", "小林"})
                  .owner,
              "小林");
    EXPECT_EQ(parsed<NotesEditArgs>({"notes", "edit", "--db", "h.db", "--note", "9", "--text", "t"}).note, 9);
    EXPECT_EQ(parsed<NotesDeleteArgs>({"notes", "delete", "--db", "h.db", "--note", "9"}).note, 9);
    EXPECT_EQ(parsed<NotesListArgs>({"notes", "list", "--db", "h.db", "--session", "1"}).session, 1);
    // An action's due day and status; an edit changes only what it names.
    EXPECT_EQ(parsed<NotesAddArgs>({"notes", "add", "--db", "h.db", "--session", "1", "--kind", "action",
                                    "--text", "t", "--due", "2026-12-20"})
                  .due,
              "2026-12-20");
    const auto close =
        parsed<NotesEditArgs>({"notes", "edit", "--db", "h.db", "--note", "9", "--status", "done"});
    EXPECT_EQ(close.status, std::optional<std::string>("done"));
    EXPECT_FALSE(close.text);
    EXPECT_FALSE(close.owner);
    EXPECT_TRUE(parsed<NotesListArgs>({"notes", "list", "--db", "h.db", "--session", "1", "--open"}).open);
    parsed<CommandsArgs>({"commands"});
}

TEST(CliOptions, PlainHawkerIsTheConsoleOnADisplay) {
    EXPECT_FALSE(parsed<GuiArgs>({}, true).show);
    EXPECT_EQ(parsed<GuiArgs>({"--role", "merchandiser", "--db", "h.db"}, true).role, Role::Merchandiser);
    EXPECT_EQ(parsed<HelpRequest>({}, false).text, usageText());
}

TEST(CliOptions, UnknownOptionsAndBadValuesNameTheOption) {
    EXPECT_EQ(usageError({"run", "s.toml", "--bogus"}), "unknown option --bogus");
    EXPECT_EQ(usageError({"run", "--bogus", "s.toml"}), "unknown option --bogus");
    EXPECT_EQ(usageError({"run", "s.toml", "-x"}), "unknown option -x");
    EXPECT_EQ(usageError({"frobnicate"}), "unknown command 'frobnicate' (try 'hawker help')");
    EXPECT_EQ(usageError({"session", "frobnicate"}),
              "unknown session subcommand 'frobnicate' (new, end, list)");
    EXPECT_EQ(usageError({"session"}), "session needs a subcommand: new, end or list");
    EXPECT_EQ(usageError({"notes"}), "notes needs a subcommand: add, edit, delete or list");
    EXPECT_EQ(usageError({"run", "s.toml", "--duration"}), "--duration needs a value");
    EXPECT_EQ(usageError({"run"}), "run needs exactly one show file");
    EXPECT_EQ(usageError({"run", "a.toml", "b.toml"}), "run needs exactly one show file");
    // An empty argument is no file: every command that needs one says so the same way.
    EXPECT_EQ(usageError({"run", ""}), "run needs exactly one show file");
    EXPECT_EQ(usageError({"ingest", "", "--db", "h.db", "--session", "1"}),
              "ingest needs exactly one JSON Lines file");
    EXPECT_EQ(usageError({"catalog", "import", "", "--db", "h.db"}),
              "catalog import needs exactly one CSV file");
    EXPECT_EQ(usageError({"commands", "x"}), "commands takes no arguments");
    EXPECT_EQ(usageError({"session", "new", "--db", "h.db"}), "--title is required");
    EXPECT_EQ(usageError({"session", "new", "--title", "t", "--db", ""}), "--db is required");
    for (const char* bad : {"-1", "0", "abc", "10s", "nan", "inf", "1e9"})
        EXPECT_EQ(usageError({"run", "s.toml", "--duration", bad}),
                  std::string("--duration expects a positive number of seconds, got '") + bad + "'");
    EXPECT_EQ(usageError({"session", "new", "--db", "h.db", "--title", "x", "--start", "-5"}),
              "--start expects a whole number (0 or more), got '-5'");
    EXPECT_EQ(usageError({"session", "end", "--db", "h.db", "--session", "abc"}),
              "--session expects a whole number (0 or more), got 'abc'");
    EXPECT_EQ(usageError({"session", "new", "--db", "h", "--title", "x", "--target-units", "=5"}),
              "--target-units expects SKU=N[,SKU=N...], got '=5'");
    EXPECT_EQ(usageError({"session", "new", "--db", "h", "--title", "x", "--target-conversion", "3"}),
              "--target-conversion expects a rate from 0 to 1 (0.03 for 3 %), got '3'");
    EXPECT_EQ(usageError({"gui", "s.toml", "--role", "wizard"}),
              "--role must be operator, host or merchandiser, not 'wizard'");
    EXPECT_EQ(usageError({"gui", "s.toml", "--size", "10x10"}),
              "--size expects WIDTHxHEIGHT, at least 640x400, got '10x10'");
    EXPECT_EQ(usageError({"simulate", "--db", "h", "--session", "1", "--speed", "0"}),
              "--speed expects a factor from 0.1 to 1000, got '0'");
    // An unknown option is the likelier typo than the bad value after it.
    EXPECT_EQ(usageError({"run", "s.toml", "--duration", "abc", "--bogus"}), "unknown option --bogus");
}

TEST(CliOptions, OptionsThatNeedEachOther) {
    EXPECT_EQ(usageError({"run", "s.toml", "--offline"}),
              "--offline needs --duration (a virtual clock never ends by itself)");
    EXPECT_EQ(usageError({"run", "s.toml", "--resume", "last"}),
              "--resume needs --db (the session is in it)");
    EXPECT_EQ(usageError({"run", "s.toml", "--db", "h", "--resume", "2", "--session", "3"}),
              "give --resume or --session, not both");
    EXPECT_EQ(usageError({"run", "s.toml", "--seed", "3"}),
              "--simulate needs --db (the audience's events go to the session)");
    EXPECT_EQ(usageError({"gui", "s.toml", "--screenshot", "a.png"}),
              "--screenshot needs --after-frames N (1 to 1000000)");
    EXPECT_EQ(usageError({"gui", "s.toml", "--out", "d"}),
              "--out is for the built-in demo; a show file names its outputs");
    EXPECT_EQ(usageError({"gui", "s.toml", "--role", "merchandiser"}),
              "the merchandiser's review needs --db DB (the sessions to review)");
    EXPECT_EQ(usageError({"session", "new", "--db", "h", "--title", "x", "--variant", std::string(33, 'A')}),
              "--variant is a short label (A, B, …), at most 32 bytes");
}

TEST(CliOptions, ErrorsNeverRepeatASecret) {
    const std::string secret = "op-7f3a9c0d5e1b2a4c";
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"gui", "s.toml", "--token", secret},
          std::vector<std::string>{"gui", "s.toml", "--token=" + secret},
          std::vector<std::string>{"--token", secret},
          std::vector<std::string>{"run", "s.toml", "--token", secret},
          std::vector<std::string>{"run", "--stream-key=" + secret, "s.toml"},
          std::vector<std::string>{"run", "--key", secret, "s.toml"},
          std::vector<std::string>{"session", "list", "--db", "h", secret},
          std::vector<std::string>{"simulate", "--db", "h", "--session", "1", "--url",
                                   "http://u:" + secret + "@127.0.0.1:1", "--bogus"}}) {
        const std::string message = usageError(args);
        EXPECT_FALSE(message.empty());
        EXPECT_EQ(message.find(secret), std::string::npos) << message;
    }
    EXPECT_EQ(
        usageError({"gui", "s.toml", "--token", secret}).rfind("a token never goes on the command line", 0),
        0u);
}

TEST(CliOptions, HelpForEverySubcommand) {
    EXPECT_EQ(helpText({"--help"}), usageText());
    EXPECT_EQ(helpText({"-h"}), usageText());
    EXPECT_EQ(helpText({"help"}), usageText());
    const std::vector<std::pair<std::vector<std::string>, std::string>> subcommands = {
        {{"run"}, "--duration"},
        {{"demo"}, "--out"},
        {{"gui"}, "--role"},
        {{"commands"}, "--help"},
        {{"session"}, "new"},
        {{"session", "new"}, "--target-units"},
        {{"session", "end"}, "--at"},
        {{"session", "list"}, "--db"},
        {{"catalog"}, "import"},
        {{"catalog", "import"}, "--skip-bad"},
        {{"catalog", "list"}, "--db"},
        {{"ingest"}, "--session"},
        {{"report"}, "--html"},
        {{"simulate"}, "--token-env"},
        {{"notes"}, "delete"},
        {{"notes", "add"}, "--kind"},
        {{"notes", "edit"}, "--note"},
        {{"notes", "delete"}, "--note"},
        {{"notes", "list"}, "--session"}};
    for (const auto& [names, mentions] : subcommands) {
        std::string path = "hawker";
        for (const std::string& name : names)
            path += " " + name;
        std::vector<std::string> withFlag = names;
        withFlag.push_back("--help");
        const std::string text = helpText(withFlag);
        EXPECT_NE(text.find("Usage: " + path), std::string::npos) << path << ":\n" << text;
        EXPECT_NE(text.find(mentions), std::string::npos) << path << ":\n" << text;
        // `hawker help session new` says the same as `hawker session new --help`.
        std::vector<std::string> viaHelp = {"help"};
        viaHelp.insert(viaHelp.end(), names.begin(), names.end());
        EXPECT_EQ(helpText(viaHelp), text) << path;
    }
    // --help wins over a missing required option.
    EXPECT_NE(helpText({"session", "new", "--help"}).find("--title"), std::string::npos);
    EXPECT_EQ(usageError({"help", "frobnicate"}), "no command 'frobnicate' to help with (try 'hawker help')");
}

TEST(CliOptions, TheLanguageIsZhCnOrEnAndNothingElse) {
    EXPECT_EQ(parsed<GuiArgs>({"gui", "show.toml", "--lang", "zh-CN"}).language, i18n::Language::ZhCN);
    EXPECT_EQ(parsed<GuiArgs>({"gui", "show.toml", "--lang", "en"}).language, i18n::Language::En);
    // Without --lang the console decides: the saved choice, then the locale.
    EXPECT_FALSE(parsed<GuiArgs>({"gui", "show.toml"}).language);
    EXPECT_EQ(usageError({"gui", "show.toml", "--lang", "fr"}), "--lang must be zh-CN or en, not 'fr'");
    EXPECT_EQ(usageError({"gui", "show.toml", "--lang", "zh"}), "--lang must be zh-CN or en, not 'zh'");
    EXPECT_EQ(parsed<ReportArgs>({"report", "--db", "h.db", "--session", "1", "--lang", "zh-CN"}).language,
              i18n::Language::ZhCN);
    EXPECT_EQ(usageError({"report", "--db", "h.db", "--session", "1", "--lang", "de"}),
              "--lang must be zh-CN or en, not 'de'");
    EXPECT_EQ(parsed<DemoArgs>({"demo", "--lang", "en"}).language, i18n::Language::En);
}
