// hawker ingest | report | notes: thin wrappers over the analytics library,
// in the forms of docs/DESIGN.md's command-line contract.

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli_commands.hpp"
#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/money.hpp"
#include "hawker/studio/base/translations.hpp"
#include "hawker/studio/base/untrusted_text.hpp"
#include "hawker/studio/report/report_csv.hpp"
#include "hawker/studio/report/report_html.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/report/session_trend.hpp"
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

void writeText(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

} // namespace

int commandIngest(const IngestArgs& args) {
    const std::string text = readFile(args.file);
    auto hasher =
        std::make_shared<const ViewerHasher>(ViewerHasher::fromKeyFile(ViewerHasher::defaultKeyPath()));
    EventIngest ingest(args.db, hasher);
    if (!ingest.sessionExists(args.session))
        throw std::runtime_error("no session " + std::to_string(args.session) + " in " + args.db);
    std::cout << toJsonText(ingest.ingestLines(args.session, text)) << std::endl;
    return 0;
}

namespace {

int commandTrend(const ReportArgs& args, Database& database) {
    TrendOptions options;
    options.untilUtcMs = nowUtcMs();
    options.sinceUtcMs = options.untilUtcMs - args.sinceMs;
    options.title = args.title;
    options.tag = args.tag;
    options.host = args.host;
    options.sku = args.sku;
    options.includeRehearsals = args.includeRehearsals;
    const nlohmann::json trend = buildTrend(database, options);
    if (args.html) writeText(*args.html, renderTrendHtml(trend));
    if (args.csv) writeTrendCsv(trend, *args.csv);
    if (args.json) {
        std::cout << trend.dump(2) << std::endl;
    } else if (!args.html && !args.csv) {
        std::cout << "trend: " << trend["sessions"].size() << " session(s)";
        for (const auto& s : trend["sessions"])
            std::cout << "\n  #" << s["id"] << " " << s["title"].get<std::string>()
                      << ": gmv=" << figures::formatYuan(json_read::numberAt(s, "gmv_cents"))
                      << " uv=" << s["uv"];
        std::cout << "\n(--json, --html FILE or --csv DIR for the whole trend)" << std::endl;
    }
    return 0;
}

} // namespace

int commandReport(const ReportArgs& args) {
    if (args.trend && args.session != 0)
        throw UsageError("report: --trend covers a range; leave out --session");
    if (!args.trend && args.session == 0)
        throw UsageError("report needs --session ID (or --trend for a range)");
    if (!args.trend && !(args.title + args.tag + args.host + args.sku).empty())
        throw UsageError("report: --title, --tag, --host and --sku choose the sessions of a --trend");
    // The HTML's words: --lang, else the locale's (the JSON and the CSV files have no words to translate).
    i18n::setLanguage(args.language.value_or(i18n::systemLanguage()));
    Database database(args.db, Database::Threading::OneThread);
    if (args.trend) return commandTrend(args, database);
    ReportOptions options;
    options.includeRehearsals = args.includeRehearsals;
    const nlohmann::json report = buildSessionReport(database, args.session, options);
    if (args.html) writeText(*args.html, renderReportHtml(report));
    if (args.csv) writeReportCsv(report, *args.csv);
    if (args.json) {
        std::cout << report.dump(2) << std::endl;
    } else if (!args.html && !args.csv) {
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

int commandNotesAdd(const NotesAddArgs& args) {
    Database database(args.db);
    const SessionNote note =
        NotesStore(database).add(args.session, args.kind, args.text, args.owner, args.due);
    std::cout << note.id << std::endl;
    return 0;
}

int commandNotesEdit(const NotesEditArgs& args) {
    Database database(args.db);
    if (!args.text && !args.owner && !args.due && !args.status)
        throw UsageError("notes edit: give at least one of --text, --owner, --due, --status");
    NotesStore(database).edit(args.note, {args.text, args.owner, args.due, args.status});
    return 0;
}

int commandNotesDelete(const NotesDeleteArgs& args) {
    Database database(args.db);
    NotesStore(database).remove(args.note);
    return 0;
}

int commandNotesList(const NotesListArgs& args) {
    Database database(args.db);
    NotesStore notes(database);
    if (args.open) {
        // The team's open promises for this show, oldest first, then this session's own.
        std::cout << "id\tsession\tfrom\tdue\towner\ttext\n";
        auto line = [](const SessionNote& n, const std::string& from) {
            std::cout << n.id << '\t' << n.sessionId << '\t' << from << '\t' << n.due << '\t' << n.owner
                      << '\t' << n.text << '\n';
        };
        for (const OpenAction& a : notes.openActionsBefore(args.session))
            line(a.note, a.sessionTitle);
        for (const SessionNote& n : notes.list(args.session))
            if (n.status == "open") line(n, "this session");
        return 0;
    }
    std::cout << "id\tkind\tstatus\tdue\towner\ttext\n";
    for (const SessionNote& n : notes.list(args.session))
        std::cout << n.id << '\t' << n.kind << '\t' << n.status << '\t' << n.due << '\t' << n.owner << '\t'
                  << n.text << '\n';
    return 0;
}

} // namespace hawker::studio
