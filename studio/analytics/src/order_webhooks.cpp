#include "hawker/studio/analytics/order_webhooks.hpp"

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/order_values.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/viewer_hasher.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

/// Longest message id kept in an event id (the event id's limit is 128 bytes).
constexpr size_t kMaxMessageId = 96;

json parseJson(std::string_view text, const char* what) {
    json value = json::parse(text, nullptr, false);
    if (value.is_discarded()) throw WebhookBodyError(std::string(what) + " is not JSON");
    return value;
}

bool usableId(const std::string& id) {
    return !id.empty() && id.size() <= kMaxMessageId;
}

/// Validates through the one event path; a refusal rejects the message.
void emit(WebhookEvents& out, const json& object, const ViewerHasher& hasher) {
    std::string reason;
    auto event = parseEvent(object, hasher, reason);
    if (event) {
        event->origin = EventOrigin::LiveWebhook;
        out.events.push_back(std::move(*event));
    } else
        out.rejected.push_back(reason);
}

json paidEvent(const std::string& id, const std::string& platform, int64_t ts, const std::string& orderId,
               const std::string& sku, int64_t qty, int64_t cents) {
    // No buyer in the message: the order stands for its buyer, as in an export import.
    return {{"id", id},
            {"type", "order_paid"},
            {"ts", ts},
            {"platform", platform},
            {"viewer", "order:" + platform + ":" + orderId},
            {"order_id", orderId},
            {"sku", sku},
            {"qty", qty},
            {"amount_cents", cents}};
}

json refundEvent(const std::string& id, const std::string& platform, int64_t ts, const std::string& orderId,
                 int64_t cents) {
    return {{"id", id},
            {"type", "refund"},
            {"ts", ts},
            {"platform", platform},
            {"order_id", orderId},
            {"amount_cents", cents}};
}

void douyinMessage(WebhookEvents& out, const json& message, const ViewerHasher& hasher, int64_t nowMs) {
    if (!message.is_object()) return out.rejected.push_back("a message must be a JSON object");
    const std::optional<int64_t> tag = json_read::digitsAt(message, "tag");
    if (!tag) return out.rejected.push_back("the message has no tag");
    if (*tag != 101 && *tag != 206) {
        ++out.ignored; // 0 is the verification message; created, completed, cancelled change no sale
        return;
    }
    const std::string msgId = json_read::idAt(message, "msg_id");
    if (!usableId(msgId)) return out.rejected.push_back("the message has no usable msg_id");
    const auto data = message.find("data");
    if (data == message.end() || !data->is_string())
        return out.rejected.push_back("msg_id " + msgId + ": data is not a JSON string");
    // The data is a JSON text inside the JSON: parsed second.
    const json fields = json::parse(data->get_ref<const std::string&>(), nullptr, false);
    if (!fields.is_object()) return out.rejected.push_back("msg_id " + msgId + ": data is not a JSON object");
    const std::string orderId = json_read::idAt(fields, "p_id");
    if (orderId.empty()) return out.rejected.push_back("msg_id " + msgId + ": data has no p_id");
    const std::string id = "webhook:douyin-shop:" + msgId;
    if (*tag == 101) {
        const std::optional<int64_t> fen = json_read::digitsAt(fields, "pay_amount");
        if (!fen)
            return out.rejected.push_back("msg_id " + msgId + ": pay_amount is not a whole number of fen");
        const std::optional<int64_t> payTime = json_read::digitsAt(fields, "pay_time");
        emit(out, paidEvent(id, "douyin", payTime ? *payTime * 1000 : nowMs, orderId, kPendingSku, 1, *fen),
             hasher);
        return;
    }
    const std::optional<int64_t> fen = json_read::digitsAt(fields, "refund_amount");
    if (!fen)
        return out.rejected.push_back("msg_id " + msgId + ": refund_amount is not a whole number of fen");
    const std::optional<int64_t> time = json_read::digitsAt(fields, "update_time");
    emit(out, refundEvent(id, "douyin", time ? *time * 1000 : nowMs, orderId, *fen), hasher);
}

int64_t shopifyTime(const json& object, const char* key, int64_t nowMs) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return nowMs;
    std::string reason;
    return parseExportTime(it->get_ref<const std::string&>(), "UTC", reason).value_or(nowMs);
}

std::optional<int64_t> shopifyCents(const json& object, const char* key, std::string& reason) {
    const auto it = object.find(key);
    if (it != object.end() && it->is_string())
        return parseExportAmount(it->get_ref<const std::string&>(), reason);
    reason = std::string(key) + " is not a decimal text";
    return std::nullopt;
}

} // namespace

WebhookEvents douyinShopEvents(std::string_view body, const ViewerHasher& hasher, int64_t nowMs) {
    const json messages = parseJson(body, "the body");
    if (!messages.is_array()) throw WebhookBodyError("the body is not a JSON array of messages");
    WebhookEvents out;
    out.messages = messages.size();
    for (const json& message : messages)
        douyinMessage(out, message, hasher, nowMs);
    return out;
}

