#pragma once
// How the console's review writes a report's figures: the unit follows from
// the metric's key (the metric definitions' convention: *_cents is money,
// *_rate a fraction, *_seconds and *_s a duration), a missing or null value
// is "—".

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace hawker::studio {

/// `value` of the metric `key`: "¥1,299.00", "12.50%", "1:02:07", "1,234" or
/// "12.5"; "—" when it is not a number.
std::string reviewMetric(const std::string& key, const nlohmann::json& value);
/// The member `key` of `parent`, written as reviewMetric does.
std::string reviewMetricAt(const nlohmann::json& parent, const std::string& key);
/// Cents, rounded to a whole cent: "¥1,299.00".
std::string reviewYuan(double cents);
/// "12.3%" (to `decimals` places).
std::string reviewPercent(double fraction, int decimals = 1);
/// "0:42", "12:05", "1:02:03"; a negative time keeps its sign ("-0:30").
std::string reviewDuration(double seconds);
/// "2024-05-01 20:00" in the machine's time zone: what the merchandiser's clock said.
std::string reviewLocalTime(int64_t utcMs);

} // namespace hawker::studio
