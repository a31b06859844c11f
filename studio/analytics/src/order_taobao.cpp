// Taobao/Tmall (千牛) exports orders and their items as two files. The item
// lines carry the SKU, price and quantity; the order carries the payment time,
// status, refund and buyer. They meet on 订单编号.

#include <algorithm>
#include <map>

#include "hawker/studio/analytics/order_sheets.hpp"

namespace hawker::studio {

namespace {

const char* const kOrderId = "订单编号";
/// Order-level columns taken from the orders file (they win over an item file's own column of that name).
const std::vector<std::string> kOrderLevel = {"订单付款时间", "订单状态", "退款金额", "买家会员名",
                                              "买家实际支付金额"};

std::optional<size_t> columnOf(const Sheet& sheet, const std::string& name) {
    if (sheet.rows.empty()) return std::nullopt;
    const auto& header = sheet.rows[0].cells;
    for (size_t i = 0; i < header.size(); ++i)
        if (cleanCell(header[i]) == name) return i;
    return std::nullopt;
}

bool isItems(const Sheet& sheet) {
    return columnOf(sheet, "商家编码") || columnOf(sheet, "标题");
}

} // namespace

std::vector<Sheet> joinTaobaoSheets(std::vector<Sheet> sheets, const OrderColumns& columns) {
    if (columns.platform != "taobao") return sheets;
    std::vector<Sheet> items, orders;
    for (Sheet& sheet : sheets)
        (isItems(sheet) ? items : orders).push_back(std::move(sheet));
    if (items.empty() || orders.empty()) {
        // One file alone: the column check names what is missing.
        std::move(orders.begin(), orders.end(), std::back_inserter(items));
        return items;
    }
    // Every orders file's rows by order id.
    struct OrderRow {
        std::vector<std::string> cells; ///< the kOrderLevel values
    };
    std::map<std::string, OrderRow> byId;
    for (const Sheet& sheet : orders) {
        const auto id = columnOf(sheet, kOrderId);
        if (!id) throw ColumnMapError(sheet.file + ": the taobao orders file has no column '订单编号'");
        std::vector<std::optional<size_t>> where;
        for (const std::string& name : kOrderLevel)
            where.push_back(columnOf(sheet, name));
        for (size_t r = 1; r < sheet.rows.size(); ++r) {
            const SheetRow& row = sheet.rows[r];
            if (*id >= row.cells.size()) continue;
            OrderRow order;
            for (const auto& w : where)
                order.cells.push_back(w && *w < row.cells.size() ? row.cells[*w] : std::string());
            byId[cleanCell(row.cells[*id])] = std::move(order);
        }
    }
    std::vector<Sheet> joined;
    for (Sheet& sheet : items) {
        const auto id = columnOf(sheet, kOrderId);
        if (!id) throw ColumnMapError(sheet.file + ": the taobao items file has no column '订单编号'");
        // The item file's header without the order-level names, then those names.
        std::vector<size_t> keep;
        const std::vector<std::string>& header = sheet.rows[0].cells;
        for (size_t i = 0; i < header.size(); ++i)
            if (std::find(kOrderLevel.begin(), kOrderLevel.end(), cleanCell(header[i])) == kOrderLevel.end())
                keep.push_back(i);
        Sheet out;
        out.file = sheet.file;
        out.encoding = sheet.encoding;
        out.rows.reserve(sheet.rows.size());
        for (size_t r = 0; r < sheet.rows.size(); ++r) {
            SheetRow& row = sheet.rows[r];
            const std::string orderId = r > 0 && *id < row.cells.size() ? cleanCell(row.cells[*id]) : "";
            SheetRow next;
            next.line = row.line;
            next.problem = std::move(row.problem);
            for (size_t i : keep)
                next.cells.push_back(i < row.cells.size() ? std::move(row.cells[i]) : std::string());
            if (r == 0) {
                next.cells.insert(next.cells.end(), kOrderLevel.begin(), kOrderLevel.end());
            } else {
                const auto found = byId.find(orderId);
                if (found == byId.end()) {
                    if (next.problem.empty())
                        next.problem =
                            "订单编号 '" + orderId + "' is in the items file but not in the orders file";
                    next.cells.resize(next.cells.size() + kOrderLevel.size());
                } else {
                    next.cells.insert(next.cells.end(), found->second.cells.begin(),
                                      found->second.cells.end());
                }
            }
            out.rows.push_back(std::move(next));
        }
        joined.push_back(std::move(out));
    }
    return joined;
}

} // namespace hawker::studio
