#include "hawker/studio/base/csv_records.hpp"

#include <algorithm>

namespace hawker::studio {

std::vector<CsvRecord> splitCsvRecords(const std::string& text) {
    std::vector<CsvRecord> records;
    CsvRecord current;
    std::string field;
    bool quoted = false, fieldStarted = false;
    int line = 1;
    current.line = 1;
    auto endField = [&] {
        current.fields.push_back(field);
        field.clear();
        fieldStarted = false;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                    // After a closing quote only a separator or the line end may follow.
                    const char next = i + 1 < text.size() ? text[i + 1] : ',';
                    if (next != ',' && next != '\r' && next != '\n' && current.problem.empty())
                        current.problem = "a quote inside a quoted field must be doubled (\"\")";
                }
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && !fieldStarted && field.empty()) {
            quoted = true;
            fieldStarted = true;
        } else if (c == ',') {
            endField();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            endField();
            records.push_back(std::move(current));
            current = CsvRecord{};
            current.line = ++line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted) current.problem = "a quoted field is never closed (missing \")";
    if (fieldStarted || !field.empty() || !current.fields.empty()) {
        endField();
        records.push_back(std::move(current));
    }
    // Blank lines are not rows.
    std::erase_if(records, [](const CsvRecord& r) {
        return r.problem.empty() &&
               std::all_of(r.fields.begin(), r.fields.end(), [](const std::string& f) { return f.empty(); });
    });
    return records;
}

} // namespace hawker::studio
