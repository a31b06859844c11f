#pragma once
// The API's routes, one file per resource, all added through a RouteKit so
// that every handler is identified, guarded and limited the same way
// (route_kit.hpp).

#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/analytics/live_analytics.hpp"
#include "hawker/studio/engine/program_view.hpp"
#include "route_kit.hpp"

namespace hawker::studio {
class ClipJobs;
}

namespace hawker::studio::api_routes {

/// Every command's route from the command table, POST /commands/{name} and GET /commands.
void addCommandRoutes(RouteKit& kit, ProgramView& engine);
/// What the show is doing: state, scenes, rundown, offers, products, outputs, session, audit.
void addShowRoutes(RouteKit& kit, ProgramView& engine);
/// The session's data: viewer events, metrics and alerts, the report, 复盘 notes.
void addSessionRoutes(RouteKit& kit, ProgramView& engine);
/// A session's clips: POST starts a cut, GET its progress, POST …/cancel stops it.
void addClipRoutes(RouteKit& kit, ProgramView& engine, ClipJobs& jobs);

} // namespace hawker::studio::api_routes
