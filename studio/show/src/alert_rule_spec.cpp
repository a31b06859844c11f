#include "hawker/studio/show/alert_rule_spec.hpp"

#include <array>

namespace hawker::studio {

namespace {
/// Half a second of pictures lost or frozen within 10 s is a stutter a viewer sees.
constexpr int kFramesWindowSeconds = 10;
/// Three clipped ticks (100 ms of sound) within 5 s is a distortion a viewer hears, not one stray peak.
constexpr int kClippingWindowSeconds = 5;
constexpr std::array<const char*, 12> kKindNames = {
    "threshold",   "pace",     "drop",           "low_stock",      "negative_comments", "output_unhealthy",
    "source_lost", "database", "frames_dropped", "output_profile", "audio_silent",      "audio_clipping"};
} // namespace

const char* toString(AlertKind kind) {
    return kKindNames[static_cast<size_t>(kind)];
}

std::optional<AlertKind> alertKindFromString(const std::string& name) {
    for (size_t i = 0; i < kKindNames.size(); ++i)
        if (name == kKindNames[i]) return static_cast<AlertKind>(i);
    return std::nullopt;
}

std::vector<std::string> defaultNegativeKeywords() {
    return {"太贵", "假货", "骗人", "垃圾", "退货", "没用", "差评", "不值", "坑"};
}

std::vector<AlertRuleSpec> defaultAlertRules() {
    std::vector<AlertRuleSpec> rules;
    auto add = [&](const char* id, AlertKind kind, const char* metric = "") {
        AlertRuleSpec rule;
        rule.id = id;
        rule.kind = kind;
        rule.metric = metric;
        rules.push_back(std::move(rule));
        return &rules.back();
    };
    add("pace-gmv", AlertKind::Pace, "gmv_cents");
    add("pace-uv", AlertKind::Pace, "uv");
    add("viewers-drop", AlertKind::Drop);
    add("low-stock", AlertKind::LowStock);
    add("negative-comments", AlertKind::NegativeComments)->keywords = defaultNegativeKeywords();
    add("outputs", AlertKind::OutputUnhealthy);
    add("sources", AlertKind::SourceLost);
    add("database", AlertKind::Database);
    add("frames", AlertKind::FramesDropped)->windowSeconds = kFramesWindowSeconds;
    add("output-profile", AlertKind::OutputProfile);
    add("audio-silent", AlertKind::AudioSilent);
    add("audio-clipping", AlertKind::AudioClipping)->windowSeconds = kClippingWindowSeconds;
    return rules;
}

} // namespace hawker::studio
