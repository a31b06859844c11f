#pragma once
// The command line of `hawker`, parsed (with CLI11) into one typed struct per
// subcommand. Parsing only reads the arguments: no file is opened and nothing
// is changed, so a bad command line changes nothing. Every problem is a
// UsageError whose one-line message names the option or argument at fault and
// never repeats the value of an option that is unknown or holds a secret.

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "hawker/studio/base/translations.hpp"
#include "hawker/studio/show/role.hpp"

namespace hawker::studio {

/// A wrong command line: main prints "hawker: error: " + what() and exits 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// `hawker help [COMMAND]`, `--help` on any subcommand, or plain `hawker` without a display.
struct HelpRequest {
    std::string text; ///< printed on stdout as it is
};

/// `hawker preflight SHOW.toml ...`
struct PreflightArgs {
    std::string show;
    double seconds = 10;
    bool json = false;
    bool live = false;
    std::optional<std::string> keep; ///< keep the measured files in this folder
};

/// `hawker run SHOW.toml ...`
struct RunArgs {
    std::string show;
    std::optional<double> duration; ///< seconds; none: until stopped
    bool offline = false;
    bool rehearsal = false;
    bool simulate = false;
    bool overwrite = false;
    std::string db; ///< empty: no session
    std::optional<int64_t> session;
    std::optional<int64_t> resume; ///< --resume ID
    bool resumeLast = false;       ///< --resume last
    std::optional<int64_t> seed;
};

/// `hawker demo ...`
struct DemoArgs {
    std::string out = "hawker-demo";
    /// --lang: the language of report.html; none: the system locale's.
    std::optional<i18n::Language> language;
    double duration = 60;
    bool offline = false;
    bool overwrite = false;
};

/// `hawker gui [SHOW.toml] ...`, and plain `hawker` (or options only) with a display.
struct GuiArgs {
    std::optional<std::string> show; ///< none: the built-in demo show
    Role role = Role::Operator;
    std::string who;
    std::string db;
    std::optional<std::string> out; ///< the demo's folder; default hawker-demo
    std::optional<std::string> screenshot;
    int afterFrames = 0; ///< with screenshot: 1 to 1000000
    std::optional<int64_t> seed;
    int width = 0, height = 0; ///< --size; 0: the console's default
    std::optional<int64_t> session;
    std::string tokenFile;
    /// --lang: the console's language; none: the saved choice, else the system locale.
    std::optional<i18n::Language> language;
    bool simulate = false;
    bool rehearsal = false;
    bool hostWindow = false;
    bool overwrite = false;
};

/// `hawker commands`
struct CommandsArgs {};

/// `hawker session new ...`
struct SessionNewArgs {
    std::string db;
    std::string title;
    std::optional<int64_t> start; ///< UTC milliseconds
    std::string tag;
    std::string host;
    bool rehearsal = false;
    std::string platforms;
    std::optional<int64_t> targetGmvCents;
    std::optional<int64_t> targetUv;
    std::optional<double> targetConversion;     ///< 0..1
    std::map<std::string, int64_t> targetUnits; ///< SKU -> units
    std::optional<std::string> variant;         ///< at most 32 bytes
};

/// `hawker session end ...`
struct SessionEndArgs {
    std::string db;
    int64_t session = 0;
    std::optional<int64_t> at;
};

/// `hawker session list ...`
struct SessionListArgs {
    std::string db;
};

/// `hawker catalog import ...`
struct CatalogImportArgs {
    std::string db;
    std::string file;
    bool skipBad = false;
};

/// `hawker catalog list ...`
struct CatalogListArgs {
    std::string db;
};

/// `hawker ingest ...`
struct IngestArgs {
    std::string db;
    int64_t session = 0;
    std::string file;
};

/// `hawker orders import ...`
struct OrdersImportArgs {
    std::string db;
    int64_t session = 0;
    std::string platform;
    std::optional<std::string> map; ///< a map.toml naming the columns
    std::optional<std::string> tz;  ///< the zone of times without an offset
    bool skipBad = false;
    std::vector<std::string> files;
};

/// `hawker report ...`
struct ReportArgs {
    std::string db;
    int64_t session = 0; ///< required unless trend
    bool json = false;
    bool includeRehearsals = false;
    std::optional<std::string> html;
    std::optional<std::string> csv;
    /// --trend: the sessions of a range instead of one session.
    bool trend = false;
    int64_t sinceMs = 14LL * 86'400'000; ///< --since 14d / 36h: how far back from now
    std::string title, tag, host, sku;   ///< --title, --tag, --host, --sku: only those sessions
    /// --lang: the language of the HTML page's words (headings stay bilingual); none: the system locale's.
    std::optional<i18n::Language> language;
};

/// `hawker clips ...`
struct ClipsArgs {
    std::string db;
    int64_t session = 0;
    std::string out;
    std::optional<std::string> sku, kind; ///< kind: card | offer | segment
    double pre = 2, post = 2, maxSeconds = 120;
    bool burnCard = false;
    std::string output; ///< the recording output to cut from; empty: the first
};

/// `hawker recording repair ...`
struct RecordingRepairArgs {
    std::string db;
    int64_t session = 0;
};

/// `hawker simulate ...`
struct SimulateArgs {
    std::string db;
    int64_t session = 0;
    double duration = 60;
    int64_t seed = 1;
    double speed = 1;
    bool fast = false;
    std::optional<int64_t> arrivals; ///< per minute
    std::optional<std::string> url;  ///< none: straight into the database
    std::string tokenEnv = "HAWKER_INGEST_TOKEN";
};

/// `hawker notes add ...`
struct NotesAddArgs {
    std::string db;
    int64_t session = 0;
    std::string kind;
    std::string text;
    std::string owner;
    std::string due; ///< an action's due day, YYYY-MM-DD
};

/// `hawker notes edit ...`
struct NotesEditArgs {
    std::string db;
    int64_t note = 0;
    /// Only what is given changes; an action's due day ("" clears it) and status (open, done, dropped).
    std::optional<std::string> text, owner, due, status;
};

/// `hawker notes delete ...`
struct NotesDeleteArgs {
    std::string db;
    int64_t note = 0;
};

/// `hawker notes list ...`
struct NotesListArgs {
    std::string db;
    int64_t session = 0;
    bool open = false; ///< the open actions: this session's and those of earlier shows of its title or tag
};

using CommandLine =
    std::variant<HelpRequest, RunArgs, DemoArgs, GuiArgs, CommandsArgs, SessionNewArgs, SessionEndArgs,
                 SessionListArgs, CatalogImportArgs, CatalogListArgs, IngestArgs, OrdersImportArgs,
                 ReportArgs, SimulateArgs, NotesAddArgs, NotesEditArgs, NotesDeleteArgs, NotesListArgs,
                 ClipsArgs, RecordingRepairArgs, PreflightArgs>;

/// The arguments after the program's name. `display`: whether a screen is
/// there, which makes plain `hawker` (or options only) the console.
/// Throws UsageError.
CommandLine parseCommandLine(const std::vector<std::string>& args, bool display);

/// What `hawker help` prints: every subcommand's form, in one page.
std::string_view usageText();

} // namespace hawker::studio
