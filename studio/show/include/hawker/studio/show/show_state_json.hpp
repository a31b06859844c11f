#pragma once
// The show state as JSON: the control API's snapshot, and what a session
// stores so that a show killed mid-sale resumes where it was.

#include <nlohmann/json.hpp>

#include "hawker/studio/show/show_state.hpp"

namespace hawker::studio {

/// Everything in the state, plus what the show file adds for the reader
/// (the rundown's segments with elapsed and overrun at `nowMs`, offers'
/// seconds to launch or end).
nlohmann::json showStateToJson(const ShowState& state, const ShowSpec& show, int64_t nowMs);

/// The parts of a state that survive a restart (buses, graphics, offers with
/// their buyers' hashes, approvals, rundown, coupons, stopped outputs).
nlohmann::json resumableState(const ShowState& state);
/// Reads resumableState() output back. Throws std::runtime_error naming the
/// field if the stored JSON does not fit this show (a scene or sku it lacks).
ShowState restoreState(const nlohmann::json& json, const ShowSpec& show);
/// A scene's layers and slots as the state's JSON writes them (GET /scenes too).
nlohmann::json sceneLayoutJson(const SceneLayout& layout);

} // namespace hawker::studio
