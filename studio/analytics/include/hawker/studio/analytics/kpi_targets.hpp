#pragma once
// KPI tiles against a session's targets, with red/amber/green: the live
// dashboard (targets scaled to the show's pace) and the report (full targets).

#include <string>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/session_metrics.hpp"

namespace hawker::studio {

/// Red/amber/green of `actual` against `target`: behind by 15 % or more is
/// red, by 8 % or more amber (the same thresholds as the pace alerts); "none" without a target.
std::string targetStatus(double actual, double target);

/// KPI tiles (GMV, UV, online, conversion, UV value, GPM, engagement,
/// per-product units) as [{key,label,value,target,status}]. `paceFraction`
/// scales the totals' targets (1 after the show; elapsed ÷ planned live).
nlohmann::json kpisAgainstTargets(const MetricsSummary& summary, const SessionMetrics& metrics,
                                  const std::string& targetsJson, double paceFraction);

} // namespace hawker::studio
