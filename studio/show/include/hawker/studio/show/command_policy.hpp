#pragma once
// Which commands exist and which role may send each. The show controller
// checks every command here, whoever sent it (console, HTTP API, rundown
// automation, cues), so the rules hold in one place.

#include <string>
#include <vector>

namespace hawker::studio {

bool isKnownCommand(const std::string& name);
/// Every command name, in a stable order (for the API's listing and tests).
const std::vector<std::string>& knownCommands();

/// operator, host, merchandiser, ingest, automation.
bool isKnownRole(const std::string& role);

/// Whether `role` may send `command`:
/// - operator and automation run the program (everything but approvals);
/// - host may advance the rundown and approve;
/// - merchandiser approves cards and offers (the compliance gate's second
///   role) and never changes the program; the show's [compliance]
///   approver_roles can narrow who approves;
/// - ingest feeds orders and coupon counts.
bool mayRun(const std::string& role, const std::string& command);

} // namespace hawker::studio
