#include "hawker/studio/analytics/alert_rules.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "hawker/studio/analytics/kpi_targets.hpp"
#include "hawker/studio/base/joined_text.hpp"
#include "hawker/studio/base/percent.hpp"
#include "hawker/studio/base/translations.hpp"

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

using i18n::Phrase;
using i18n::trKey;

/// A metric as the reader calls it: its KPI name where it has one, else its id.
Phrase::Arg metricArg(const std::string& metric) {
    const char* name = kpiNameKey(metric);
    return name ? Phrase::Arg("metric", name, true) : Phrase::Arg("metric", metric);
}

/// A list of phrases said one after the other (the language's separator between them).
Phrase phraseList(std::vector<Phrase> items) {
    Phrase out = std::move(items.front());
    out.more.assign(std::make_move_iterator(items.begin() + 1), std::make_move_iterator(items.end()));
    return out;
}
} // namespace

std::string AlertEvaluator::Judgement::message() const {
    // The stored and logged text is English; the alerts about the studio itself (not the sales) have
    // always led with their Chinese title too, for a log read by the crew.
    std::string text = i18n::say(i18n::Language::En, said);
    if (titleKey) text = std::string(i18n::tr(i18n::Language::ZhCN, titleKey)) + " " + text;
    return text;
}

AlertEvaluator::AlertEvaluator(std::vector<AlertRuleSpec> rules) : m_rules(std::move(rules)) {}

