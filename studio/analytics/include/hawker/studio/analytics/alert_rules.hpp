#pragma once
// The evaluation of alert rules (show/alert_rule_spec.hpp) against the
// live numbers: each rule gives its KPI a red/amber/green state, and a rule
// whose state gets worse raises an alert the operator can acknowledge.

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/analytics/session_metrics.hpp"
#include "hawker/studio/base/phrase.hpp"
#include "hawker/studio/show/alert_rule_spec.hpp"

namespace hawker::studio {

/// The program's sound, for the audio rules.
struct AudioHealth {
    std::optional<double> momentaryLufs; ///< the program's; empty: digital silence (or under 400 ms of sound)
    std::map<std::string, int64_t>
        overs; ///< ticks at full scale since the start, by strip ("program": the mix)
};

/// What a rule is judged on, gathered once a second.
struct AlertInputs {
    int64_t nowUtcMs = 0;
    double paceFraction = 0; ///< elapsed ÷ planned show length (0..1)
    MetricsSummary summary;
    std::optional<int64_t> targetGmvCents, targetUv;
    int64_t negativeComments = 0;
    std::map<std::string, int64_t> stockLeft;  ///< sku → units left (stock or flash-sale remaining)
    std::vector<std::string> unhealthyOutputs; ///< "douyin:reconnecting"
    std::vector<std::string> lostSources;
    std::string database; ///< why the database does not take writes; empty while it does
    /// Program ticks since the show started that the encoder could not take, and that repeated the last
    /// picture because the compositor ran late (both are a stutter on every output).
    uint64_t droppedFrames = 0, laggedFrames = 0;
    std::vector<std::string> offProfile; ///< "douyin: video_kbps 420 kbps (at least 1500 kbps)"
    std::optional<AudioHealth> audio;    ///< empty in a show without sound
};

struct AlertLevelChange {
    std::string ruleId, kpi;
    std::string level;   ///< amber | red
    std::string message; ///< in English, for the database, the API and the log
    i18n::Phrase said;   ///< the same words, for the console and the review to say in their reader's language
};

class AlertEvaluator {
public:
    explicit AlertEvaluator(std::vector<AlertRuleSpec> rules);
    /// Judges every rule; returns the rules whose state got worse (these are
    /// stored and shown as alerts). A rule that recovers goes back to green quietly.
    std::vector<AlertLevelChange> evaluate(const AlertInputs& in);
    /// KPI → green | amber | red, from the latest evaluation (worst rule wins).
    const std::map<std::string, std::string>& kpiStatus() const { return m_kpiStatus; }
    /// Rules that were amber or red before the latest evaluation and are green now.
    const std::vector<std::string>& recovered() const { return m_recovered; }
    const std::vector<AlertRuleSpec>& rules() const { return m_rules; }

private:
    struct Judgement {
        std::string kpi, level;
        i18n::Phrase said; ///< empty while green
        /// An alert about the studio itself (not the sales) leads its English message with its Chinese
        /// title, for a log read by the crew; nullptr for the others.
        const char* titleKey = nullptr;
        std::string message() const;
    };
    Judgement judge(const AlertRuleSpec& rule, const AlertInputs& in);
    std::vector<AlertRuleSpec> m_rules;
    struct RuleState {
        std::string raised;        ///< the worst level raised since the rule was last green for a while
        int64_t greenSinceMs = -1; ///< green since then (-1: not green)
        std::string level;         ///< at the latest evaluation
    };
    std::map<std::string, RuleState> m_states; ///< by rule id
    std::map<std::string, std::string> m_kpiStatus;
    std::vector<std::string> m_recovered;
    std::deque<std::pair<int64_t, int64_t>> m_online; ///< (utc ms, viewers present) samples
    struct FrameSample {
        int64_t utcMs = 0;
        uint64_t dropped = 0, lagged = 0;
    };
    std::deque<FrameSample> m_frames;              ///< the frame counters, once per evaluation
    std::map<std::string, int64_t> m_quietSinceMs; ///< by audio_silent rule: quiet since (-1: it is not)
    std::deque<std::pair<int64_t, std::map<std::string, int64_t>>> m_overs; ///< (utc ms, overs by strip)
};

} // namespace hawker::studio
