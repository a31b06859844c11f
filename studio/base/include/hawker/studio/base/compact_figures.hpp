#pragma once
// Large counts and amounts written short, the way each language's dashboards write them: 1.2万 and 3.4亿
// in Chinese (a 万 is ten thousand, a 亿 a hundred million), 12.3k and 4.5M in English. Short figures are
// for tiles and lists; wherever the console shows one, the exact figure (figures.hpp, money.hpp) is in its
// tooltip.

#include <cstdint>
#include <string>

#include "hawker/studio/base/translations.hpp"

namespace hawker::studio::figures {

/// Below 10,000 (zh-CN) or 1,000 (en) the exact count, grouped ("9,999"); above it one decimal of the
/// largest unit that fits, a trailing ".0" dropped: "1万", "1.2万", "1亿" (99,999,999 rounds up to the next
/// unit, never "10000万"), "12.3k", "4.5M", "1.2B". Negative counts keep their sign: "-1.2万".
std::string formatCompactCount(int64_t value, i18n::Language language);

/// Whether formatCompactCount shortens `value` (the console then adds the exact figure as a tooltip).
bool isCompacted(int64_t value, i18n::Language language);

/// Yuan for a tile: "¥1,234.50" (two decimals) below ¥10,000, above it the short count of whole yuan
/// after the sign: "¥1.2万", "¥12.3k". figures::kMissing when not finite.
std::string formatYuanShort(double cents, i18n::Language language);

} // namespace hawker::studio::figures
