#pragma once
// The sessions the console's review lists, in its order and words.

#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

/// Newest first: by start (a planned session by when it was made), then by id.
void sortNewestFirst(std::vector<Session>& sessions);
/// "#12  Spring sale".
std::string reviewSessionName(const Session& session);
/// "live", "ended · 彩排 rehearsal".
std::string reviewSessionState(const Session& session);
/// A session's state ("planned", "live", "ended") in the current language (i18n::tr).
std::string reviewStateWord(const std::string& state);
/// The list's line after the state: "  彩排 rehearsal  2024-05-01 20:00", "  not started".
std::string reviewSessionDetail(const Session& session);
/// "2024-05-01 20:00 → 2024-05-01 21:02  (1:02:03)", or "… → still live (the
/// report runs up to now)"; none before the session started.
std::optional<std::string> reviewSessionSpan(const Session& session);

} // namespace hawker::studio
