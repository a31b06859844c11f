#pragma once
// What a selling platform's order webhook message becomes (docs/PLATFORMS.md
// "Order webhooks"): paid orders become `order_paid` events and refunds
// `refund` events, through the same validation as every other viewer event.
// The caller has verified the message's signature already; nothing here
// reads a secret.
//
// Event ids are made from the platform's message id, so a message the
// platform retries is the same event and the event store (unique per
// session) counts it once, durably, across a restart of the show.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "hawker/studio/store/viewer_event.hpp"

namespace hawker::studio {

class ViewerHasher;

/// The body is not a message of the platform's documented shape at all.
class WebhookBodyError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The product of an order whose message names no SKU (抖店 and TikTok Shop
/// send only the order id): shown as pending until the order's detail is known.
inline constexpr const char* kPendingSku = "pending";

struct WebhookEvents {
    std::vector<ViewerEvent> events;
    size_t messages = 0; ///< messages in the body (抖店 sends several in one array)
    size_t ignored = 0;  ///< messages that change nothing: verification, unpaid or other statuses
    std::vector<std::string> rejected; ///< messages that were unreadable, with the reason
};

/// 抖店 message push: a JSON array of {"tag","msg_id","data"} where data is a
/// JSON string. Tag 101 (paid) → order_paid, 206 (refund succeeded) → refund,
/// 0 (verification) and the others → nothing. `nowMs` dates a message without a time.
WebhookEvents douyinShopEvents(std::string_view body, const ViewerHasher& hasher, int64_t nowMs);
/// TikTok Shop: type 1 (order status change) with AWAITING_SHIPMENT (paid)
/// → order_paid; every other status and type → nothing.
WebhookEvents tiktokShopEvents(std::string_view body, const ViewerHasher& hasher, int64_t nowMs);
/// Shopify: topic orders/paid → one order_paid per line item; refunds/create → refund.
/// `webhookId` is the X-Shopify-Webhook-Id header (required for those topics).
WebhookEvents shopifyEvents(std::string_view topic, std::string_view webhookId, std::string_view body,
                            const ViewerHasher& hasher, int64_t nowMs);

} // namespace hawker::studio
