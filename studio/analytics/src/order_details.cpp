#include "hawker/studio/analytics/order_details.hpp"

#include <optional>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/order_values.hpp"
#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/viewer_hasher.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

/// 抖店's success code (its answers are HTTP 200 whatever happened).
constexpr int64_t kDouyinOk = 10000;

OrderDetail failed(DetailStatus status, std::string reason) {
    OrderDetail out;
    out.status = status;
    out.reason = std::move(reason);
    return out;
}

/// HTTP statuses that say nothing of the order: the platform or the way there.
std::optional<OrderDetail> byHttpStatus(int status) {
    if (status == 401 || status == 403)
        return failed(DetailStatus::Auth,
                      "HTTP " + std::to_string(status) + ": the access token was refused");
    if (status == 429 || status >= 500 || status <= 0)
        return failed(DetailStatus::Retry, status <= 0 ? "no answer" : "HTTP " + std::to_string(status));
    if (status != 200) return failed(DetailStatus::Unusable, "HTTP " + std::to_string(status));
    return std::nullopt;
}

std::string textOf(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
    return {};
}

/// Adds to the line of the same SKU, or appends one (order kept).
void addLine(std::vector<DetailLine>& lines, const std::string& sku, int64_t quantity, int64_t cents) {
    for (DetailLine& line : lines)
        if (line.sku == sku) {
            line.quantity += quantity;
            line.amountCents += cents;
            return;
        }
    lines.push_back({sku, quantity, cents});
}

/// 抖店 auth failures: the access token is missing, expired or not the
/// shop's (the 3000x family), or the request's signature was refused.
bool douyinAuthCode(int64_t code) {
    return code >= 30000 && code < 40000;
}

/// TikTok Shop auth failures: 105xxx are the access token's, 106001 the signature.
bool tiktokAuthCode(int64_t code) {
    return (code >= 105000 && code < 106000) || code == 106001;
}

} // namespace

OrderDetail douyinShopDetail(int httpStatus, std::string_view body) {
    if (auto early = byHttpStatus(httpStatus)) return *early;
    const json answer = json::parse(body, nullptr, false);
    if (!answer.is_object()) return failed(DetailStatus::Unusable, "the answer is not a JSON object");
    const std::optional<int64_t> code = json_read::digitsAt(answer, "code");
    if (!code) return failed(DetailStatus::Unusable, "the answer has no code");
    if (*code != kDouyinOk) {
        const std::string why = "code " + std::to_string(*code) + " " + textOf(answer, "sub_code");
        return failed(douyinAuthCode(*code) ? DetailStatus::Auth : DetailStatus::Retry, why);
    }
    const json* list = nullptr;
    const auto data = answer.find("data");
    if (data != answer.end() && data->is_object()) {
        const auto detail = data->find("shop_order_detail");
        if (detail != data->end() && detail->is_object()) {
            const auto items = detail->find("sku_order_list");
            if (items != detail->end() && items->is_array()) list = &*items;
        }
    }
    if (!list || list->empty())
        return failed(DetailStatus::Unusable, "data.shop_order_detail.sku_order_list is missing or empty");
    OrderDetail out;
    for (const json& item : *list) {
        if (!item.is_object())
            return failed(DetailStatus::Unusable, "a sku_order_list item is not an object");
        // The merchant's code is the catalog's SKU; out_sku_id is the same
        // code on the SKU rather than the product.
        std::string sku = textOf(item, "code");
        if (sku.empty()) sku = textOf(item, "out_sku_id");
        if (sku.empty()) sku = textOf(item, "sku_id");
        const std::optional<int64_t> quantity = json_read::digitsAt(item, "item_num");
        const std::optional<int64_t> fen = json_read::digitsAt(item, "pay_amount");
        if (sku.empty() || !quantity || *quantity < 1 || !fen)
            return failed(DetailStatus::Unusable, "a sku_order_list item lacks code, item_num or pay_amount");
        addLine(out.lines, sku, *quantity, *fen);
    }
    out.status = DetailStatus::Lines;
    return out;
}

OrderDetail tiktokShopDetail(int httpStatus, std::string_view body, std::string_view orderId) {
    if (auto early = byHttpStatus(httpStatus)) return *early;
    const json answer = json::parse(body, nullptr, false);
    if (!answer.is_object()) return failed(DetailStatus::Unusable, "the answer is not a JSON object");
    const std::optional<int64_t> code = json_read::digitsAt(answer, "code");
    if (!code) return failed(DetailStatus::Unusable, "the answer has no code");
    if (*code != 0) {
        const std::string why = "code " + std::to_string(*code);
        return failed(tiktokAuthCode(*code) ? DetailStatus::Auth : DetailStatus::Retry, why);
    }
    const auto data = answer.find("data");
    const json* orders = nullptr;
    if (data != answer.end() && data->is_object()) {
        const auto it = data->find("orders");
        if (it != data->end() && it->is_array()) orders = &*it;
    }
    if (!orders) return failed(DetailStatus::Unusable, "data.orders is missing");
    for (const json& order : *orders) {
        if (!order.is_object() || textOf(order, "id") != orderId) continue;
        const auto items = order.find("line_items");
        if (items == order.end() || !items->is_array() || items->empty())
            return failed(DetailStatus::Unusable, "the order has no line_items");
        OrderDetail out;
        for (const json& item : *items) {
            if (!item.is_object()) return failed(DetailStatus::Unusable, "a line item is not an object");
            const std::string sku = textOf(item, "seller_sku");
            std::string reason;
            const auto price = item.find("sale_price");
            const std::optional<int64_t> cents =
                price != item.end() && price->is_string()
                    ? parseExportAmount(price->get_ref<const std::string&>(), reason)
                    : std::nullopt;
            if (sku.empty() || !cents)
                return failed(DetailStatus::Unusable, "a line item lacks seller_sku or a sale_price text");
            addLine(out.lines, sku, 1, *cents);
        }
        out.status = DetailStatus::Lines;
        return out;
    }
    // Not yet visible to the order API (it lags the notification): ask again.
    return failed(DetailStatus::Retry, "the order is not in data.orders yet");
}

std::vector<ViewerEvent> resolvedLines(const ViewerEvent& pending, const std::vector<DetailLine>& lines,
                                       const ViewerHasher& hasher, std::string& reason) {
    std::vector<ViewerEvent> out;
    const bool single = lines.size() == 1;
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string n = std::to_string(i + 1);
        // The buyer is the order, as the webhook's event named it: same hash.
        const json object = {{"id", pending.id + "/" + n},
                             {"type", "order_paid"},
                             {"ts", pending.ts},
                             {"platform", pending.platform},
                             {"viewer", "order:" + pending.platform + ":" + pending.orderId},
                             {"order_id", single ? pending.orderId : pending.orderId + "/" + n},
                             {"sku", lines[i].sku},
                             {"qty", lines[i].quantity},
                             {"amount_cents", lines[i].amountCents}};
        std::string why;
        auto event = parseEvent(object, hasher, why);
        if (!event) {
            reason = "line " + n + ": " + why;
            return {};
        }
        event->origin = pending.origin; // the detail completes the webhook's sale: still "live webhook"
        out.push_back(std::move(*event));
    }
    if (out.empty()) reason = "the order has no lines";
    return out;
}

} // namespace hawker::studio