WebhookEvents tiktokShopEvents(std::string_view body, const ViewerHasher& hasher, int64_t nowMs) {
    const json message = parseJson(body, "the body");
    if (!message.is_object()) throw WebhookBodyError("the body is not a JSON object");
    WebhookEvents out;
    out.messages = 1;
    const std::optional<int64_t> type = json_read::digitsAt(message, "type");
    const auto data = message.find("data");
    if (type != 1 || data == message.end() || !data->is_object()) {
        ++out.ignored; // other notification types carry no sale
        return out;
    }
    if (data->value("order_status", std::string()) != "AWAITING_SHIPMENT") {
        // Unpaid, on hold, shipping stages and cancellations change no sale
        // here (docs/PLATFORMS.md says why CANCEL is not a refund).
        ++out.ignored;
        return out;
    }
    const std::string notification = json_read::idAt(message, "tts_notification_id");
    const std::string orderId = json_read::idAt(*data, "order_id");
    if (!usableId(notification)) {
        out.rejected.push_back("the message has no usable tts_notification_id");
        return out;
    }
    if (orderId.empty()) {
        out.rejected.push_back("tts_notification_id " + notification + ": data has no order_id");
        return out;
    }
    std::optional<int64_t> time = json_read::digitsAt(*data, "update_time");
    if (!time) time = json_read::digitsAt(message, "timestamp");
    // The message has no amount: the order counts, its amount and product come with its detail.
    emit(out,
         paidEvent("webhook:tiktok-shop:" + notification, "tiktok", time ? *time * 1000 : nowMs, orderId,
                   kPendingSku, 1, 0),
         hasher);
    return out;
}

WebhookEvents shopifyEvents(std::string_view topic, std::string_view webhookId, std::string_view body,
                            const ViewerHasher& hasher, int64_t nowMs) {
    const json object = parseJson(body, "the body");
    if (!object.is_object()) throw WebhookBodyError("the body is not a JSON object");
    WebhookEvents out;
    out.messages = 1;
    if (topic != "orders/paid" && topic != "refunds/create") {
        ++out.ignored;
        return out;
    }
    const std::string messageId(webhookId);
    if (!usableId(messageId)) throw WebhookBodyError("the X-Shopify-Webhook-Id header is missing");
    const std::string base = "webhook:shopify:" + messageId;
    if (topic == "refunds/create") {
        const std::string orderId = json_read::idAt(object, "order_id");
        if (orderId.empty()) {
            out.rejected.push_back("the refund has no order_id");
            return out;
        }
        int64_t cents = 0;
        for (const json& t : object.value("transactions", json::array())) {
            if (!t.is_object() || t.value("kind", "") != "refund" ||
                t.value("status", "success") != "success")
                continue;
            std::string reason;
            const std::optional<int64_t> amount = shopifyCents(t, "amount", reason);
            if (!amount) {
                out.rejected.push_back("refund transaction: " + reason);
                return out;
            }
            cents += *amount;
        }
        if (cents <= 0) {
            ++out.ignored; // a refund of no money (a restock only) changes no sale
            return out;
        }
        emit(out, refundEvent(base, "shopify", shopifyTime(object, "created_at", nowMs), orderId, cents),
             hasher);
        return out;
    }
    const std::string orderId = json_read::idAt(object, "id");
    const auto items = object.find("line_items");
    if (orderId.empty() || items == object.end() || !items->is_array() || items->empty()) {
        out.rejected.push_back("the order has no id or no line_items");
        return out;
    }
    const int64_t ts = shopifyTime(object, "processed_at", shopifyTime(object, "created_at", nowMs));
    // One line: the order id itself; several: one id each, as an export import keys them.
    const bool single = items->size() == 1;
    std::vector<ViewerEvent> lines;
    for (size_t i = 0; i < items->size(); ++i) {
        const json& item = (*items)[i];
        std::string reason = item.is_object() ? "" : "not a JSON object";
        // -1 and 0 stand for "not given": read once, checked once.
        const int64_t price = item.is_object() ? shopifyCents(item, "price", reason).value_or(-1) : -1;
        const int64_t qty = item.is_object() ? json_read::digitsAt(item, "quantity").value_or(0) : 0;
        const std::string sku = item.is_object() ? item.value("sku", std::string()) : std::string();
        if (price < 0 || qty < 1) {
            out.rejected.push_back("line item " + std::to_string(i + 1) + ": " +
                                   (reason.empty() ? "no quantity" : reason));
            return out; // an order is stored whole or not at all
        }
        const std::string n = std::to_string(i + 1);
        const std::string lineOrder = single ? orderId : orderId + "/" + n;
        std::string why;
        auto event = parseEvent(paidEvent(base + "/" + n, "shopify", ts, lineOrder,
                                          sku.empty() ? kPendingSku : sku, qty, price * qty),
                                hasher, why);
        if (!event) {
            out.rejected.push_back("line item " + n + ": " + why);
            return out;
        }
        event->origin = EventOrigin::LiveWebhook;
        lines.push_back(std::move(*event));
    }
    std::move(lines.begin(), lines.end(), std::back_inserter(out.events));
    return out;
}

} // namespace hawker::studio