AlertEvaluator::Judgement AlertEvaluator::judge(const AlertRuleSpec& rule, const AlertInputs& in) {
    const MetricsSummary& s = in.summary;
    switch (rule.kind) {
    case AlertKind::Threshold: {
        const auto value = summaryValue(s, rule.metric);
        if (!value || (isRate(rule.metric) && s.uv < rule.minUv)) return {rule.metric, "green", {}};
        if (rule.below && *value < *rule.below)
            return {
                rule.metric, "red",
                Phrase(trKey("alert_text.threshold_below"),
                       {metricArg(rule.metric), {"value", number(*value)}, {"limit", number(*rule.below)}})};
        if (rule.above && *value > *rule.above)
            return {
                rule.metric, "red",
                Phrase(trKey("alert_text.threshold_above"),
                       {metricArg(rule.metric), {"value", number(*value)}, {"limit", number(*rule.above)}})};
        return {rule.metric, "green", {}};
    }
    case AlertKind::Pace: {
        const std::optional<int64_t> target = rule.metric == "uv" ? in.targetUv : in.targetGmvCents;
        // The first tenth of a show is its ramp-up: pace says nothing yet.
        if (!target || *target <= 0 || in.paceFraction < 0.1) return {rule.metric, "green", {}};
        const double expected = static_cast<double>(*target) * std::min(1.0, in.paceFraction);
        const double actual =
            rule.metric == "uv" ? static_cast<double>(s.uv) : static_cast<double>(s.gmvCents);
        const double behind = 1.0 - actual / expected;
        const Phrase said(trKey("alert_text.pace_behind"),
                          {metricArg(rule.metric == "uv" ? "uv" : "gmv_cents"),
                           {"behind", figures::formatPercentInSentence(behind)}});
        if (behind >= rule.redBehind) return {rule.metric, "red", said};
        if (behind >= rule.amberBehind) return {rule.metric, "amber", said};
        return {rule.metric, "green", {}};
    }
    case AlertKind::Drop: {
        const int64_t window = int64_t{rule.windowSeconds} * 1000;
        int64_t peak = 0;
        for (const auto& [at, viewers] : m_online)
            if (at >= in.nowUtcMs - window) peak = std::max(peak, viewers);
        if (peak >= 10 &&
            static_cast<double>(s.present) <= (1.0 - rule.dropFraction) * static_cast<double>(peak))
            return {"online", "red",
                    Phrase(trKey("alert_text.viewers_fell"),
                           {{"peak", std::to_string(peak)},
                            {"now", std::to_string(s.present)},
                            {"minutes", std::to_string(rule.windowSeconds / 60)}})};
        return {"online", "green", {}};
    }
    case AlertKind::LowStock: {
        std::string worst = "green";
        Phrase said;
        for (const auto& [sku, left] : in.stockLeft) {
            if (left <= 0 && rank(worst) < 2) {
                worst = "red";
                said = Phrase(trKey("alert_text.sold_out"), {{"sku", sku}});
            } else if (left <= rule.stockUnits && rank(worst) < 1) {
                worst = "amber";
                said = Phrase(trKey("alert_text.stock_low"), {{"sku", sku}, {"left", std::to_string(left)}});
            }
        }
        return {"stock", worst, said};
    }
    case AlertKind::NegativeComments: {
        if (s.comments < rule.minComments) return {"comments", "green", {}};
        const double share = static_cast<double>(in.negativeComments) / static_cast<double>(s.comments);
        if (share > rule.negativeShare)
            return {"comments", "red",
                    Phrase(trKey("alert_text.negative_comments"),
                           {{"share", figures::formatPercentInSentence(share, 2)},
                            {"limit", figures::formatPercentInSentence(rule.negativeShare, 2)}})};
        return {"comments", "green", {}};
    }
    case AlertKind::OutputUnhealthy:
        if (in.unhealthyOutputs.empty()) return {"outputs", "green", {}};
        return {"outputs", "red",
                Phrase(trKey("alert_text.output_not_live"),
                       {{"outputs", joinedText(in.unhealthyOutputs, ", ")}})};
    case AlertKind::SourceLost:
        if (in.lostSources.empty()) return {"sources", "green", {}};
        return {"sources", "red",
                Phrase(trKey("alert_text.signal_lost"), {{"sources", joinedText(in.lostSources, ", ")}})};
    case AlertKind::Database:
        if (in.database.empty()) return {"database", "green", {}};
        return {"database", "red", Phrase(trKey("alert_text.database"), {{"reason", in.database}}),
                trKey("alert_text.database_title")};
    case AlertKind::OutputProfile:
        if (in.offProfile.empty()) return {"outputs", "green", {}};
        return {"outputs", "red",
                Phrase(trKey("alert_text.output_profile"), {{"details", joinedText(in.offProfile, "; ")}}),
                trKey("alert_text.output_profile_title")};
    case AlertKind::FramesDropped: {
        // Against the newest sample at least a window old (the oldest one early in the show).
        const int64_t window = int64_t{rule.windowSeconds} * 1000;
        FrameSample base = m_frames.empty() ? FrameSample{} : m_frames.front();
        for (const FrameSample& sample : m_frames)
            if (sample.utcMs <= in.nowUtcMs - window) base = sample;
        const uint64_t dropped = in.droppedFrames - std::min(base.dropped, in.droppedFrames),
                       lagged = in.laggedFrames - std::min(base.lagged, in.laggedFrames);
        if (dropped + lagged < static_cast<uint64_t>(rule.frames)) return {"frames", "green", {}};
        return {"frames", "red",
                Phrase(trKey("alert_text.frames"), {{"lost", std::to_string(dropped + lagged)},
                                                    {"window", std::to_string(rule.windowSeconds)},
                                                    {"dropped", std::to_string(dropped)},
                                                    {"lagged", std::to_string(lagged)}}),
                trKey("alert_text.frames_title")};
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
            return {"audio", "green", {}};
        return {"audio", "red",
                Phrase(trKey("alert_text.audio_silent"),
                       {{"lufs", number(rule.silenceLufs)},
                        {"seconds", std::to_string((in.nowUtcMs - since) / 1000)}}),
                trKey("alert_text.audio_silent_title")};
    }
    case AlertKind::AudioClipping: {
        if (!in.audio || m_overs.empty()) return {"audio", "green", {}};
        // Against the newest sample at least a window old, as for frames.
        const int64_t window = int64_t{rule.windowSeconds} * 1000;
        const std::map<std::string, int64_t>* base = &m_overs.front().second;
        for (const auto& [at, overs] : m_overs)
            if (at <= in.nowUtcMs - window) base = &overs;
        std::vector<Phrase> clipping;
        for (const auto& [strip, overs] : in.audio->overs) {
            const auto before = base->find(strip);
            const int64_t fresh = overs - (before == base->end() ? 0 : std::min(before->second, overs));
            if (fresh >= rule.clips)
                clipping.emplace_back(
                    trKey("alert_text.strip_overs"),
                    std::vector<Phrase::Arg>{{"strip", strip}, {"ticks", std::to_string(fresh)}});
        }
        if (clipping.empty()) return {"audio", "green", {}};
        return {"audio", "red",
                Phrase(trKey("alert_text.audio_clipping"),
                       {{"window", std::to_string(rule.windowSeconds)},
                        i18n::phraseArg("strips", phraseList(std::move(clipping)))}),
                trKey("alert_text.audio_clipping_title")};
    }
    }
    return {"", "green", {}};
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
        if (rank(j.level) > rank(state.raised))
            changes.push_back({rule.id, j.kpi, j.level, j.message(), j.said});
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
