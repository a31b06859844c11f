#pragma once
// A session next to the earlier sessions of the same title or tag, and A/B
// tests between session variants (chi-square on conversion).

#include <cstdint>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/session_metrics.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/store/database.hpp"
#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

/// The headline numbers of a session straight from SQL (UV, buyers, paid
/// orders, GMV by docs/DESIGN.md's definitions), cheap enough for a comparison table.
struct SessionTotals {
    int64_t uv = 0, buyers = 0, paidOrders = 0, gmvCents = 0;
};
SessionTotals sessionTotals(Database& db, const Session& session);

/// Earlier sessions of the same title or tag (rehearsals only if asked),
/// newest first, then the current one flagged "current": true.
nlohmann::json compareWithEarlierSessions(Database& db, const Session& session, const MetricsSummary& current,
                                          const ReportOptions& options);
/// Conversion of variant A vs B over the session's group (same title or tag):
/// a list of comparisons with the p-value and "significant".
nlohmann::json abTests(Database& db, const Session& session, const MetricsSummary& current,
                       const ReportOptions& options);

/// Offers of this session tagged with variants, compared on click-to-pay
/// (buyers in the sale ÷ viewers who clicked its product while it was on sale).
nlohmann::json offerVariantTests(const nlohmann::json& offers);

} // namespace hawker::studio
