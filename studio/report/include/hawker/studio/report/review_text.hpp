#pragma once
// How the console's review writes a report's figures: the unit follows from the metric's key (the metric
// definitions' convention: *_cents is money, *_rate a fraction, *_seconds and *_s a duration), and the figure
// is written by studio/base's formatting (figures, money, percent, clock), as everywhere else; a missing or
// null value is "—".

#include <string>

#include <nlohmann/json.hpp>

namespace hawker::studio {

/// `value` of the metric `key`: "¥1,299.00", "12.50%", "1:02:07", "1,234" or "12.5"; "—" when it is not a
/// number.
std::string reviewMetric(const std::string& key, const nlohmann::json& value);
/// The member `key` of `parent`, written as reviewMetric does.
std::string reviewMetricAt(const nlohmann::json& parent, const std::string& key);
/// Paid engagement by currency ([{"currency","count","amount_micros"}], as the report and the live
/// metrics give it): "USD 5.00 (1) · JPY 500 (2)"; "" when there is none.
std::string paidEngagementText(const nlohmann::json& totals);
/// An open action item (openActionJson's shape) on one line: "text — owner · due 截止 2026-12-10".
std::string openActionText(const nlohmann::json& action);

} // namespace hawker::studio
