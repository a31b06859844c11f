// hawker ingest | report | notes: thin wrappers over the analytics library,
// in the forms of docs/DESIGN.md's command-line contract.

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli_commands.hpp"
#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/money.hpp"
#include "hawker/studio/base/untrusted_text.hpp"
#include "hawker/studio/cli/cli_options.hpp"
#include "hawker/studio/report/report_csv.hpp"
#include "hawker/studio/report/report_html.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/store/notes_store.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int64_t requiredSession(const ParsedArgs& parsed) {
    const auto id = parsed.integer("--session");
    if (!id) throw UsageError("--session is required");
    return *id;
}

void writeText(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

} // namespace

int commandIngest(const std::vector<std::string>& args) {
    const ParsedArgs parsed = parseArgs(args, {"--db", "--session"}, {});
    if (parsed.positional.size() != 1) throw UsageError("ingest needs exactly one JSON Lines file");
    const std::string db = parsed.required("--db");
    const int64_t session = requiredSession(parsed);
    const std::string text = readFile(parsed.positional[0]);
    auto hasher =
        std::make_shared<const ViewerHasher>(ViewerHasher::fromKeyFile(ViewerHasher::defaultKeyPath()));
    EventIngest ingest(db, hasher);
    if (!ingest.sessionExists(session))
        throw std::runtime_error("no session " + std::to_string(session) + " in " + db);
    std::cout << toJsonText(ingest.ingestLines(session, text)) << std::endl;
    return 0;
}

int commandReport(const std::vector<std::string>& args) {
    const ParsedArgs parsed =
        parseArgs(args, {"--db", "--session", "--html", "--csv"}, {"--json", "--include-rehearsals"});
    if (!parsed.positional.empty()) throw UsageError("report takes no positional arguments");
    Database database(parsed.required("--db"), Database::Threading::OneThread);
    ReportOptions options;
    options.includeRehearsals = parsed.flag("--include-rehearsals");
    const nlohmann::json report = buildSessionReport(database, requiredSession(parsed), options);
    if (auto html = parsed.value("--html")) writeText(*html, renderReportHtml(report));
    if (auto csv = parsed.value("--csv")) writeReportCsv(report, *csv);
    if (parsed.flag("--json")) {
        std::cout << report.dump(2) << std::endl;
    } else if (!parsed.value("--html") && !parsed.value("--csv")) {
        const auto& s = report["summary"];
        std::cout << "session " << report["session"]["id"] << " "
                  << report["session"]["title"].get<std::string>() << ": uv=" << s["uv"] << " pv=" << s["pv"]
                  << " pcu=" << s["pcu"] << " paid_orders=" << s["paid_orders"]
                  << " gmv=" << figures::formatYuan(json_read::numberAt(s, "gmv_cents"))
                  << " conversion_rate=" << s["conversion_rate"]
                  << "\n(--json, --html FILE or --csv DIR for the whole report)" << std::endl;
    }
    return 0;
}

int commandNotes(const std::vector<std::string>& args) {
    if (args.empty()) throw UsageError("notes needs a subcommand: add, edit, delete or list");
    const std::string sub = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (sub == "add") {
        const ParsedArgs parsed = parseArgs(rest, {"--db", "--session", "--kind", "--text", "--owner"}, {});
        if (!parsed.positional.empty()) throw UsageError("notes add takes no positional arguments");
        Database database(parsed.required("--db"));
        const SessionNote note =
            NotesStore(database).add(requiredSession(parsed), parsed.required("--kind"),
                                     parsed.required("--text"), parsed.value("--owner").value_or(""));
        std::cout << note.id << std::endl;
        return 0;
    }
    if (sub == "edit") {
        const ParsedArgs parsed = parseArgs(rest, {"--db", "--note", "--text", "--owner"}, {});
        Database database(parsed.required("--db"));
        const auto id = parsed.integer("--note");
        if (!id) throw UsageError("--note is required");
        NotesStore(database).edit(*id, parsed.required("--text"), parsed.value("--owner").value_or(""));
        return 0;
    }
    if (sub == "delete") {
        const ParsedArgs parsed = parseArgs(rest, {"--db", "--note"}, {});
        Database database(parsed.required("--db"));
        const auto id = parsed.integer("--note");
        if (!id) throw UsageError("--note is required");
        NotesStore(database).remove(*id);
        return 0;
    }
    if (sub == "list") {
        const ParsedArgs parsed = parseArgs(rest, {"--db", "--session"}, {});
        Database database(parsed.required("--db"));
        std::cout << "id\tkind\towner\ttext\n";
        for (const SessionNote& n : NotesStore(database).list(requiredSession(parsed)))
            std::cout << n.id << '\t' << n.kind << '\t' << n.owner << '\t' << n.text << '\n';
        return 0;
    }
    throw UsageError("unknown notes subcommand '" + sub + "' (add, edit, delete, list)");
}

} // namespace hawker::studio
