#pragma once
// Small text and colour helpers the panels share.

#include <cstdint>
#include <string>

#include <imgui.h>

#include "hawker/capture/media_source.hpp"
#include "hawker/studio/base/clock.hpp"
#include "hawker/studio/base/compact_figures.hpp"
#include "hawker/studio/base/figures.hpp"
#include "hawker/studio/base/money.hpp"
#include "hawker/studio/base/percent.hpp"
#include "hawker/studio/base/translations.hpp"
#include "hawker/studio/show/role.hpp"

namespace hawker::studio::console {

// Figures are written as in the review, the report and on air (studio/base's formatting, one rounding rule
// for clocks: see clock.hpp), used here by their short names.
using figures::countdownSeconds;
using figures::formatClock;
using figures::formatCount;
using figures::formatCurrencyMicros;
using figures::formatNumber;
using figures::formatPercent;
using figures::formatYuan;
using figures::formatYuanCompact;
using figures::kMissing;
using figures::wholeSeconds;
// Every word the console shows comes from the translation tables (studio/base/translations.hpp).
using i18n::tr;
using i18n::trf;
using i18n::trId;
using i18n::trKey;

/// A source's state as the console shows it ("live", "直播中").
const char* sourceStateLabel(capture::SourceState state);
/// A task's name (the task runner's key, "reconnect cam1") as the status bar and the messages show it, in
/// the current language ("重连 cam1"); a name it does not know is shown as it is.
std::string taskLabel(const std::string& name);
/// A role as the console shows it, in the current language.
const char* roleLabel(Role role);

/// A timing in ms with `decimals` ("0.54 ms"); a dash for one not measured yet (negative: an encode's
/// latency over its warm-up, a login that runs no program).
std::string formatMs(double value, int decimals);

/// A count for a tile or a list, short for the language (1.2万, 12.3k): figures::formatCompactCount.
std::string compactCount(int64_t value);
/// Yuan for a tile: two decimals below ¥10,000, short above (figures::formatYuanShort).
std::string compactYuan(double cents);
/// After the item that drew compactCount(value)/compactYuan(cents): the exact figure as its tooltip when
/// the shown one was shortened.
void exactCountTooltip(int64_t value);
void exactYuanTooltip(double cents);

inline constexpr ImU32 kTallyProgram = IM_COL32(230, 40, 40, 255);
inline constexpr ImU32 kTallyPreview = IM_COL32(40, 200, 70, 255);
inline const ImVec4 kTextGood(0.35f, 0.85f, 0.45f, 1.0f);
inline const ImVec4 kTextWarn(0.95f, 0.70f, 0.20f, 1.0f);
inline const ImVec4 kTextBad(0.95f, 0.35f, 0.35f, 1.0f);
inline const ImVec4 kTextDim(0.60f, 0.60f, 0.62f, 1.0f);

/// A source's health as a colour: live green, connecting or stalled amber,
/// ended grey, lost red (the Sources panel and the multiview's badge).
ImVec4 sourceStateColor(capture::SourceState state);

} // namespace hawker::studio::console
