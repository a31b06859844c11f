#pragma once
// The analytics subcommands of `hawker` (ingest, report, notes, simulate);
// main.cpp dispatches to them. Each returns the process exit status.

#include <string>
#include <vector>

namespace hawker::studio {

int commandIngest(const std::vector<std::string>& args);
int commandReport(const std::vector<std::string>& args);
int commandNotes(const std::vector<std::string>& args);
int commandSimulate(const std::vector<std::string>& args);

} // namespace hawker::studio
