#pragma once
// Export files to sheets: CSV (UTF-8 or GB18030/GBK) or XLSX (read with
// libzip and libxml2), and Taobao's two files (orders plus items) joined into
// one sheet of item lines that carry their order's payment, status and refund.

#include <string>
#include <vector>

#include "hawker/studio/analytics/order_export.hpp"

namespace hawker::studio {

/// The file is an XLSX that cannot be read (not a workbook, too large, bad XML).
class WorkbookError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// XLSX when the bytes are a zip archive, CSV otherwise. Throws EncodingError or WorkbookError.
Sheet readOrderSheet(std::string bytes, const std::string& file);

/// The workbook's first worksheet as text cells: shared and inline strings,
/// numbers as written, cells with a date format as "YYYY-MM-DD HH:MM:SS".
Sheet readXlsxSheet(const std::string& bytes, const std::string& file);

/// Excel's day serial (1900 date system) as "YYYY-MM-DD HH:MM:SS".
std::string excelSerialToText(double serial);

/// For taobao: the items sheet joined with the orders sheet on 订单编号 (one
/// sheet per pair); other platforms' sheets are returned unchanged.
std::vector<Sheet> joinTaobaoSheets(std::vector<Sheet> sheets, const OrderColumns& columns);

} // namespace hawker::studio
