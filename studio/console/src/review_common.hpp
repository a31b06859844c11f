#pragma once
// What the parts of the review (复盘) share: the report as loaded for the
// tabs, how a task the view started is watched, and how the review's text is
// coloured and tabled.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "chart_drawing.hpp"
#include "console_context.hpp"
#include "hawker/studio/report/review_model.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

/// A built report with what the tabs draw from it worked out on the query
/// lane, so a long show's report costs the UI thread nothing.
struct LoadedReport {
    int64_t sessionId = 0;
    std::shared_ptr<const nlohmann::json> json; ///< as built; the export writes it
    ReviewModel model;
    LineChart online, gmv, gmvTotal;
    std::vector<FunnelStep> funnel;
};

/// Prepares `report` of `sessionId` for the tabs (off the UI thread).
std::shared_ptr<const LoadedReport> loadedReport(int64_t sessionId, nlohmann::json report);

/// Whether a task started by the review ended without its result arriving:
/// the runner already reported the error, the view only has to notice.
struct TaskWatch {
    std::string name;
    bool waiting = false;
    bool failed = false;
    void started() {
        waiting = true;
        failed = false;
    }
    void arrived() {
        waiting = false;
        failed = false;
    }
    /// True in the frame the task is found to have failed.
    bool check(const ConsoleContext& ctx);
};

/// "Loading sessions… 40%" while `task` runs; nothing otherwise.
void busyLine(ConsoleContext& ctx, const std::string& task, const char* what);

/// The session's database must already exist: opening a missing path would
/// make a new, empty one and review nothing.
void requireDatabase(const std::filesystem::path& path);

inline const ImVec4 kReviewRed(0.95f, 0.35f, 0.35f, 1.0f);
inline const ImVec4 kReviewGreen(0.45f, 0.85f, 0.45f, 1.0f);
inline const ImVec4 kReviewAmber(0.95f, 0.70f, 0.25f, 1.0f);
inline const ImVec4 kReviewDim(0.60f, 0.60f, 0.60f, 1.0f);

inline constexpr ImGuiTableFlags kReviewTableFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                                     ImGuiTableFlags_Resizable |
                                                     ImGuiTableFlags_SizingStretchProp;

void textUnformatted(const std::string& value);
/// `text` in its tone: plain, disabled, green or red.
void drawReviewText(const ReviewText& text);
/// A red/amber/green status ("red", "amber", "green", else grey) as a text colour.
ImVec4 statusVec(const std::string& status);

} // namespace hawker::studio::console
