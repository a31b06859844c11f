#pragma once
// The subcommands of `hawker`, each a thin wrapper over the studio library
// taking its parsed options (cli_options.hpp); main.cpp dispatches to them.
// Each returns the process exit status and throws for a failure.

#include <filesystem>

#include "hawker/studio/cli/cli_options.hpp"

namespace hawker::studio {

struct ShowSpec;

/// The built-in demo show with its recording and API tokens in `out` (made if missing).
ShowSpec loadDemoShow(const std::filesystem::path& out);

int commandRun(const RunArgs& args);
int commandPreflight(const PreflightArgs& args);
int commandDemo(const DemoArgs& args);
int commandGui(const GuiArgs& args);
int commandSessionNew(const SessionNewArgs& args);
int commandSessionEnd(const SessionEndArgs& args);
int commandSessionList(const SessionListArgs& args);
int commandCatalogImport(const CatalogImportArgs& args);
int commandCatalogList(const CatalogListArgs& args);
int commandIngest(const IngestArgs& args);
int commandOrdersImport(const OrdersImportArgs& args);
int commandReport(const ReportArgs& args);
int commandNotesAdd(const NotesAddArgs& args);
int commandNotesEdit(const NotesEditArgs& args);
int commandNotesDelete(const NotesDeleteArgs& args);
int commandNotesList(const NotesListArgs& args);
int commandSimulate(const SimulateArgs& args);
int commandClips(const ClipsArgs& args);
int commandRecordingRepair(const RecordingRepairArgs& args);

} // namespace hawker::studio
