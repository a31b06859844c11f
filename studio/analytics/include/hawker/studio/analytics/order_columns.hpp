#pragma once
// Which column of a platform's order export holds what Hawker needs. Columns
// are found by their header text, never by position: platforms add and
// reorder columns without notice. One preset per platform (docs/PLATFORMS.md);
// a map.toml names the columns for a platform without one, or overrides a preset.

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hawker::studio {

/// What a column means. The map.toml key of each is orderFieldKey().
enum class OrderField {
    OrderId,      ///< the platform's order id: the key across sources
    LineId,       ///< a sub-order / line id inside the order (optional)
    Sku,          ///< the merchant's own SKU (商家编码, Seller SKU, Lineitem sku)
    Product,      ///< the product's name as the platform shows it (optional)
    Quantity,     ///< units on the line (optional: 1)
    Amount,       ///< what the buyer paid for the line, in yuan or dollars
    UnitPrice,    ///< a unit price: the amount is unit price × quantity when there is no Amount column
    PaidTime,     ///< payment time; empty means unpaid
    Status,       ///< order status (optional): a cancelled order is refunded if it was paid
    RefundAmount, ///< refunded money for the whole order (optional)
    AfterSale,    ///< after-sale state of the line, e.g. 退款成功 (optional)
    Buyer,        ///< the buyer's account name (optional; hashed like any viewer id)
    /// The order's id in the platform's API, when the order id column is a
    /// display number (Shopify: Name "#1001", Id 820001). Optional; when a row
    /// has one it is the key across sources, so the export meets the webhook's order.
    ApiOrderId,
};
constexpr size_t kOrderFieldCount = 13;

const char* orderFieldKey(OrderField field);

class ColumnMapError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct OrderColumns {
    std::string platform;                              ///< douyin, tiktok, taobao, shopify, custom
    std::array<std::string, kOrderFieldCount> headers; ///< empty: the export has no such column
    std::string defaultZone;                           ///< for times without an offset
    /// Shopify writes order-level fields (payment, status, refund) only on an
    /// order's first line; the next lines of the same order inherit them.
    bool orderFieldsOnFirstRow = false;
    /// TikTok Shop sometimes puts a row of field descriptions under the header.
    bool mayHaveDescriptionRow = false;

    const std::string& header(OrderField field) const { return headers[static_cast<size_t>(field)]; }
};

/// The preset of `platform`; throws ColumnMapError for an unknown platform.
OrderColumns presetColumns(const std::string& platform);

/// Applies a map.toml: `[columns]` with field = "header text" (an empty text
/// drops a preset's column) and an optional `time_zone = "Area/City"`.
/// Throws ColumnMapError naming the bad key or value.
void applyColumnMap(OrderColumns& columns, std::string_view tomlText);

/// Where each field is in a header row (nullopt: not there), or a
/// ColumnMapError naming the first missing required column and the headers found.
std::array<std::optional<size_t>, kOrderFieldCount> locateColumns(const OrderColumns& columns,
                                                                  const std::vector<std::string>& headerRow);

} // namespace hawker::studio
