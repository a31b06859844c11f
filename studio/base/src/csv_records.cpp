#include "hawker/studio/base/csv_records.hpp"

#include <algorithm>

namespace hawker::studio {

std::vector<CsvRecord> splitCsvRecords(std::string_view text) {
    std::vector<CsvRecord> records;
    // An export can hold hundreds of thousands of rows: one allocation for the
    // list, and each row's fields reserved at the previous row's count.
    records.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
    size_t width = 0;
    CsvRecord current;
    std::string field;
    bool quoted = false, fieldStarted = false;
    int line = 1;
    current.line = 1;
    bool fieldStored = false; // an unquoted field goes straight from the text into the record
    auto endField = [&] {
        if (!fieldStored) current.fields.push_back(std::move(field));
        field.clear();
        fieldStarted = fieldStored = false;
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
            width = current.fields.size();
            records.push_back(std::move(current));
            current = CsvRecord{};
            current.fields.reserve(width);
            current.line = ++line;
        } else {
            // The rest of an unquoted field at once (a quote inside it is text).
            size_t end = i + 1;
            while (end < text.size() && text[end] != ',' && text[end] != '\r' && text[end] != '\n')
                ++end;
            if (!fieldStarted) { // the usual case: one copy, into its place
                current.fields.emplace_back(text.substr(i, end - i));
                fieldStored = true;
            } else { // text after a closing quote (a problem already noted): kept with the field
                field.append(text.substr(i, end - i));
            }
            fieldStarted = true;
            i = end - 1;
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
