#include "hawker/studio/analytics/kpi_targets.hpp"

#include "hawker/studio/base/json_read.hpp"

namespace hawker::studio {

using nlohmann::json;

const char* kpiNameKey(std::string_view key) {
    static const std::pair<std::string_view, const char*> kNames[] = {
        {"gmv_cents", i18n::trKey("kpi.gmv")},
        {"uv", i18n::trKey("kpi.uv")},
        {"online", i18n::trKey("kpi.online")},
        {"pcu", i18n::trKey("kpi.pcu")},
        {"conversion_rate", i18n::trKey("kpi.conversion")},
        {"uv_value_cents", i18n::trKey("kpi.uv_value")},
        {"gpm_cents", i18n::trKey("kpi.gpm")},
        {"engagement_rate", i18n::trKey("kpi.engagement")},
    };
    for (const auto& [name, nameKey] : kNames)
        if (key == name) return nameKey;
    return nullptr;
}

std::string kpiName(std::string_view key, i18n::Language language, const std::string& fallback) {
    if (const char* nameKey = kpiNameKey(key)) return i18n::tr(language, nameKey);
    constexpr std::string_view kUnits = "units:";
    if (key.substr(0, kUnits.size()) == kUnits)
        return i18n::formatText(i18n::tr(language, i18n::trKey("kpi.units")),
                                {{"sku", std::string(key.substr(kUnits.size()))}});
    return fallback;
}

std::string targetStatus(double actual, double target) {
    if (!(target > 0)) return "none";
    const double behind = 1.0 - actual / target;
    if (behind >= 0.15) return "red";
    if (behind >= 0.08) return "amber";
    return "green";
}

json kpisAgainstTargets(const MetricsSummary& s, const SessionMetrics& metrics,
                        const std::string& targetsJson, double paceFraction) {
    json targets = json::parse(targetsJson.empty() ? "{}" : targetsJson, nullptr, false);
    if (!targets.is_object()) targets = json::object();
    json kpis = json::array();
    auto tile = [&](const std::string& key, const std::string& label, const json& value,
                    const std::optional<double>& target, bool paced) {
        json item = {
            {"key", key}, {"label", label}, {"value", value}, {"target", nullptr}, {"status", "none"}};
        if (target) {
            const double goal = paced ? *target * paceFraction : *target;
            item["target"] = goal;
            const std::optional<double> actual = json_read::numberOf(value);
            item["status"] = actual ? targetStatus(*actual, goal) : "red";
        }
        kpis.push_back(std::move(item));
    };
    auto number = [&](const char* key) { return json_read::numberAt(targets, key); };
    tile("gmv_cents", "GMV", s.gmvCents, number("gmv_cents"), true);
    tile("uv", "UV", s.uv, number("uv"), true);
    tile("online", "Online now", s.present, std::nullopt, false);
    tile("pcu", "Peak viewers", s.pcu, std::nullopt, false);
    // A rate is not paced: 3 % is 3 % at any point of the show.
    tile("conversion_rate", "Conversion", ratioJson(s.conversionRate), number("conversion_rate"), false);
    tile("uv_value_cents", "UV value", ratioJson(s.uvValueCents), std::nullopt, false);
    tile("gpm_cents", "GPM", ratioJson(s.gpmCents), std::nullopt, false);
    tile("engagement_rate", "Engagement", ratioJson(s.engagementRate), std::nullopt, false);
    if (const json& units = json_read::memberOf(targets, "units"); units.is_object()) {
        for (const auto& [sku, goal] : units.items()) {
            const std::optional<double> wanted = json_read::numberOf(goal);
            if (!wanted) continue;
            auto product = metrics.products().find(sku);
            const int64_t sold = product == metrics.products().end() ? 0 : product->second.units;
            tile("units:" + sku, sku + " units", sold, wanted, true);
        }
    }
    return kpis;
}

} // namespace hawker::studio
