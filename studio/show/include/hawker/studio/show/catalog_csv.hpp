#pragma once
// Reads a product catalog exported from Excel as CSV: UTF-8 with or without a
// BOM, quoted fields (with "" inside), CRLF or LF, line breaks inside quotes.
// Every bad row is reported with the line it starts on and why.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hawker::studio {

struct CatalogProduct {
    std::string sku, name, category, image;
    int64_t priceCents = 0;
    std::optional<int64_t> originalPriceCents;
    std::vector<std::string> sellingPoints;
    std::optional<int64_t> stock;
    std::vector<std::string> tags;
    int line = 0; ///< where its row starts in the file
};

struct CatalogProblem {
    int line = 0;
    std::string reason;
};

struct CatalogParse {
    std::vector<CatalogProduct> products;
    std::vector<CatalogProblem> problems; ///< bad rows (and file-level problems at line 1)
};

/// Parses the whole text. Columns are found by their header names (sku, name,
/// category, price, original_price, image, selling_points, stock, tags).
CatalogParse parseCatalogCsv(const std::string& text);

/// "199", "199.9", "199.90", "¥1,299.00" → cents; nullopt for anything else.
std::optional<int64_t> parseYuanToCents(std::string text);

} // namespace hawker::studio
