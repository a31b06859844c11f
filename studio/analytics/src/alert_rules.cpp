#include "hawker/studio/analytics/alert_rules.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "hawker/studio/base/joined_text.hpp"
#include "hawker/studio/base/percent.hpp"

namespace hawker::studio {

namespace {
constexpr int64_t kRearmMs = 30000;

int rank(const std::string& level) {
    return level == "red" ? 2 : (level == "amber" ? 1 : 0);
}

std::string number(double value) {
    std::ostringstream out;
    out.precision(4);
    out << value;
    return out.str();
}

std::optional<double> summaryValue(const MetricsSummary& s, const std::string& metric) {
    if (metric == "conversion_rate") return s.conversionRate;
    if (metric == "engagement_rate") return s.engagementRate;
    if (metric == "product_click_rate") return s.productClickRate;
    if (metric == "click_to_pay_rate") return s.clickToPayRate;
    if (metric == "refund_rate") return s.refundRate;
    if (metric == "uv_value_cents") return s.uvValueCents;
    if (metric == "gpm_cents") return s.gpmCents;
    if (metric == "avg_watch_s") return s.avgWatchSeconds;
    if (metric == "online") return static_cast<double>(s.present);
    if (metric == "uv") return static_cast<double>(s.uv);
    if (metric == "gmv_cents") return static_cast<double>(s.gmvCents);
    if (metric == "paid_orders") return static_cast<double>(s.paidOrders);
    return std::nullopt;
}

bool isRate(const std::string& metric) {
    return metric.size() > 5 && metric.compare(metric.size() - 5, 5, "_rate") == 0;
}
} // namespace

AlertEvaluator::AlertEvaluator(std::vector<AlertRuleSpec> rules) : m_rules(std::move(rules)) {}

AlertEvaluator::Judgement AlertEvaluator::judge(const AlertRuleSpec& rule, const AlertInputs& in) {
    const MetricsSummary& s = in.summary;
    switch (rule.kind) {
    case AlertKind::Threshold: {
        const auto value = summaryValue(s, rule.metric);
        if (!value || (isRate(rule.metric) && s.uv < rule.minUv)) return {rule.metric, "green", ""};
        if (rule.below && *value < *rule.below)
            return {rule.metric, "red",
                    rule.metric + " " + number(*value) + " is below " + number(*rule.below)};
        if (rule.above && *value > *rule.above)
            return {rule.metric, "red",
                    rule.metric + " " + number(*value) + " is above " + number(*rule.above)};
        return {rule.metric, "green", ""};
    }
    case AlertKind::Pace: {
        const std::optional<int64_t> target = rule.metric == "uv" ? in.targetUv : in.targetGmvCents;
        // The first tenth of a show is its ramp-up: pace says nothing yet.
        if (!target || *target <= 0 || in.paceFraction < 0.1) return {rule.metric, "green", ""};
        const double expected = static_cast<double>(*target) * std::min(1.0, in.paceFraction);
        const double actual =
            rule.metric == "uv" ? static_cast<double>(s.uv) : static_cast<double>(s.gmvCents);
        const double behind = 1.0 - actual / expected;
        const std::string name = rule.metric == "uv" ? "UV" : "GMV";
        const std::string message =
            name + " is " + figures::formatPercentInSentence(behind) + " behind the target's pace";
        if (behind >= rule.redBehind) return {rule.metric, "red", message};
        if (behind >= rule.amberBehind) return {rule.metric, "amber", message};
        return {rule.metric, "green", ""};
    }
    case AlertKind::Drop: {
        const int64_t window = int64_t{rule.windowSeconds} * 1000;
        int64_t peak = 0;
        for (const auto& [at, viewers] : m_online)
            if (at >= in.nowUtcMs - window) peak = std::max(peak, viewers);
        if (peak >= 10 &&
            static_cast<double>(s.present) <= (1.0 - rule.dropFraction) * static_cast<double>(peak))
            return {"online", "red",
                    "online viewers fell from " + std::to_string(peak) + " to " + std::to_string(s.present) +
                        " within " + std::to_string(rule.windowSeconds / 60) + " min"};
        return {"online", "green", ""};
    }
    case AlertKind::LowStock: {
        std::string worst = "green", message;
        for (const auto& [sku, left] : in.stockLeft) {
            if (left <= 0 && rank(worst) < 2) {
                worst = "red";
                message = sku + " is sold out";
            } else if (left <= rule.stockUnits && rank(worst) < 1) {
                worst = "amber";
                message = sku + ": only " + std::to_string(left) + " left";
            }
        }
        return {"stock", worst, message};
    }
    case AlertKind::NegativeComments: {
        if (s.comments < rule.minComments) return {"comments", "green", ""};
        const double share = static_cast<double>(in.negativeComments) / static_cast<double>(s.comments);
        if (share > rule.negativeShare)
            return {"comments", "red",
                    "negative comments are " + figures::formatPercentInSentence(share, 2) +
                        " of comments (limit " + figures::formatPercentInSentence(rule.negativeShare, 2) +
                        ")"};
        return {"comments", "green", ""};
    }
    case AlertKind::OutputUnhealthy:
        if (in.unhealthyOutputs.empty()) return {"outputs", "green", ""};
        return {"outputs", "red", "output not live: " + joinedText(in.unhealthyOutputs, ", ")};
    case AlertKind::SourceLost:
        if (in.lostSources.empty()) return {"sources", "green", ""};
        return {"sources", "red", "signal lost: " + joinedText(in.lostSources, ", ")};
    case AlertKind::Database:
        // Shown in the console's alerts as it is: in Chinese and English.
        if (in.database.empty()) return {"database", "green", ""};
        return {"database", "red",
                "数据库不可写 database not writable: " + in.database +
                    "; the show goes on, commands answer 503 until it is writable again"};
    case AlertKind::OutputProfile:
        if (in.offProfile.empty()) return {"outputs", "green", ""};
        return {"outputs", "red",
                "推流不符合平台要求 output out of its platform profile: " + joinedText(in.offProfile, "; ")};
    case AlertKind::FramesDropped: {
        // Against the newest sample at least a window old (the oldest one early in the show).
        const int64_t window = int64_t{rule.windowSeconds} * 1000;
        FrameSample base = m_frames.empty() ? FrameSample{} : m_frames.front();
        for (const FrameSample& sample : m_frames)
            if (sample.utcMs <= in.nowUtcMs - window) base = sample;
        const uint64_t dropped = in.droppedFrames - std::min(base.dropped, in.droppedFrames),
                       lagged = in.laggedFrames - std::min(base.lagged, in.laggedFrames);
        if (dropped + lagged < static_cast<uint64_t>(rule.frames)) return {"frames", "green", ""};
        return {"frames", "red",
                "画面卡顿 program stuttered: " + std::to_string(dropped + lagged) +
                    " frames lost or repeated within " + std::to_string(rule.windowSeconds) + " s (" +
                    std::to_string(dropped) + " the encoder could not take, " + std::to_string(lagged) +
                    " repeated while the compositor ran late)"};
    }
    case AlertKind::AudioSilent: {
        // Digital silence has no loudness at all: quieter than any threshold.
        const bool quiet =
            in.audio && (!in.audio->momentaryLufs || *in.audio->momentaryLufs < rule.silenceLufs);
        int64_t& since = m_quietSinceMs.try_emplace(rule.id, -1).first->second;
        if (!quiet)
            since = -1;
        else if (since < 0)
            since = in.nowUtcMs;
        if (since < 0 || in.nowUtcMs - since < int64_t{rule.silenceSeconds} * 1000)
            return {"audio", "green", ""};
        return {"audio", "red",
                "节目无声 program silent: under " + number(rule.silenceLufs) + " LUFS for " +
                    std::to_string((in.nowUtcMs - since) / 1000) + " s (a muted or dead microphone?)"};
    }
    case AlertKind::AudioClipping: {
        if (!in.audio || m_overs.empty()) return {"audio", "green", ""};
        // Against the newest sample at least a window old, as for frames.
        const int64_t window = int64_t{rule.windowSeconds} * 1000;
        const std::map<std::string, int64_t>* base = &m_overs.front().second;
        for (const auto& [at, overs] : m_overs)
            if (at <= in.nowUtcMs - window) base = &overs;
        std::vector<std::string> clipping;
        for (const auto& [strip, overs] : in.audio->overs) {
            const auto before = base->find(strip);
            const int64_t fresh = overs - (before == base->end() ? 0 : std::min(before->second, overs));
            if (fresh >= rule.clips) clipping.push_back(strip + " (" + std::to_string(fresh) + " ticks)");
        }
        if (clipping.empty()) return {"audio", "green", ""};
        return {"audio", "red",
                "声音爆音 audio clipping: at full scale within " + std::to_string(rule.windowSeconds) +
                    " s: " + joinedText(clipping, ", ") + "; pull its fader down"};
    }
    }
    return {"", "green", ""};
}

std::vector<AlertLevelChange> AlertEvaluator::evaluate(const AlertInputs& in) {
    m_online.emplace_back(in.nowUtcMs, in.summary.present);
    int64_t longest = 0;
    for (const AlertRuleSpec& rule : m_rules)
        if (rule.kind == AlertKind::Drop)
            longest = std::max<int64_t>(longest, int64_t{rule.windowSeconds} * 1000);
    while (!m_online.empty() && m_online.front().first < in.nowUtcMs - longest)
        m_online.pop_front();
    // Frame counters: keep one sample older than the longest window, as the base of its difference.
    int64_t framesWindow = 0;
    for (const AlertRuleSpec& rule : m_rules)
        if (rule.kind == AlertKind::FramesDropped)
            framesWindow = std::max<int64_t>(framesWindow, int64_t{rule.windowSeconds} * 1000);
    while (m_frames.size() > 1 && m_frames[1].utcMs <= in.nowUtcMs - framesWindow)
        m_frames.pop_front();

    // Clipping counters: one sample older than the longest window, as for frames.
    int64_t oversWindow = 0;
    for (const AlertRuleSpec& rule : m_rules)
        if (rule.kind == AlertKind::AudioClipping)
            oversWindow = std::max<int64_t>(oversWindow, int64_t{rule.windowSeconds} * 1000);
    while (m_overs.size() > 1 && m_overs[1].first <= in.nowUtcMs - oversWindow)
        m_overs.pop_front();

    std::vector<AlertLevelChange> changes;
    m_kpiStatus.clear();
    m_recovered.clear();
    for (const AlertRuleSpec& rule : m_rules) {
        const Judgement j = judge(rule, in);
        std::string& status = m_kpiStatus[j.kpi];
        if (rank(j.level) >= rank(status)) status = j.level;
        // A rule raises when its level gets worse; one that flickers around
        // its limit raises again only after 30 s back at green.
        RuleState& state = m_states[rule.id];
        if (rank(j.level) == 0 && rank(state.level) > 0) m_recovered.push_back(rule.id);
        state.level = j.level;
        if (rank(j.level) > rank(state.raised)) changes.push_back({rule.id, j.kpi, j.level, j.message});
        if (rank(j.level) > 0) {
            state.raised = rank(j.level) > rank(state.raised) ? j.level : state.raised;
            state.greenSinceMs = -1;
        } else if (state.greenSinceMs < 0) {
            state.greenSinceMs = in.nowUtcMs;
        } else if (in.nowUtcMs - state.greenSinceMs >= kRearmMs) {
            state.raised = "green";
        }
    }
    m_frames.push_back({in.nowUtcMs, in.droppedFrames, in.laggedFrames});
    if (in.audio) m_overs.emplace_back(in.nowUtcMs, in.audio->overs);
    return changes;
}

} // namespace hawker::studio
