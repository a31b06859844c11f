#pragma once
// The order webhooks' routes (webhook_routes.cpp).

#include <vector>

#include "hawker/studio/api/webhook_secrets.hpp"
#include "hawker/studio/engine/program_view.hpp"
#include "route_kit.hpp"
#include "webhook_details.hpp"
#include "webhook_stats.hpp"

namespace hawker::studio::api_routes {

/// POST /api/v1/webhooks/{platform} for each configured platform (signed by
/// the platform, no bearer token), and GET /api/v1/webhooks (their counters).
/// Stored orders with a pending product go to `details`. `secrets`,
/// `stats` and `details` outlive the server.
void addWebhookRoutes(RouteKit& kit, ProgramView& engine, const std::vector<WebhookSecret>& secrets,
                      WebhookStats& stats, WebhookDetails& details);

/// Answers 401 to a message whose signature is missing or wrong: nothing of it
/// is read, stored or logged, only that it came (`who`, "webhook douyin-shop");
/// counted under `statsKey`, and the red alert `alertRule` (KPI `kpi`) when
/// bad signatures repeat.
void refuseBadSignature(ProgramView& engine, WebhookStats& stats, const std::string& who,
                        const std::string& statsKey, const std::string& alertRule, const std::string& kpi,
                        httplib::Response& res);

} // namespace hawker::studio::api_routes
