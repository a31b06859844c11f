#include "card_showings.hpp"

#include <algorithm>
#include <vector>

#include "hawker/studio/base/json_read.hpp"

namespace hawker::studio {

using nlohmann::json;

json cardShowingsJson(const OnAirSchedule& schedule, const SessionMetrics& metrics,
                      const std::map<std::string, std::string>& names, int64_t startUtcMs, int64_t endUtcMs) {
    std::vector<json> rows;
    for (const auto& [sku, showings] : schedule.cards()) {
        const auto name = names.find(sku);
        for (size_t i = 0; i < showings.size(); ++i) {
            const OnAirInterval& interval = showings[i];
            const int64_t from = std::max(interval.start, startUtcMs), to = std::min(interval.end, endUtcMs);
            if (to <= from) continue; // shown before the session started or after it ended
            const WindowCounts c = metrics.showingCounts(sku, i);
            const double seconds = static_cast<double>(to - from) / 1000.0;
            rows.push_back({{"sku", sku},
                            {"name", name == names.end() ? std::string() : name->second},
                            {"showing", i + 1},
                            {"start_offset_ms", from - startUtcMs},
                            {"end_offset_ms", to - startUtcMs},
                            {"seconds", seconds},
                            {"views", c.enters},
                            {"clicks", c.clicks},
                            {"click_uv", static_cast<int64_t>(c.clickers.size())},
                            {"paid_orders", c.paidOrders},
                            {"units", c.units},
                            {"gmv_cents", c.gmvCents},
                            {"buyers", static_cast<int64_t>(c.buyers.size())},
                            {"gpm_cents", ratioJson(metricRatio(static_cast<double>(c.gmvCents) * 1000.0,
                                                                static_cast<double>(c.enters)))},
                            {"gmv_per_minute_cents",
                             ratioJson(metricRatio(static_cast<double>(c.gmvCents), seconds / 60.0))}});
        }
    }
    // The showings that sold fastest first; a showing without a rate (no time on air) last.
    std::stable_sort(rows.begin(), rows.end(), [](const json& a, const json& b) {
        const auto rateA = json_read::numberAt(a, "gmv_per_minute_cents");
        const auto rateB = json_read::numberAt(b, "gmv_per_minute_cents");
        if (rateA.has_value() != rateB.has_value()) return rateA.has_value();
        if (rateA && rateB && *rateA != *rateB) return *rateA > *rateB;
        return json_read::integerAt(a, "gmv_cents") > json_read::integerAt(b, "gmv_cents");
    });
    json out = json::array();
    for (json& row : rows)
        out.push_back(std::move(row));
    return out;
}

} // namespace hawker::studio
