#pragma once
// KPI tiles against a session's targets, with red/amber/green: the live
// dashboard (targets scaled to the show's pace) and the report (full targets).

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/session_metrics.hpp"
#include "hawker/studio/base/translations.hpp"

namespace hawker::studio {

/// A KPI's name for people, the one table every part names them from (the dashboard, the review, the
/// alerts, the HTML page): a key of the translation tables ("kpi.gmv"); nullptr for any other key.
const char* kpiNameKey(std::string_view key);
/// A KPI tile's name in `language` ("成交额 GMV"; "SERUM-50 销量" for "units:SERUM-50"); `fallback` for a
/// key that is no KPI.
std::string kpiName(std::string_view key, i18n::Language language, const std::string& fallback);

/// Red/amber/green of `actual` against `target`: behind by 15 % or more is
/// red, by 8 % or more amber (the same thresholds as the pace alerts); "none" without a target.
std::string targetStatus(double actual, double target);

/// KPI tiles (GMV, UV, online, conversion, UV value, GPM, engagement,
/// per-product units) as [{key,label,value,target,status}]. `paceFraction`
/// scales the totals' targets (1 after the show; elapsed ÷ planned live).
nlohmann::json kpisAgainstTargets(const MetricsSummary& summary, const SessionMetrics& metrics,
                                  const std::string& targetsJson, double paceFraction);

} // namespace hawker::studio
