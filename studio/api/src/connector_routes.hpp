#pragma once
// The live-comment connectors' routes (connector_routes.cpp).

#include "hawker/studio/engine/program_view.hpp"
#include "live_connectors.hpp"
#include "route_kit.hpp"
#include "webhook_stats.hpp"

namespace hawker::studio::api_routes {

/// POST /api/v1/webhooks/douyin-live/{name} for each Douyin push connector
/// (signed by the platform, no bearer token) and GET /api/v1/connectors.
/// `connectors` and `stats` outlive the server.
void addConnectorRoutes(RouteKit& kit, ProgramView& engine, LiveConnectors& connectors, WebhookStats& stats);

} // namespace hawker::studio::api_routes
