#pragma once
// The order-detail fetchers of the webhooks that name no SKU (抖店, TikTok
// Shop), one per platform with a detail_url, wired to the session: a fetched
// detail replaces the pending order through the ingest writer, and repeated
// auth refusals become an alert.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/api/order_detail_fetcher.hpp"
#include "hawker/studio/api/webhook_secrets.hpp"
#include "hawker/studio/engine/program_view.hpp"

namespace hawker::studio {

class WebhookDetails {
public:
    /// Starts a fetcher for each secret with a detail URL; `engine` outlives this.
    WebhookDetails(ProgramView& engine, const std::vector<WebhookSecret>& secrets);
    ~WebhookDetails();

    /// Queues each stored event whose product is pending; never waits on the network.
    void orderStored(const std::string& platform, int64_t session, const std::vector<ViewerEvent>& events);
    /// When a show resumes its session: the orders stored before the restart
    /// whose product is still pending are queued again (the queue was in memory).
    void requeuePending(int64_t session, const std::filesystem::path& database);
    /// The fetcher's counters, or {"configured":false,…} saying orders stay pending.
    nlohmann::json json(const std::string& platform) const;
    void stop();

private:
    std::map<std::string, std::unique_ptr<OrderDetailFetcher>> m_fetchers;
};

} // namespace hawker::studio
