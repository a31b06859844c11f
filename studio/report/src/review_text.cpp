#include "hawker/studio/report/review_text.hpp"

#include <optional>

#include "report_format.hpp"

namespace hawker::studio {

std::string reviewMetric(const std::string& key, const nlohmann::json& value) {
    const std::optional<double> v = json_read::numberOf(value);
    if (!v) return figures::kMissing;
    // The same units as the page's (report_format's unitOf); a duration is a clock in the review's tables.
    switch (report_html::unitOf(key)) {
    case report_html::Unit::Money:
        return figures::formatYuan(v);
    case report_html::Unit::Ratio:
        return figures::formatPercent(*v, 2);
    case report_html::Unit::Seconds:
        return figures::formatClock(*v);
    case report_html::Unit::Count:
    case report_html::Unit::Decimal:
        break;
    }
    return figures::formatNumber(*v, 1);
}

std::string reviewMetricAt(const nlohmann::json& parent, const std::string& key) {
    return reviewMetric(key, json_read::memberOf(parent, key));
}

std::string paidEngagementText(const nlohmann::json& totals) {
    std::string out;
    if (!totals.is_array()) return out;
    for (const nlohmann::json& t : totals) {
        if (!t.is_object()) continue;
        if (!out.empty()) out += " · ";
        out += figures::formatCurrencyMicros(json_read::stringAt(t, "currency"),
                                             json_read::integerAt(t, "amount_micros"));
        out += " (" + figures::formatCount(json_read::integerAt(t, "count")) + ")";
    }
    return out;
}

std::string openActionText(const nlohmann::json& action) {
    std::string line = json_read::stringAt(action, "text");
    if (const std::string owner = json_read::stringAt(action, "owner"); !owner.empty()) line += " — " + owner;
    if (const std::string due = json_read::stringAt(action, "due"); !due.empty())
        line += " · due 截止 " + due;
    return line;
}

} // namespace hawker::studio
