#pragma once
// The values of an order export's cells: money to exact integer cents, and a
// payment time in the platform's zone to UTC milliseconds.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hawker::studio {

/// "1,299.00", "¥99.9", "$12", "99" → cents. A comma is a thousands separator
/// only between groups of three digits before any point; "12,50" (a decimal
/// comma) is refused rather than guessed, as are more than two decimals and
/// negative amounts. nullopt with `reason` set when refused.
std::optional<int64_t> parseExportAmount(std::string_view text, std::string& reason);

/// A whole number of units ("2", "1,000"); nullopt with `reason` when not.
std::optional<int64_t> parseExportQuantity(std::string_view text, std::string& reason);

/// "2026-12-04 20:15:03", "2026/12/4 20:15", "2026-12-04T20:15:03+08:00",
/// "2026-12-04 20:15:03 +0800", "…Z" → UTC ms. Without an offset the time is
/// local time in `zone` (an IANA name such as Asia/Shanghai, from the
/// system's tzdata). nullopt with `reason` set when unreadable.
std::optional<int64_t> parseExportTime(std::string_view text, const std::string& zone, std::string& reason);

/// Throws std::invalid_argument when the system's tzdata has no such zone.
void checkTimeZone(const std::string& zone);

} // namespace hawker::studio
