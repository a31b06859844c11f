#include "hawker/studio/report/report_csv.hpp"

#include <fstream>
#include <sstream>

#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/untrusted_text.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

std::string cell(const json& value) {
    std::string text;
    if (value.is_null()) return "";
    if (value.is_string())
        text = value.get<std::string>();
    else if (value.is_boolean())
        return value.get<bool>() ? "1" : "0";
    else
        text = toJsonText(value);
    // Quote when needed; a leading = + - @ would be a formula in Excel.
    const bool formula = !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '@' ||
                                           (text[0] == '-' && !value.is_number()));
    if (formula) text = "'" + text;
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

class CsvFile {
public:
    CsvFile(const std::filesystem::path& path, const std::vector<std::string>& header) : m_path(path) {
        m_out << "\xEF\xBB\xBF";
        row(std::vector<json>(header.begin(), header.end()));
    }
    void row(const std::vector<json>& cells) {
        for (size_t i = 0; i < cells.size(); ++i)
            m_out << (i ? "," : "") << cell(cells[i]);
        m_out << "\r\n";
    }
    std::filesystem::path write() {
        std::ofstream file(m_path, std::ios::binary | std::ios::trunc);
        file << m_out.str();
        if (!file.flush()) throw std::runtime_error("cannot write " + m_path.string());
        return m_path;
    }

private:
    std::filesystem::path m_path;
    std::ostringstream m_out;
};

} // namespace

std::filesystem::path writeCsvTable(const std::filesystem::path& path, const json& rows,
                                    const std::vector<std::string>& columns, const std::string& firstColumn) {
    std::vector<std::string> header = columns;
    if (!firstColumn.empty()) header.insert(header.begin(), firstColumn);
    CsvFile csv(path, header);
    if (rows.is_array()) {
        for (const json& r : rows) {
            std::vector<json> cells;
            for (const std::string& c : columns)
                cells.push_back(json_read::memberOf(r, c.c_str()));
            csv.row(cells);
        }
    } else if (rows.is_object()) {
        for (const auto& [key, r] : rows.items()) {
            std::vector<json> cells{key};
            for (const std::string& c : columns)
                cells.push_back(json_read::memberOf(r, c.c_str()));
            csv.row(cells);
        }
    }
    return csv.write();
}

std::vector<std::filesystem::path> writeReportCsv(const json& report, const std::filesystem::path& dir) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) throw std::runtime_error("cannot create " + dir.string() + ": " + error.message());
    std::vector<std::filesystem::path> files;
    {
        CsvFile csv(dir / "summary.csv", {"metric", "value"});
        for (const auto& [key, value] : json_read::memberOf(report, "summary").items())
            csv.row({key, value});
        files.push_back(csv.write());
    }
    files.push_back(
        writeCsvTable(dir / "per_minute.csv", json_read::memberOf(report, "per_minute"),
                      {"minute", "enters", "comments", "likes", "orders", "gmv_cents", "viewers_end"}));
    files.push_back(writeCsvTable(dir / "products.csv", json_read::memberOf(report, "products"),
                                  {"name", "in_catalog", "onair_seconds", "clicks", "click_uv", "paid_orders",
                                   "units", "gmv_cents", "gmv_onair_cents"},
                                  "sku"));
    files.push_back(writeCsvTable(dir / "segments.csv", json_read::memberOf(report, "segments"),
                                  {"index", "kind", "title", "sku", "planned_seconds", "actual_seconds",
                                   "start_offset_ms", "end_offset_ms", "enters", "comments", "likes",
                                   "clicks", "paid_orders", "units", "gmv_cents", "buyers"}));
    files.push_back(writeCsvTable(dir / "offers.csv", json_read::memberOf(report, "offers"),
                                  {"id", "sku", "price_cents", "quantity", "sold", "sell_through",
                                   "sold_out_after_s", "start_offset_ms", "end_offset_ms", "end_reason",
                                   "paid_orders", "units", "gmv_cents"}));
    files.push_back(writeCsvTable(dir / "timeline.csv", json_read::memberOf(report, "timeline"),
                                  {"offset_ms", "event", "detail"}));
    files.push_back(writeCsvTable(dir / "comments.csv", json_read::memberOf(report, "top_comments"),
                                  {"offset_ms", "who", "text"}));
    files.push_back(writeCsvTable(dir / "card_showings.csv", json_read::memberOf(report, "card_showings"),
                                  {"sku", "name", "showing", "start_offset_ms", "end_offset_ms", "seconds",
                                   "views", "clicks", "click_uv", "paid_orders", "units", "gmv_cents",
                                   "buyers", "gpm_cents", "gmv_per_minute_cents"}));
    files.push_back(writeCsvTable(dir / "paid_engagement.csv", json_read::memberOf(report, "paid_engagement"),
                                  {"currency", "count", "amount_micros"}));
    files.push_back(writeCsvTable(dir / "notes.csv", json_read::memberOf(report, "notes"),
                                  {"kind", "text", "owner", "utc_ms"}));
    files.push_back(writeCsvTable(dir / "comparison.csv", json_read::memberOf(report, "comparison"),
                                  {"id", "title", "tag", "variant", "start_utc_ms", "uv", "buyers",
                                   "paid_orders", "gmv_cents", "conversion_rate", "current"}));
    return files;
}

} // namespace hawker::studio
