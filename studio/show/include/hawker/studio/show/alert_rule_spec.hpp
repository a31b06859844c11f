#pragma once
// An alert rule as the show file states it ([[alerts]]): which KPI it judges,
// how, and its thresholds. The evaluation against live numbers lives in
// analytics/alert_rules.hpp; the model is here so that the show file does
// not depend on analytics.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hawker::studio {

enum class AlertKind {
    Threshold,
    Pace,
    Drop,
    LowStock,
    NegativeComments,
    OutputUnhealthy,
    SourceLost,
    Database,      ///< the session database does not take the show's writes
    FramesDropped, ///< the program dropped or repeated frames (viewers saw it stutter)
    OutputProfile, ///< an output's bitrate or keyframe spacing drifted out of its platform profile
    AudioSilent,   ///< the program's sound stayed below a loudness for a while (a dead microphone, a mute)
    AudioClipping, ///< an input (after its fader) or the mix hit full scale: viewers hear distortion
};
const char* toString(AlertKind kind);
std::optional<AlertKind> alertKindFromString(const std::string& name);

struct AlertRuleSpec {
    std::string id; ///< unique per show ("pace-gmv"); names the alert
    AlertKind kind = AlertKind::Threshold;
    std::string metric; ///< threshold: a summary key (conversion_rate, …); pace: gmv_cents or uv
    std::optional<double> below, above; ///< threshold: red beyond this
    int64_t minUv = 50;                 ///< threshold on a rate: judged only once this many viewers came
    double amberBehind = 0.08, redBehind = 0.15; ///< pace: fraction behind the target's linear pace
    double dropFraction = 0.30;                  ///< drop: online viewers down this much …
    int windowSeconds = 300;                     ///< … within this window
    int64_t stockUnits = 10;                     ///< low stock: amber at or below, red at 0
    double negativeShare = 0.015;                ///< negative comments: share of comments above this is red
    int64_t minComments = 30;                    ///< … judged once this many comments came
    int64_t frames = 15;      ///< frames dropped: red at this many dropped or repeated within window_s
    double silenceLufs = -50; ///< audio silent: the program's momentary loudness under this …
    int silenceSeconds = 5;   ///< … for this long is red
    int64_t clips = 3;        ///< audio clipping: red at this many ticks at full scale within window_s
    std::vector<std::string> keywords; ///< negative comments: what counts as negative
};

/// The rules a show gets when it has no [[alerts]]: GMV and UV pace, a 30 %
/// drop in 5 min, low stock, negative comments over 1.5 %, outputs, sources,
/// the database, 15 program frames dropped or repeated within 10 s, an
/// output's bitrate or keyframe spacing out of its platform profile, a program
/// quieter than -50 LUFS for 5 s, and 3 ticks clipping within 5 s.
std::vector<AlertRuleSpec> defaultAlertRules();
/// 太贵, 假货, 骗人, … : the default negative keywords.
std::vector<std::string> defaultNegativeKeywords();

} // namespace hawker::studio
