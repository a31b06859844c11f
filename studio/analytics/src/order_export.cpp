#include "hawker/studio/analytics/order_export.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "hawker/studio/analytics/order_values.hpp"
#include "hawker/studio/base/ascii_case.hpp"
#include "hawker/studio/base/csv_records.hpp"
#include "hawker/studio/base/text_encoding.hpp"

namespace hawker::studio {

namespace {

using F = OrderField;

} // namespace

std::string cleanCell(std::string text) {
    const auto notSpace = [](unsigned char ch) {
        return ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n';
    };
    text.erase(text.begin(), std::find_if(text.begin(), text.end(), notSpace));
    text.erase(std::find_if(text.rbegin(), text.rend(), notSpace).base(), text.end());
    // Exports write long ids as ="123…" or with a leading tab so Excel keeps every digit.
    if (text.size() >= 3 && text.rfind("=\"", 0) == 0 && text.back() == '"')
        text = text.substr(2, text.size() - 3);
    return text;
}

namespace {

std::string trim(std::string text) {
    return cleanCell(std::move(text));
}

bool contains(const std::string& text, std::initializer_list<const char*> words) {
    const std::string lower = asciiLower(text);
    return std::any_of(words.begin(), words.end(),
                       [&](const char* w) { return lower.find(w) != std::string::npos; });
}

/// The status of an order that was never paid (its payment time, if any, does not count).
bool meansUnpaid(const std::string& status) {
    return contains(
        status, {"待支付", "待付款", "等待买家付款", "未付款", "unpaid", "pending", "authorized", "voided"});
}

bool meansCancelled(const std::string& status) {
    return contains(status, {"取消", "关闭", "cancel"});
}

/// A line's after-sale state that returned its money (抖店 售后状态).
bool meansLineRefunded(const std::string& afterSale) {
    return contains(afterSale, {"退款成功", "已退款", "退货退款成功"});
}

bool looksLikeId(const std::string& text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char ch) {
        return std::isalnum(ch) || ch == '-' || ch == '_' || ch == '#';
    });
}

struct Line {
    int line = 0;
    std::string orderId, lineId, sku, buyer, status, afterSale;
    int64_t qty = 1, cents = 0, ts = 0;
    std::optional<int64_t> orderRefundCents;
};

} // namespace

std::string mainOrderId(const std::string& lineKey) {
    return lineKey.substr(0, lineKey.find('/'));
}

Sheet readCsvSheet(std::string bytes, const std::string& file) {
    DecodedText decoded = decodeSpreadsheetText(std::move(bytes));
    Sheet sheet;
    sheet.file = file;
    sheet.encoding = decoded.encoding;
    std::vector<CsvRecord> records = splitCsvRecords(decoded.text);
    decoded.text = std::string(); // the cells hold their own copies now
    sheet.rows.reserve(records.size());
    for (CsvRecord& record : records)
        sheet.rows.push_back({record.line, std::move(record.fields), std::move(record.problem)});
    return sheet;
}

