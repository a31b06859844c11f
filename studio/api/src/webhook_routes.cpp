// The selling platforms' order webhooks: POST /api/v1/webhooks/{platform}.
// A platform signs each message instead of sending a bearer token, so these
// routes check the signature over the raw body before anything else looks
// at it, then hand the events to the session's ingest writer (the one path
// every event takes: stored durably, then counted live and sold into a
// running flash sale) and answer only once they are committed.

#include <chrono>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/analytics/live_analytics.hpp"
#include "hawker/studio/analytics/order_webhooks.hpp"
#include "hawker/studio/api/webhook_signature.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/base/untrusted_text.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "routes.hpp"
#include "webhook_routes.hpp"

namespace hawker::studio::api_routes {

using nlohmann::json;

namespace {

bool signedBy(const WebhookSecret& secret, const httplib::Request& req, const std::string& body) {
    if (secret.platform == "douyin-shop") {
        // app-id names the app the message is for: another app's message is not ours.
        if (!sameDigest(req.get_header_value("app-id"), secret.appKey)) return false;
        return douyinShopSigned(req.get_header_value("event-sign"), secret.appKey, secret.appSecret, body);
    }
    if (secret.platform == "tiktok-shop")
        return tiktokShopSigned(req.get_header_value("Authorization"), secret.appKey, secret.appSecret, body);
    return shopifySigned(req.get_header_value("X-Shopify-Hmac-Sha256"), secret.appSecret, body);
}

WebhookEvents eventsOf(const std::string& platform, const httplib::Request& req, const std::string& body,
                       const ViewerHasher& hasher) {
    const int64_t now = nowUtcMs();
    if (platform == "douyin-shop") return douyinShopEvents(body, hasher, now);
    if (platform == "tiktok-shop") return tiktokShopEvents(body, hasher, now);
    return shopifyEvents(req.get_header_value("X-Shopify-Topic"),
                         req.get_header_value("X-Shopify-Webhook-Id"), body, hasher, now);
}

/// The success answer each platform expects: 抖店 reads the body; TikTok
/// Shop and Shopify only the status.
json success(const std::string& platform, const WebhookCounts& counts) {
    if (platform == "douyin-shop") return {{"code", 0}, {"msg", "success"}};
    return {{"ok", true},
            {"accepted", counts.accepted},
            {"duplicates", counts.duplicates},
            {"ignored", counts.ignored},
            {"rejected", counts.rejected}};
}

WebhookCounts storeFailure() {
    WebhookCounts counts;
    counts.storeFailures = 1;
    return counts;
}

void receive(RouteKit& kit, ProgramView& engine, const WebhookSecret& secret, WebhookStats& stats,
             WebhookDetails& details, const httplib::Request& req, httplib::Response& res,
             const httplib::ContentReader& reader) {
    const std::string& platform = secret.platform;
    EventIngest* ingest = engine.ingest();
    if (!ingest || engine.sessionId() == 0)
        return error(res, 409, "this show has no session database (run it with --db)");
    std::string body;
    if (!kit.readBody(req, res, reader, body)) return;
    if (!signedBy(secret, req, body))
        return refuseBadSignature(engine, stats, "webhook " + platform, platform,
                                  "webhook." + platform + ".signature", "webhooks", res);
    if (!jsonNestingWithin(body, kit.limits().maxJsonDepth))
        return error(res, 400,
                     "the JSON body nests deeper than " + std::to_string(kit.limits().maxJsonDepth) +
                         " levels");
    WebhookEvents parsed;
    try {
        parsed = eventsOf(platform, req, body, ingest->hasher());
    } catch (const WebhookBodyError& bad) {
        logWarning("webhook " + platform + ": a signed message was refused: " + bad.what());
        return error(res, 400, bad.what());
    }
    WebhookCounts counts;
    counts.requests = 1;
    counts.messages = static_cast<int64_t>(parsed.messages);
    counts.ignored = static_cast<int64_t>(parsed.ignored);
    counts.rejected = static_cast<int64_t>(parsed.rejected.size());
    for (const std::string& reason : parsed.rejected)
        logWarning("webhook " + platform + ": a signed message was not usable: " + reason);
    try {
        // Returns once committed: the answer below is the acknowledgement.
        if (!parsed.events.empty()) {
            std::vector<ViewerEvent> pending; // for the detail fetcher
            for (const ViewerEvent& e : parsed.events)
                if (e.sku == kPendingSku) pending.push_back(e);
            const StoreOutcome outcome = ingest->store(engine.sessionId(), std::move(parsed.events));
            counts.accepted = static_cast<int64_t>(outcome.accepted);
            counts.duplicates = static_cast<int64_t>(outcome.duplicates);
            // Queued only: the detail comes later, the answer goes now. A
            // message that stored nothing new (a retry) asks nothing again.
            if (outcome.accepted > 0) details.orderStored(platform, engine.sessionId(), pending);
        }
    } catch (const IngestBusy& busy) {
        stats.add(platform, storeFailure());
        res.set_header("Retry-After", "1");
        return error(res, 503, busy.what());
    } catch (const StoreError& failed) {
        stats.add(platform, storeFailure());
        logError("webhook " + platform + ": orders not stored: " + failed.what());
        res.set_header("Retry-After", "2");
        return error(res, 503, "the orders could not be stored; nothing was acknowledged, retry");
    }
    stats.add(platform, counts);
    reply(res, 200, success(platform, counts));
}

} // namespace

void refuseBadSignature(ProgramView& engine, WebhookStats& stats, const std::string& who,
                        const std::string& statsKey, const std::string& alertRule, const std::string& kpi,
                        httplib::Response& res) {
    const auto alert = stats.badSignature(statsKey, std::chrono::steady_clock::now(), nowUtcMs());
    logWarning(who + ": a message with a missing or bad signature was refused (401)");
    if (alert)
        if (LiveAnalytics* analytics = engine.analytics()) analytics->raise(alertRule, kpi, "red", *alert);
    error(res, 401, "the message's signature is missing or does not match");
}

void addWebhookRoutes(RouteKit& kit, ProgramView& engine, const std::vector<WebhookSecret>& secrets,
                      WebhookStats& stats, WebhookDetails& details) {
    std::vector<std::string> platforms;
    for (const WebhookSecret& secret : secrets) {
        platforms.push_back(secret.platform);
        kit.server().Post("/api/v1/webhooks/" + secret.platform, [&kit, &engine, &secret, &stats, &details](
                                                                     const httplib::Request& req,
                                                                     httplib::Response& res,
                                                                     const httplib::ContentReader& reader) {
            kit.guarded(req, res, [&] { receive(kit, engine, secret, stats, details, req, res, reader); });
        });
    }
    kit.server().Get("/api/v1/webhooks", kit.get([&stats, &details, platforms](const httplib::Request&) {
        json hooks = stats.json(platforms);
        // Flat "detail_*" keys: each platform stays one flat object.
        for (json& hook : hooks) {
            const json detail = details.json(hook.value("platform", std::string()));
            for (auto it = detail.begin(); it != detail.end(); ++it)
                hook["detail_" + it.key()] = it.value();
        }
        return json{{"webhooks", hooks}};
    }));
}

} // namespace hawker::studio::api_routes
