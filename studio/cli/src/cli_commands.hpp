#pragma once
// The subcommands of `hawker` that live outside main.cpp (demo, gui, ingest,
// report, notes, simulate);
// main.cpp dispatches to them. Each returns the process exit status.

#include <filesystem>
#include <string>
#include <vector>

namespace hawker::studio {

struct ShowSpec;

/// The built-in demo show with its recording and API tokens in `out` (made if missing).
ShowSpec loadDemoShow(const std::filesystem::path& out);
int commandDemo(const std::vector<std::string>& args);
int commandGui(const std::vector<std::string>& args);
int commandIngest(const std::vector<std::string>& args);
int commandReport(const std::vector<std::string>& args);
int commandNotes(const std::vector<std::string>& args);
int commandSimulate(const std::vector<std::string>& args);

} // namespace hawker::studio
