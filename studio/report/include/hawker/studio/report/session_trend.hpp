#pragma once
// Trends across sessions: each session of a date range (by title, tag, host or product) with its headline
// figures and its products' units and GMV, plus totals by title, tag and host, for `hawker report --trend`.
// The figures are each session's own report (the same replay, the same definitions), not a second way of
// counting.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

struct TrendOptions {
    int64_t sinceUtcMs = 0;         ///< sessions that started at or after this
    int64_t untilUtcMs = 0;         ///< … and at or before this
    std::string title, tag, host;   ///< "" matches any
    std::string sku;                ///< "": every product; else only sessions that showed, clicked or sold it
    bool includeRehearsals = false; ///< rehearsals are left out unless asked for
};

/// {"since_utc_ms","until_utc_ms","title","tag","host","sku","sessions":[{"id","title","tag","host",
/// "start_utc_ms","gmv_cents","uv","pv","buyers","paid_orders","units","conversion_rate","gpm_cents"}],
/// "products":[{"sku","name","sessions":[{"id","units","gmv_cents"}]}], "by_title":[…], "by_tag":[…],
/// "by_host":[…]}; sessions oldest first. Only sessions that have started are included; a live one is
/// counted up to now. With a sku, the products list holds that product only.
nlohmann::json buildTrend(Database& db, const TrendOptions& options);

/// The trend as one HTML page: small multiples of GMV, UV, conversion, GPM and units per session, then one
/// small chart of units per product.
std::string renderTrendHtml(const nlohmann::json& trend);

/// trend_sessions.csv and trend_products.csv in `dir`; returns their paths.
std::vector<std::filesystem::path> writeTrendCsv(const nlohmann::json& trend,
                                                 const std::filesystem::path& dir);

} // namespace hawker::studio
