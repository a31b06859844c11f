#pragma once
// An output's stream judged against its platform profile (platform_profile.hpp):
// one row per rule, with what was measured, what the profile allows, and
// pass, warn or fail. A rule broken against a documented (or the user's own)
// fact fails; against a secondary or assumed one it warns. `hawker preflight`
// prints these rows; `hawker run` logs them in its first seconds.

#include <optional>
#include <string>
#include <vector>

#include "hawker/capture/stream_measure.hpp"
#include "hawker/studio/show/platform_profile.hpp"
#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio {

enum class Verdict { Pass, Warn, Fail };
const char* toString(Verdict verdict); ///< "pass", "warn", "fail"

/// One rule judged for one output (the caller knows which output and which profile).
struct RuleCheck {
    RuleKey rule = RuleKey::Fps;
    std::string measured; ///< "6.00 s", "1080x1920", "slot card [0,1500,1080,300] of scene main"
    std::string allowed;  ///< "at most 4 s (2 s recommended)"
    Verdict verdict = Verdict::Pass;
    std::string source; ///< the rule's source
    Confidence confidence = Confidence::Assumed;
    bool recommendationOnly = false; ///< a warning only because it is outside the recommended range
};

/// An output whose stream has drifted out of its profile while the show runs, and the rules it breaks
/// ("video_kbps 420 kbps (at least 1500 kbps)").
struct ProfileDrift {
    std::string output;
    std::string why;
};

/// The stream's figures against every rule of the output's profile but the safe area (none without a
/// profile). The protocol is the output's own (its URL's scheme); a recording has none to check.
std::vector<RuleCheck> checkMeasuredStream(const OutputSpec& output, const capture::StreamMeasure& measured);

/// Every scene's graphic slots and image layers against the profile's safe area: a row for each one that
/// reaches into what the platform's app covers, or one passing row. A full-picture image (a background,
/// 90 % of the canvas or more) is meant to be covered and is not judged.
std::vector<RuleCheck> checkSafeArea(const ShowSpec& show, const OutputSpec& output);

/// The part of the canvas, in canvas pixels, that the output's platform app leaves visible; none
/// without a safe-area rule. The app covers the output's frame: an encode of another aspect ratio puts
/// the canvas inside bars, which take some of the covered area.
std::optional<cv::Rect> safeAreaOnCanvas(const ShowSpec& show, const OutputSpec& output);
/// Where layouts are placed and snapped (templates, the layout editor): the area the first output's
/// platform app leaves visible, else the show's [graphics] safe area.
cv::Rect layoutSafeArea(const ShowSpec& show);

/// The worst verdict of the rows (Pass when there are none).
Verdict worstVerdict(const std::vector<RuleCheck>& checks);

} // namespace hawker::studio
