#pragma once
// The review's report tabs. Each draws what the review model prepared and
// holds no state but what the user chose in it.

#include <imgui.h>

#include "review_common.hpp"

namespace hawker::studio::console {

/// KPI tiles against targets, the summary figures, the minute charts with
/// what was on air, the funnel. `cumulativeGmv`: the GMV chart's checkbox.
void drawReviewOverview(const LoadedReport& report, ImFont* large, bool& cumulativeGmv);
/// Products by GMV against their unit targets, then the flash sales.
void drawReviewProducts(const ReviewModel& model);
/// The run of show, planned against actual.
void drawReviewSegments(const ReviewModel& model);
/// Earlier sessions of the same title or tag, then the A/B tests.
void drawReviewComparison(const ReviewModel& model);
/// The alerts raised during the show.
void drawReviewAlerts(const ReviewModel& model);

} // namespace hawker::studio::console
