#pragma once
// Each time a product card was on air, with what it sold while it was there:
// the review's "which explanation sold", not just which product.

#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/on_air_schedule.hpp"
#include "hawker/studio/analytics/session_metrics.hpp"

namespace hawker::studio {

/// [{"sku","name","showing","start_offset_ms","end_offset_ms","seconds","views","clicks","click_uv",
/// "paid_orders","units","gmv_cents","buyers","gpm_cents","gmv_per_minute_cents"}], ranked by GMV per
/// minute on air (then GMV). `views` counts the view_start events while the card was on air; gpm_cents is
/// GMV per 1,000 of them; either rate is null when its denominator is 0. `names`: sku → product name.
nlohmann::json cardShowingsJson(const OnAirSchedule& schedule, const SessionMetrics& metrics,
                                const std::map<std::string, std::string>& names, int64_t startUtcMs,
                                int64_t endUtcMs);

} // namespace hawker::studio
