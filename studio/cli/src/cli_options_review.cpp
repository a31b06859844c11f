// The command line's review and back-office commands: report (one session
// or the trend of many), simulate, ingest, orders, notes, clips and recording
// repair. The parse itself is in cli_options.cpp.

#include <optional>
#include <string>

#include "cli_parser.hpp"

namespace hawker::studio::cli_parse {

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
    valueOption(report, "--lang", "LANG",
                "the HTML page's language: zh-CN or en (headings stay bilingual; default: the system locale)",
                [this](const std::string& text) { m_report.language = values::language("--lang", text); });
    report.add_flag("--trend", m_report.trend,
                    "the sessions of a range instead of one: --since, --title, --tag, --host, --sku");
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
    valueOption(report, "--host", "NAME", "with --trend: only sessions of this host", keep(m_report.host));
    valueOption(report, "--sku", "SKU",
                "with --trend: only sessions that showed, clicked or sold this product", keep(m_report.sku));

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

} // namespace hawker::studio::cli_parse
