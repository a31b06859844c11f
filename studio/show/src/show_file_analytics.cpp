// The show file's analytics sections: alert rules ([[alerts]]) and the
// simulated audience ([audience]).

#include <set>

#include "show_file_sections.hpp"

namespace hawker::studio::detail {

namespace {
const std::set<std::string> kThresholdMetrics = {"conversion_rate",
                                                 "engagement_rate",
                                                 "product_click_rate",
                                                 "click_to_pay_rate",
                                                 "refund_rate",
                                                 "uv_value_cents",
                                                 "gpm_cents",
                                                 "avg_watch_s",
                                                 "online",
                                                 "uv",
                                                 "gmv_cents",
                                                 "paid_orders"};
}

void readAnalyticsSections(Fields& top, ShowSpec& show, const std::string& file) {
    bool any = false;
    std::set<std::string> ids;
    forEachTable(top, "alerts", file, [&](Fields& f, size_t index) {
        any = true;
        AlertRuleSpec rule;
        const std::string kindName = f.reqString("kind");
        const auto kind = alertKindFromString(kindName);
        if (!kind)
            f.fail("kind", "expected threshold, pace, drop, low_stock, negative_comments, output_unhealthy, "
                           "source_lost, database, frames_dropped, output_profile, audio_silent or "
                           "audio_clipping");
        rule.kind = *kind;
        rule.id = f.optString("id").value_or(kindName + "-" + std::to_string(index + 1));
        if (!ids.insert(rule.id).second) f.fail("id", "two alert rules are called '" + rule.id + "'");
        if (rule.kind == AlertKind::Threshold) {
            rule.metric = f.reqString("metric");
            if (!kThresholdMetrics.count(rule.metric)) f.fail("metric", "not a metric an alert can watch");
            if (f.has("below")) rule.below = f.optNumber("below", 0, -1e15, 1e15);
            if (f.has("above")) rule.above = f.optNumber("above", 0, -1e15, 1e15);
            if (!rule.below && !rule.above) f.fail("below", "a threshold needs below or above");
            rule.minUv = f.optInt64("min_uv", rule.minUv, 0, 100000000);
        } else if (rule.kind == AlertKind::Pace) {
            rule.metric = f.optString("metric").value_or("gmv_cents");
            if (rule.metric != "gmv_cents" && rule.metric != "uv")
                f.fail("metric", "pace watches gmv_cents or uv");
            rule.amberBehind = f.optNumber("amber_behind", rule.amberBehind, 0.0, 1.0);
            rule.redBehind = f.optNumber("red_behind", rule.redBehind, 0.0, 1.0);
            if (rule.redBehind < rule.amberBehind) f.fail("red_behind", "must be at least amber_behind");
        } else if (rule.kind == AlertKind::Drop) {
            rule.dropFraction = f.optNumber("drop", rule.dropFraction, 0.01, 1.0);
            rule.windowSeconds = f.optInt("window_s", rule.windowSeconds, 10, 3600);
        } else if (rule.kind == AlertKind::LowStock) {
            rule.stockUnits = f.optInt64("units", rule.stockUnits, 0, 100000000);
        } else if (rule.kind == AlertKind::FramesDropped) {
            rule.frames = f.optInt64("frames", rule.frames, 1, 100000);
            rule.windowSeconds = f.optInt("window_s", 10, 2, 3600);
        } else if (rule.kind == AlertKind::AudioSilent) {
            rule.silenceLufs = f.optNumber("below_lufs", rule.silenceLufs, -90.0, 0.0);
            rule.silenceSeconds = f.optInt("seconds", rule.silenceSeconds, 1, 3600);
        } else if (rule.kind == AlertKind::AudioClipping) {
            rule.clips = f.optInt64("ticks", rule.clips, 1, 100000);
            rule.windowSeconds = f.optInt("window_s", 5, 1, 3600);
        } else if (rule.kind == AlertKind::NegativeComments) {
            rule.negativeShare = f.optNumber("share", rule.negativeShare, 0.0, 1.0);
            rule.minComments = f.optInt64("min_comments", rule.minComments, 1, 100000000);
            rule.keywords = stringList(f, "keywords");
            if (rule.keywords.empty()) rule.keywords = defaultNegativeKeywords();
        }
        show.alerts.push_back(std::move(rule));
    });
    if (!any) show.alerts = defaultAlertRules();

    if (const toml::table* table = top.optTable("audience")) {
        Fields f(*table, "audience", file);
        show.audience.simulate = f.optBool("simulate").value_or(true);
        show.audience.seed = static_cast<uint64_t>(f.optInt64("seed", 1, 0, INT64_MAX));
        show.audience.arrivalsPerMinute = f.optNumber("arrivals_per_minute", 60, 0.1, 100000);
        f.finish();
    }
}

} // namespace hawker::studio::detail
