#pragma once
// Figures written for people: counts with their thousands grouped and money
// in yuan, the same in the console's panels and in the review.

#include <cstdint>
#include <string>

namespace hawker::studio::figures {

/// "1234567" -> "1,234,567" (the digits of |whole|): figures are read at a glance.
std::string groupDigits(long long whole);
/// A signed count, grouped: "-1,234".
std::string formatCount(int64_t value);
/// "¥1,299.00" (negative amounts keep their sign).
std::string formatYuan(int64_t cents);

} // namespace hawker::studio::figures
