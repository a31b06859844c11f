#pragma once
// The report's tables as CSV files (UTF-8 with a BOM, so Excel reads the
// Chinese names): summary, per_minute, products, segments, offers, timeline,
// comments (masked names only), notes. Viewer ids never appear.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace hawker::studio {

/// Writes the files into `dir` (created if needed); returns their paths.
/// Throws std::runtime_error when a file cannot be written.
std::vector<std::filesystem::path> writeReportCsv(const nlohmann::json& report,
                                                  const std::filesystem::path& dir);

/// One CSV file from a list of objects (or an object of objects, its keys in `firstColumn`), with
/// `columns` in order; the same quoting and BOM as the report's files.
std::filesystem::path writeCsvTable(const std::filesystem::path& path, const nlohmann::json& rows,
                                    const std::vector<std::string>& columns,
                                    const std::string& firstColumn = "");

} // namespace hawker::studio
