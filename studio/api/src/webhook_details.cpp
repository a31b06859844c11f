#include "webhook_details.hpp"

#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/analytics/live_analytics.hpp"
#include "hawker/studio/analytics/order_webhooks.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/store/event_store.hpp"

namespace hawker::studio {

namespace {
/// Orders taken up again per platform after a restart: a queue's worth.
constexpr size_t kMaxRequeued = 1000;
} // namespace

WebhookDetails::WebhookDetails(ProgramView& engine, const std::vector<WebhookSecret>& secrets) {
    for (const WebhookSecret& secret : secrets) {
        if (secret.detailUrl.empty() || secret.platform == "shopify") continue;
        DetailFetchConfig config;
        config.platform = secret.platform;
        config.baseUrl = secret.detailUrl;
        config.credentials = {secret.appKey, secret.appSecret, secret.accessToken};
        auto apply = [&engine](int64_t session, const ViewerEvent& pending,
                               const std::vector<DetailLine>& lines) {
            EventIngest* ingest = engine.ingest();
            if (!ingest) throw std::runtime_error("the show has no session database");
            std::string reason;
            std::vector<ViewerEvent> events = resolvedLines(pending, lines, ingest->hasher(), reason);
            if (events.empty()) throw std::runtime_error("the detail's lines are not usable: " + reason);
            return ingest->replace(session, pending, std::move(events));
        };
        const std::string platform = secret.platform;
        auto alert = [&engine, platform](const i18n::Phrase& said) {
            if (LiveAnalytics* analytics = engine.analytics())
                analytics->raise("webhook." + platform + ".detail", "webhooks", "red", said);
        };
        m_fetchers[secret.platform] = std::make_unique<OrderDetailFetcher>(config, apply, alert);
        logInfo("order detail " + secret.platform + ": line items are fetched from " + secret.detailUrl);
    }
}

WebhookDetails::~WebhookDetails() {
    stop();
}

void WebhookDetails::stop() {
    for (auto& [platform, fetcher] : m_fetchers)
        fetcher->stop();
}

void WebhookDetails::orderStored(const std::string& platform, int64_t session,
                                 const std::vector<ViewerEvent>& events) {
    const auto it = m_fetchers.find(platform);
    if (it == m_fetchers.end()) return;
    for (const ViewerEvent& e : events)
        if (e.type == EventType::OrderPaid && e.sku == kPendingSku) it->second->enqueue(session, e);
}

void WebhookDetails::requeuePending(int64_t session, const std::filesystem::path& database) {
    if (m_fetchers.empty() || session <= 0 || database.empty()) return;
    try {
        Database reader(database, Database::Threading::OneThread);
        EventStore store(reader);
        for (auto& [platform, fetcher] : m_fetchers) {
            // At most a queue's worth: the rest stay pending, as a full queue leaves them.
            const std::vector<ViewerEvent> pending =
                store.pendingOrders(session, "webhook:" + platform + ":", kPendingSku, kMaxRequeued);
            size_t queued = 0;
            for (const ViewerEvent& e : pending)
                queued += fetcher->enqueue(session, e) ? 1 : 0;
            if (!pending.empty())
                logInfo("order detail " + platform + ": " + std::to_string(queued) +
                        " order(s) still pending from before the restart queued again / "
                        "重启前待定的订单已重新排队");
        }
    } catch (const std::exception& error) {
        logWarning(std::string("order detail: the pending orders could not be read again: ") + error.what());
    }
}

nlohmann::json WebhookDetails::json(const std::string& platform) const {
    const auto it = m_fetchers.find(platform);
    if (it != m_fetchers.end()) return it->second->json();
    if (platform == "shopify") return {{"configured", false}, {"note", "the message carries its line items"}};
    return {{"configured", false},
            {"note", "no detail_url: orders keep their product pending / 未配置订单详情接口，商品记为待定"}};
}

} // namespace hawker::studio
