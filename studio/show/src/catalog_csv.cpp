#include "hawker/studio/show/catalog_csv.hpp"
#include "hawker/studio/base/ascii_case.hpp"

#include "hawker/overlay/text_renderer.hpp"
#include "hawker/studio/base/csv_records.hpp"
#include "hawker/studio/base/money.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <string_view>

namespace hawker::studio {

namespace {
std::string trim(std::string s) {
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

std::vector<std::string> splitList(const std::string& text) {
    // Excel users separate list items with | or ；(full-width) or a line break.
    std::vector<std::string> items;
    std::string item;
    auto flush = [&] {
        item = trim(item);
        if (!item.empty()) items.push_back(item);
        item.clear();
    };
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '|' || text[i] == '\n') {
            flush();
        } else if (text.compare(i, 3, "；") == 0) {
            flush();
            i += 2;
        } else {
            item += text[i];
        }
    }
    flush();
    return items;
}
} // namespace

std::optional<int64_t> parseYuanToCents(std::string text) {
    text = trim(text);
    for (const std::string prefix : {"¥", "￥", "CNY", "RMB"})
        if (text.rfind(prefix, 0) == 0) text = trim(text.substr(prefix.size()));
    text.erase(std::remove(text.begin(), text.end(), ','), text.end());
    if (text.empty() || text.size() > 16) return std::nullopt;
    const size_t dot = text.find('.');
    const std::string whole = text.substr(0, dot);
    const std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
    if (whole.empty() || fraction.size() > 2) return std::nullopt;
    if (!std::all_of(whole.begin(), whole.end(), ::isdigit) ||
        !std::all_of(fraction.begin(), fraction.end(), ::isdigit))
        return std::nullopt;
    int64_t yuan = 0;
    std::from_chars(whole.data(), whole.data() + whole.size(), yuan);
    int64_t fen = 0;
    if (!fraction.empty()) {
        std::from_chars(fraction.data(), fraction.data() + fraction.size(), fen);
        if (fraction.size() == 1) fen *= 10;
    }
    const int64_t cents = yuan * 100 + fen;
    if (cents > figures::kMaxPriceCents) return std::nullopt;
    return cents;
}

CatalogParse parseCatalogCsv(const std::string& input) {
    CatalogParse result;
    std::string text = input;
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3); // Excel's UTF-8 BOM
    if (!overlay::isValidUtf8(text)) {
        // Find the first bad line for the message (Excel "CSV" without UTF-8 is GBK).
        int line = 1;
        for (size_t start = 0; start < text.size();) {
            const size_t end = std::min(text.find('\n', start), text.size());
            const std::string row = text.substr(start, end - start);
            if (!overlay::isValidUtf8(row)) break;
            ++line;
            start = end + 1;
        }
        result.problems.push_back({line, "not UTF-8 (save as \"CSV UTF-8\" in Excel)"});
        return result;
    }
    std::vector<CsvRecord> records = splitCsvRecords(text);
    if (records.empty()) {
        result.problems.push_back({1, "the file has no header row"});
        return result;
    }
    std::map<std::string, size_t> column;
    for (size_t i = 0; i < records[0].fields.size(); ++i) {
        std::string name = asciiLower(trim(records[0].fields[i]));
        std::replace(name.begin(), name.end(), ' ', '_');
        column[name] = i;
    }
    for (const char* required : {"sku", "name", "price"}) {
        if (!column.count(required)) {
            result.problems.push_back(
                {records[0].line, std::string("the header has no '") + required + "' column"});
            return result;
        }
    }
    const size_t width = records[0].fields.size();
    std::set<std::string> seen;
    for (size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& record = records[r];
        auto fail = [&](const std::string& reason) { result.problems.push_back({record.line, reason}); };
        if (!record.problem.empty()) {
            fail(record.problem);
            continue;
        }
        if (record.fields.size() != width) {
            fail("has " + std::to_string(record.fields.size()) + " fields, the header has " +
                 std::to_string(width));
            continue;
        }
        auto get = [&](const char* name) -> std::string {
            auto found = column.find(name);
            return found == column.end() ? "" : trim(record.fields[found->second]);
        };
        CatalogProduct product;
        product.line = record.line;
        product.sku = get("sku");
        product.name = get("name");
        product.category = get("category");
        product.image = get("image");
        if (product.sku.empty()) {
            fail("sku is empty");
            continue;
        }
        if (!seen.insert(product.sku).second) {
            fail("sku '" + product.sku + "' appears twice");
            continue;
        }
        if (product.name.empty()) {
            fail("name is empty");
            continue;
        }
        const auto price = parseYuanToCents(get("price"));
        if (!price) {
            fail("price '" + get("price") + "' is not an amount in yuan (e.g. 199 or 199.90)");
            continue;
        }
        product.priceCents = *price;
        if (const std::string original = get("original_price"); !original.empty()) {
            product.originalPriceCents = parseYuanToCents(original);
            if (!product.originalPriceCents) {
                fail("original_price '" + original + "' is not an amount in yuan");
                continue;
            }
        }
        if (const std::string stock = get("stock"); !stock.empty()) {
            int64_t value = -1;
            const auto [end, error] = std::from_chars(stock.data(), stock.data() + stock.size(), value);
            if (error != std::errc() || end != stock.data() + stock.size() || value < 0 ||
                value > 100000000) {
                fail("stock '" + stock + "' is not a whole number of units");
                continue;
            }
            product.stock = value;
        }
        product.sellingPoints = splitList(get("selling_points"));
        product.tags = splitList(get("tags"));
        result.products.push_back(std::move(product));
    }
    return result;
}

} // namespace hawker::studio
