#pragma once
// Layout edits in the show state's JSON (internal to studio/show): what
// --resume reads back, and what the API and the console's snapshot carry.

#include <nlohmann/json.hpp>

#include "hawker/studio/show/show_state.hpp"

namespace hawker::studio::detail {

nlohmann::json layoutJson(const SceneLayout& layout);
nlohmann::json layoutEditsJson(const LayoutEdits& edits);
/// Reads what layoutEditsJson wrote into `state.layouts`. Every scene, camera
/// and picture it names must be in this show (state.addedSources already
/// read); throws std::runtime_error naming the first that is not.
void restoreLayoutEdits(const nlohmann::json& in, const ShowSpec& show, ShowState& state);

} // namespace hawker::studio::detail