ExportEvents orderEventsFromSheet(Sheet& sheet, const OrderColumns& columns, const ViewerHasher& hasher) {
    ExportEvents out;
    if (sheet.rows.empty()) throw ColumnMapError(sheet.file + ": the file has no header row");
    const std::vector<std::string>& header = sheet.rows[0].cells;
    std::array<std::optional<size_t>, kOrderFieldCount> where;
    try {
        where = locateColumns(columns, header);
    } catch (const ColumnMapError& error) {
        throw ColumnMapError(sheet.file + ": " + error.what());
    }
    auto reject = [&](int line, std::string reason) {
        out.rejected.push_back({sheet.file, line, std::move(reason)});
    };

    // Rows to lines, each order's lines together in the order the file first names the order.
    std::vector<std::string> orderSequence;
    std::unordered_map<std::string, std::vector<Line>> orders;
    orders.reserve(sheet.rows.size());
    out.events.reserve(sheet.rows.size());
    out.eventLines.reserve(sheet.rows.size());
    std::optional<Line> previous;              // for order fields written on an order's first row only
    std::map<std::string, std::string> apiIds; // display order id → the platform's API id
    for (size_t r = 1; r < sheet.rows.size(); ++r) {
        SheetRow& row = sheet.rows[r];
        // Whichever way the row ends, its cells go back to the allocator for the next rows' lines.
        struct ReleaseCells {
            SheetRow& row;
            ~ReleaseCells() { std::vector<std::string>().swap(row.cells); }
        } release{row};
        if (!row.problem.empty()) {
            reject(row.line, row.problem);
            continue;
        }
        auto get = [&](OrderField field) -> std::string {
            const auto& column = where[static_cast<size_t>(field)];
            return column && *column < row.cells.size() ? trim(row.cells[*column]) : std::string();
        };
        Line line;
        line.line = row.line;
        line.orderId = get(F::OrderId);
        if (r == 1 && columns.mayHaveDescriptionRow && !looksLikeId(line.orderId))
            continue; // field descriptions
        if (row.cells.size() > header.size()) {
            reject(row.line, "has " + std::to_string(row.cells.size()) + " fields, the header has " +
                                 std::to_string(header.size()));
            continue;
        }
        if (line.orderId.empty()) {
            reject(row.line, "no order id (" + columns.header(F::OrderId) + ")");
            continue;
        }
        if (line.orderId.size() > 100 || line.orderId.find('/') != std::string::npos) {
            reject(row.line, "the order id is longer than 100 bytes or holds '/'");
            continue;
        }
        // The platform's API id replaces a display number as the key; a line
        // without one takes its order's from the order's first row.
        if (std::string apiId = get(F::ApiOrderId); !apiId.empty()) {
            if (apiId.size() > 100 || apiId.find('/') != std::string::npos) {
                reject(row.line, "the order's " + columns.header(F::ApiOrderId) +
                                     " is longer than 100 bytes or holds '/'");
                continue;
            }
            apiIds[line.orderId] = std::move(apiId);
        }
        if (const auto known = apiIds.find(line.orderId); known != apiIds.end()) line.orderId = known->second;
        line.lineId = get(F::LineId);
        line.sku = get(F::Sku);
        line.buyer = get(F::Buyer);
        line.status = get(F::Status);
        line.afterSale = get(F::AfterSale);
        std::string paid = get(F::PaidTime), refund = get(F::RefundAmount);
        if (columns.orderFieldsOnFirstRow && previous && previous->orderId == line.orderId) {
            if (paid.empty()) paid = previous->ts ? "inherited" : "";
            if (line.status.empty()) line.status = previous->status;
            if (line.buyer.empty()) line.buyer = previous->buyer;
        }
        std::string reason;
        if (paid == "inherited") {
            line.ts = previous->ts;
        } else if (!paid.empty() && !meansUnpaid(line.status)) {
            const auto ts = parseExportTime(paid, columns.defaultZone, reason);
            if (!ts) {
                reject(row.line, reason);
                continue;
            }
            line.ts = *ts;
        }
        if (line.ts == 0) {
            ++out.notPaid; // unpaid, or cancelled before payment: nothing was sold
            if (columns.orderFieldsOnFirstRow) previous = line;
            continue;
        }
        if (line.sku.empty()) {
            reject(row.line, "no merchant SKU (" + columns.header(F::Sku) + ")");
            continue;
        }
        const auto qty = parseExportQuantity(get(F::Quantity), reason);
        if (!qty) {
            reject(row.line, reason);
            continue;
        }
        line.qty = *qty;
        if (where[static_cast<size_t>(F::Amount)]) {
            const auto cents = parseExportAmount(get(F::Amount), reason);
            if (!cents) {
                reject(row.line, reason);
                continue;
            }
            line.cents = *cents;
        } else {
            const auto unit = parseExportAmount(get(F::UnitPrice), reason);
            if (!unit) {
                reject(row.line, reason);
                continue;
            }
            line.cents = *unit * line.qty;
        }
        if (!refund.empty()) {
            line.orderRefundCents = parseExportAmount(refund, reason);
            if (!line.orderRefundCents) {
                reject(row.line, "refund: " + reason);
                continue;
            }
        }
        if (columns.orderFieldsOnFirstRow) previous = line;
        auto [slot, fresh] = orders.try_emplace(line.orderId);
        if (fresh) {
            orderSequence.push_back(line.orderId);
            slot->second.reserve(2); // most orders have one or two lines: no second allocation
        }
        const bool repeated = std::any_of(slot->second.begin(), slot->second.end(), [&](const Line& l) {
            return line.lineId.empty()
                       ? l.lineId.empty() && l.sku == line.sku && l.qty == line.qty && l.cents == line.cents
                       : l.lineId == line.lineId;
        });
        if (repeated) {
            ++out.duplicateRows; // the same line twice in the file is one sale
            continue;
        }
        slot->second.push_back(std::move(line));
    }

    // Lines to events, checked by the one validation every event goes through.
    auto emit = [&](const EventFields& fields, int line) {
        std::string reason;
        auto event = eventFromFields(fields, hasher, reason);
        if (!event) {
            reject(line, reason);
            return;
        }
        event->origin = EventOrigin::ExportFile;
        out.events.push_back(std::move(*event));
        out.eventLines.push_back(line);
    };
    const std::string& platform = columns.platform;
    const std::string paidPrefix = platform + ":paid:", refundPrefix = platform + ":refund:";
    auto emitRefund = [&](const std::string& id, int64_t ts, const std::string& orderKey, int64_t cents,
                          int line) {
        EventFields refund;
        refund.id = id;
        refund.type = "refund";
        refund.ts = ts;
        refund.platform = platform;
        refund.orderId = orderKey;
        refund.amountCents = cents;
        emit(refund, line);
    };
    for (const std::string& orderId : orderSequence) {
        const std::vector<Line> lines = std::move(orders[orderId]); // freed after its events are made
        int64_t lineRefunds = 0, total = 0;
        std::optional<int64_t> orderRefund;
        std::string firstKey;
        for (size_t i = 0; i < lines.size(); ++i) {
            const Line& l = lines[i];
            // One order, one line: the order id itself, so a live event with the
            // same id is the same sale. Several lines: one key each.
            const std::string key =
                lines.size() == 1 ? orderId
                                  : orderId + "/" + (l.lineId.empty() ? std::to_string(i + 1) : l.lineId);
            if (i == 0) firstKey = key;
            const std::string viewer =
                l.buyer.empty() ? "order:" + platform + ":" + orderId : "buyer:" + l.buyer;
            const std::string paidId = paidPrefix + key;
            EventFields paid;
            paid.id = paidId;
            paid.type = "order_paid";
            paid.ts = l.ts;
            paid.platform = platform;
            paid.viewer = viewer;
            paid.orderId = key;
            paid.sku = l.sku;
            paid.qty = l.qty;
            paid.amountCents = l.cents;
            emit(paid, l.line);
            total += l.cents;
            if (meansLineRefunded(l.afterSale) && l.cents > 0) {
                lineRefunds += l.cents;
                emitRefund(refundPrefix + key, l.ts, key, l.cents, l.line);
            }
            if (!orderRefund && l.orderRefundCents) orderRefund = l.orderRefundCents;
        }
        // The export has no refund time: a refund is dated at the payment, so the
        // review nets it against the sale it undoes.
        int64_t refundCents = orderRefund.value_or(0);
        if (!orderRefund && lineRefunds == 0 && meansCancelled(lines.front().status)) refundCents = total;
        if (refundCents > 0 && lineRefunds == 0)
            emitRefund(refundPrefix + orderId, lines.front().ts, firstKey, refundCents, lines.front().line);
    }
    return out;
}

} // namespace hawker::studio
