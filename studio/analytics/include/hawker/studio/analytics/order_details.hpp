#pragma once
// What a platform's order-detail API answers (docs/PLATFORMS.md "Order
// details"), read into typed line items, and the events an order whose
// webhook named no SKU (抖店, TikTok Shop) becomes once its detail is known.
// No network and no secrets here: the fetcher (api/) asks, this reads.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hawker/studio/store/viewer_event.hpp"

namespace hawker::studio {

class ViewerHasher;

/// What to do with an answer.
enum class DetailStatus {
    Lines,    ///< the order's line items are in `lines`
    Retry,    ///< the platform is busy or failing (429, 5xx, an error code): ask again later
    Auth,     ///< the access token or the signature was refused: ask again later, and say so
    Unusable, ///< an answer of no documented shape, or an order without items: give up
};

struct DetailLine {
    std::string sku;         ///< the merchant's SKU code (what the show's catalog names)
    int64_t quantity = 0;    ///< units
    int64_t amountCents = 0; ///< what the buyer paid for the line
};

struct OrderDetail {
    DetailStatus status = DetailStatus::Unusable;
    std::vector<DetailLine> lines; ///< one per SKU, in the platform's order
    std::string reason;            ///< why not Lines (no secret, no buyer in it)
};

/// 抖店 order.orderDetail: {"code":10000,"data":{"shop_order_detail":{
/// "sku_order_list":[{"code","out_sku_id","item_num","pay_amount"(fen)}]}}}.
OrderDetail douyinShopDetail(int httpStatus, std::string_view body);
/// TikTok Shop GET /order/202309/orders: {"code":0,"data":{"orders":[{"id",
/// "line_items":[{"seller_sku","sale_price":"12.50"}]}]}}; one line item is
/// one unit, so items of the same SKU are summed.
OrderDetail tiktokShopDetail(int httpStatus, std::string_view body, std::string_view orderId);

/// The order_paid events that replace `pending`: same time, buyer and
/// platform; ids `pending.id + "/N"`; one line keeps the order id, several
/// get `ORDER/N` (as an export import and Shopify key them). Empty with a
/// reason when a line does not pass the event contract.
std::vector<ViewerEvent> resolvedLines(const ViewerEvent& pending, const std::vector<DetailLine>& lines,
                                       const ViewerHasher& hasher, std::string& reason);

} // namespace hawker::studio
