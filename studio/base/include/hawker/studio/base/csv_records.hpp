#pragma once
// CSV as spreadsheets write it, split into records: quoted fields (with ""
// inside), CRLF or LF, line breaks inside quotes. Each record keeps the line
// it starts on, so a bad row can be named by the line a user sees in an editor.

#include <string>
#include <string_view>
#include <vector>

namespace hawker::studio {

struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
    std::string problem; ///< malformed quoting: the row is reported as such, not parsed
};

/// Splits UTF-8 text (no BOM) into records; blank lines are dropped.
std::vector<CsvRecord> splitCsvRecords(std::string_view text);

} // namespace hawker::studio
