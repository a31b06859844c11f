#pragma once
// Small text and colour helpers the panels share.

#include <cstdint>
#include <string>

#include <imgui.h>

#include "hawker/capture/media_source.hpp"
#include "hawker/studio/base/clock.hpp"
#include "hawker/studio/base/figures.hpp"
#include "hawker/studio/base/money.hpp"
#include "hawker/studio/base/percent.hpp"

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
