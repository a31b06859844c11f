#pragma once
// A platform's order export, as rows of text cells, turned into viewer events
// that go through the same validation as every other event (parseEvent): a
// paid line becomes `order_paid`, a refund `refund`, an unpaid or cancelled
// order nothing. Event ids are made from the platform and the order and line
// ids, so importing the same rows again yields the same ids (and changes nothing).

#include <string>
#include <vector>

#include "hawker/studio/analytics/order_columns.hpp"
#include "hawker/studio/store/viewer_event.hpp"

namespace hawker::studio {

class ViewerHasher;

/// One row of a sheet as text, with the line (CSV) or row number (XLSX) a user sees.
struct SheetRow {
    int line = 0;
    std::vector<std::string> cells;
    std::string problem; ///< the row could not be read (bad quoting)
};

/// A CSV file or an XLSX worksheet: the header row first.
struct Sheet {
    std::string file;
    std::string encoding; ///< "utf-8", "gb18030" or "xlsx"
    std::vector<SheetRow> rows;
};

struct RowRejection {
    std::string file;
    int line = 0;
    std::string reason;
};

struct ExportEvents {
    std::vector<ViewerEvent> events; ///< in file order: each order's lines, then its refunds
    std::vector<int> eventLines;     ///< the line each event came from
    std::vector<RowRejection> rejected;
    size_t notPaid = 0;       ///< unpaid or cancelled-before-payment rows (they become nothing)
    size_t duplicateRows = 0; ///< a line the file repeats (same order and line id, or same content)
};

/// Reads CSV bytes (UTF-8 with or without BOM, or GB18030/GBK). Throws EncodingError.
Sheet readCsvSheet(std::string bytes, const std::string& file);

/// Throws ColumnMapError when a required column is missing (naming it and the
/// headers found); a bad row is rejected with its line and reason. Each row's
/// cells are released once the row is read (the header stays), so the memory
/// of a large export's cells is reused for its events instead of growing.
ExportEvents orderEventsFromSheet(Sheet& sheet, const OrderColumns& columns, const ViewerHasher& hasher);

/// A cell without surrounding spaces and the ="…" that keeps long ids as text in Excel.
std::string cleanCell(std::string text);

/// The order id that a line key was made from ("A1/2" → "A1").
std::string mainOrderId(const std::string& lineKey);

} // namespace hawker::studio
