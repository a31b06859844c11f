// The live-comment connectors' routes: Douyin's 直播小玩法 data push,
// POST /api/v1/webhooks/douyin-live/{name} (the platform signs each push;
// the signature is checked over the raw body before anything else), and
// GET /api/v1/connectors, every connector's health.

#include <chrono>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "connector_routes.hpp"
#include "hawker/studio/analytics/douyin_live_push.hpp"
#include "hawker/studio/api/webhook_signature.hpp"
#include "hawker/studio/base/ascii_case.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/base/untrusted_text.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "routes.hpp"
#include "webhook_routes.hpp"
#include "webhook_stats.hpp"

namespace hawker::studio::api_routes {

using nlohmann::json;

namespace {

/// The x-* headers by lowercase name, as the signature takes them.
std::vector<std::pair<std::string, std::string>> xHeaders(const httplib::Request& req) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [name, value] : req.headers) {
        std::string lower = asciiLower(name);
        if (lower.rfind("x-", 0) == 0) out.emplace_back(std::move(lower), value);
    }
    return out;
}

void receivePush(RouteKit& kit, ProgramView& engine, LiveConnectors& connectors, const PushConnector& push,
                 WebhookStats& stats, const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& reader) {
    EventIngest* ingest = engine.ingest();
    if (!ingest || engine.sessionId() == 0)
        return error(res, 409, "this show has no session database (run it with --db)");
    std::string body;
    if (!kit.readBody(req, res, reader, body)) return;
    if (!douyinLivePushSigned(req.get_header_value("x-signature"), xHeaders(req), body, push.secret)) {
        connectors.health().update(push.name, [](ConnectorStatus& s) { ++s.badSignatures; });
        return refuseBadSignature(engine, stats, "connector " + push.name, "douyin-live/" + push.name,
                                  "connector." + push.name + ".signature", "connectors", res);
    }
    if (!jsonNestingWithin(body, kit.limits().maxJsonDepth))
        return error(res, 400,
                     "the JSON body nests deeper than " + std::to_string(kit.limits().maxJsonDepth) +
                         " levels");
    WebhookEvents parsed;
    try {
        parsed = douyinLivePushEvents(req.get_header_value("x-msg-type"), body, ingest->hasher(), nowUtcMs());
    } catch (const WebhookBodyError& bad) {
        connectors.health().update(push.name, [](ConnectorStatus& s) { ++s.rejected; });
        return error(res, 400, bad.what());
    }
    for (const std::string& reason : parsed.rejected)
        logWarning("connector " + push.name + ": a pushed message was not usable: " + reason);
    int64_t latest = 0;
    for (const ViewerEvent& e : parsed.events)
        latest = std::max(latest, e.ts);
    StoreOutcome outcome;
    try {
        if (!parsed.events.empty()) outcome = ingest->store(engine.sessionId(), std::move(parsed.events));
    } catch (const IngestBusy& busy) {
        res.set_header("Retry-After", "1");
        return error(res, 503, busy.what());
    } catch (const StoreError& failed) {
        connectors.health().update(push.name, [](ConnectorStatus& s) { ++s.errors; });
        logError("connector " + push.name + ": comments not stored: " + failed.what());
        return error(res, 503, "the comments could not be stored; nothing was acknowledged, retry");
    }
    connectors.health().update(push.name, [&](ConnectorStatus& s) {
        s.state = ConnectorState::Connected;
        s.lastError.clear();
        s.received += static_cast<int64_t>(outcome.accepted);
        s.duplicates += static_cast<int64_t>(outcome.duplicates);
        s.ignored += static_cast<int64_t>(parsed.ignored);
        s.rejected += static_cast<int64_t>(parsed.rejected.size());
        if (latest) s.lastMessageUtcMs = std::max(s.lastMessageUtcMs, latest);
    });
    reply(res, 200,
          {{"ok", true},
           {"accepted", outcome.accepted},
           {"duplicates", outcome.duplicates},
           {"ignored", parsed.ignored},
           {"rejected", parsed.rejected.size()}});
}

} // namespace

void addConnectorRoutes(RouteKit& kit, ProgramView& engine, LiveConnectors& connectors, WebhookStats& stats) {
    for (const PushConnector& push : connectors.pushes())
        kit.server().Post(
            "/api/v1/webhooks/douyin-live/" + push.name,
            [&kit, &engine, &connectors, &push, &stats](const httplib::Request& req, httplib::Response& res,
                                                        const httplib::ContentReader& reader) {
                kit.guarded(req, res,
                            [&] { receivePush(kit, engine, connectors, push, stats, req, res, reader); });
            });
    kit.server().Get("/api/v1/connectors",
                     kit.get([&connectors](const httplib::Request&) { return connectors.health().json(); }));
}

} // namespace hawker::studio::api_routes
