#pragma once
// The parser behind parseCommandLine (cli_options.hpp), shared by the files
// that add its subcommands: cli_options.cpp (the parse itself, the show and
// session commands) and cli_options_review.cpp (report, orders, notes, clips).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "hawker/studio/cli/cli_options.hpp"

#include "cli_values.hpp"

namespace hawker::studio::cli_parse {

namespace values = cli_values;

using Store = std::function<void(const std::string&)>;

/// An option that takes a value; `store` checks and keeps it (a UsageError when it is wrong).
inline CLI::Option* valueOption(CLI::App& app, const std::string& name, const std::string& typeName,
                                const std::string& help, Store store) {
    return app.add_option_function<std::string>(name, std::move(store), help)->type_name(typeName);
}

// What valueOption does with an option's text: keep it as given, or check and convert it first.
inline Store keep(std::optional<std::string>& field) {
    return [&field](const std::string& text) { field = text; };
}
inline Store keep(std::string& field) {
    return [&field](const std::string& text) { field = text; };
}
inline Store required(std::string& field, const std::string& name) {
    return [&field, name](const std::string& text) { field = values::nonEmpty(name, text); };
}
inline Store whole(std::optional<int64_t>& field, const std::string& name) {
    return [&field, name](const std::string& text) { field = values::wholeNumber(name, text); };
}
inline Store whole(int64_t& field, const std::string& name) {
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
    void addPreflight();
    void addDemo();
    void addGui();
    void addSession();
    void addCatalog();
    void addAnalytics();
    void addOrders();
    void addNotes();
    void addClips();
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
    PreflightArgs m_preflight;
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
};

} // namespace hawker::studio::cli_parse
