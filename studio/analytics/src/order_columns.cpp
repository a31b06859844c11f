#include "hawker/studio/analytics/order_columns.hpp"

#include <algorithm>

#include <toml++/toml.h>

#include "hawker/studio/analytics/order_export.hpp"
#include "hawker/studio/analytics/order_values.hpp"
#include "hawker/studio/base/ascii_case.hpp"

namespace hawker::studio {

namespace {

constexpr std::array<const char*, kOrderFieldCount> kKeys = {
    "order_id",  "line_id", "sku",           "product",    "quantity", "amount",       "unit_price",
    "paid_time", "status",  "refund_amount", "after_sale", "buyer",    "api_order_id",
};

using F = OrderField;

void set(OrderColumns& c, OrderField field, const char* header) {
    c.headers[static_cast<size_t>(field)] = header;
}

/// Header text compared without surrounding spaces and ASCII case ("Order ID" = "order id ").
std::string normalHeader(std::string text) {
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    const auto notSpace = [](unsigned char ch) {
        return ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n';
    };
    text.erase(text.begin(), std::find_if(text.begin(), text.end(), notSpace));
    text.erase(std::find_if(text.rbegin(), text.rend(), notSpace).base(), text.end());
    return asciiLower(text);
}

bool required(const OrderColumns& columns, OrderField field) {
    switch (field) {
    case F::OrderId:
    case F::Sku:
    case F::PaidTime:
        return true;
    case F::Amount: // or a unit price
        return columns.header(F::UnitPrice).empty();
    case F::UnitPrice:
        return columns.header(F::Amount).empty();
    default:
        return false;
    }
}

} // namespace

const char* orderFieldKey(OrderField field) {
    return kKeys[static_cast<size_t>(field)];
}

OrderColumns presetColumns(const std::string& platform) {
    OrderColumns c;
    c.platform = platform;
    if (platform == "douyin") {
        // 抖店 order export (商品维度: one row per sub-order); China local time.
        set(c, F::OrderId, "主订单编号");
        set(c, F::LineId, "子订单编号");
        set(c, F::Sku, "商家编码");
        set(c, F::Product, "选购商品");
        set(c, F::Quantity, "商品数量");
        set(c, F::Amount, "订单应付金额");
        set(c, F::PaidTime, "支付完成时间");
        set(c, F::Status, "订单状态");
        set(c, F::AfterSale, "售后状态");
        c.defaultZone = "Asia/Shanghai";
    } else if (platform == "tiktok") {
        // TikTok Shop Seller Center → Orders → Export: one row per SKU line.
        set(c, F::OrderId, "Order ID");
        set(c, F::LineId, "SKU ID");
        set(c, F::Sku, "Seller SKU");
        set(c, F::Product, "Product Name");
        set(c, F::Quantity, "Quantity");
        set(c, F::Amount, "SKU Subtotal After Discount");
        set(c, F::PaidTime, "Paid Time");
        set(c, F::Status, "Order Status");
        set(c, F::RefundAmount, "Order Refund Amount");
        set(c, F::Buyer, "Buyer Username");
        c.defaultZone = "UTC";
        c.mayHaveDescriptionRow = true;
    } else if (platform == "taobao") {
        // 千牛 order export (the orders file; its items file is joined on 订单编号).
        set(c, F::OrderId, "订单编号");
        set(c, F::Sku, "商家编码");
        set(c, F::Product, "标题");
        set(c, F::Quantity, "购买数量");
        set(c, F::UnitPrice, "价格");
        set(c, F::PaidTime, "订单付款时间");
        set(c, F::Status, "订单状态");
        set(c, F::RefundAmount, "退款金额");
        set(c, F::Buyer, "买家会员名");
        c.defaultZone = "Asia/Shanghai";
    } else if (platform == "shopify") {
        // Shopify Admin → Orders → Export: one row per line item; times carry their offset.
        set(c, F::OrderId, "Name");
        set(c, F::Sku, "Lineitem sku");
        set(c, F::Product, "Lineitem name");
        set(c, F::Quantity, "Lineitem quantity");
        set(c, F::UnitPrice, "Lineitem price");
        set(c, F::PaidTime, "Paid at");
        set(c, F::Status, "Financial Status");
        set(c, F::RefundAmount, "Refunded Amount");
        set(c, F::ApiOrderId, "Id"); // the webhook's order id
        c.defaultZone = "UTC";
        c.orderFieldsOnFirstRow = true;
    } else if (platform == "custom") {
        c.defaultZone = "Asia/Shanghai"; // everything else comes from the map
    } else {
        throw ColumnMapError("unknown platform '" + platform +
                             "' (douyin, tiktok, taobao, shopify or custom)");
    }
    return c;
}

void applyColumnMap(OrderColumns& columns, std::string_view tomlText) {
    toml::table map;
    try {
        map = toml::parse(tomlText);
    } catch (const toml::parse_error& error) {
        throw ColumnMapError("map: " + std::string(error.description()) + " at line " +
                             std::to_string(error.source().begin.line));
    }
    for (const auto& [key, value] : map) {
        if (key == "time_zone") {
            const auto zone = value.value<std::string>();
            if (!zone) throw ColumnMapError("map: time_zone must be a text such as \"Asia/Shanghai\"");
            try {
                checkTimeZone(*zone);
            } catch (const std::exception& error) {
                throw ColumnMapError(std::string("map: ") + error.what());
            }
            columns.defaultZone = *zone;
        } else if (key == "order_fields_on_first_row") {
            const auto flag = value.value<bool>();
            if (!flag) throw ColumnMapError("map: order_fields_on_first_row must be true or false");
            columns.orderFieldsOnFirstRow = *flag;
        } else if (key != "columns") {
            throw ColumnMapError("map: unknown key '" + std::string(key.str()) +
                                 "' (columns, time_zone, order_fields_on_first_row)");
        }
    }
    const toml::table* table = map["columns"].as_table();
    if (!table) {
        if (map.contains("columns")) throw ColumnMapError("map: [columns] must be a table");
        return;
    }
    for (const auto& [key, value] : *table) {
        const auto found = std::find(kKeys.begin(), kKeys.end(), key.str());
        if (found == kKeys.end()) {
            std::string known;
            for (const char* k : kKeys)
                known += (known.empty() ? "" : ", ") + std::string(k);
            throw ColumnMapError("map: unknown column key '" + std::string(key.str()) + "' (" + known + ")");
        }
        const auto header = value.value<std::string>();
        if (!header)
            throw ColumnMapError("map: columns." + std::string(key.str()) + " must be a header text");
        columns.headers[static_cast<size_t>(found - kKeys.begin())] = *header;
    }
}

std::array<std::optional<size_t>, kOrderFieldCount> locateColumns(const OrderColumns& columns,
                                                                  const std::vector<std::string>& headerRow) {
    std::array<std::optional<size_t>, kOrderFieldCount> where;
    for (size_t f = 0; f < kOrderFieldCount; ++f) {
        const std::string& wanted = columns.headers[f];
        if (wanted.empty()) continue;
        const std::string normal = normalHeader(wanted);
        for (size_t i = 0; i < headerRow.size(); ++i) {
            if (normalHeader(headerRow[i]) == normal) {
                where[f] = i;
                break;
            }
        }
    }
    for (size_t f = 0; f < kOrderFieldCount; ++f) {
        const auto field = static_cast<OrderField>(f);
        if (where[f] || !required(columns, field)) continue;
        std::string found;
        for (const std::string& h : headerRow)
            found += (found.empty() ? "" : ", ") + cleanCell(h);
        const std::string& wanted = columns.headers[f];
        throw ColumnMapError(wanted.empty() ? "no column is named for '" + std::string(orderFieldKey(field)) +
                                                  "': give it in --map (headers found: " + found + ")"
                                            : "the " + columns.platform + " export has no column '" + wanted +
                                                  "' (" + orderFieldKey(field) +
                                                  "); headers found: " + found + " (rename it with --map)");
    }
    return where;
}

} // namespace hawker::studio
