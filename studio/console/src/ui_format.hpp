#pragma once
// Small text and colour helpers the panels share.

#include <cstdint>
#include <string>

#include <imgui.h>

#include "hawker/capture/media_source.hpp"
#include "hawker/studio/base/figures.hpp"

namespace hawker::studio::console {

// Counts and money are written as in the review (studio/base's figures).
using figures::formatCount;
using figures::formatYuan;
using figures::groupDigits;

/// "1:07", or "1:02:07" past an hour; "—" for a negative time.
std::string formatClock(double seconds);

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
