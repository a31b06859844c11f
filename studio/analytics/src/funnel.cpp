#include "hawker/studio/analytics/funnel.hpp"

#include <nlohmann/json.hpp>

#include "hawker/studio/base/json_read.hpp"
#include "hawker/studio/base/translations.hpp"

namespace hawker::studio {

using nlohmann::json;

const std::array<FunnelStepName, 5>& funnelStepNames() {
    static const std::array<FunnelStepName, 5> names{
        {{"uv", "Viewers", "场观人数"},
         {"product_click_uv", "Clicked a product", "商品点击人数"},
         {"add_to_cart_uv", "Added to cart", "加购人数"},
         {"order_created_uv", "Placed an order", "下单人数"},
         {"buyers", "Paid", "成交人数"}}};
    return names;
}

const FunnelStepName* funnelStepName(std::string_view key) {
    for (const FunnelStepName& name : funnelStepNames())
        if (key == name.key) return &name;
    return nullptr;
}

std::string funnelStepLabel(std::string_view key) {
    const FunnelStepName* name = funnelStepName(key);
    if (!name) return std::string(key);
    return i18n::currentLanguage() == i18n::Language::ZhCN ? name->zh : name->en;
}

namespace {

std::string stepText(const std::string& key) {
    const FunnelStepName* name = funnelStepName(key);
    return name ? std::string(name->en) + " " + name->zh : key;
}

} // namespace

std::vector<FunnelStep> funnelSteps(const json& summary) {
    std::vector<FunnelStep> steps;
    std::optional<double> viewers;
    for (const FunnelStepName& name : funnelStepNames()) {
        const std::optional<double> count = json_read::numberAt(summary, name.key);
        if (!count) continue;
        FunnelStep step{name.key, *count, std::nullopt, std::nullopt, {}};
        if (steps.empty()) {
            viewers = *count;
            steps.push_back(std::move(step));
            continue;
        }
        const FunnelStep& before = steps.back();
        if (before.count <= 0 && step.count > 0) {
            step.notComparable = "not comparable 不可比: no " + stepText(before.key) +
                                 " was counted (the platform sent no such events)";
        } else if (step.count > before.count) {
            step.notComparable =
                "not comparable 不可比: more than " + stepText(before.key) +
                " (some came without that step's event, e.g. orders from an export or a webhook)";
        } else if (viewers && step.count > *viewers) {
            step.notComparable =
                "not comparable 不可比: more than the viewers (buyers who were never seen watching)";
        }
        if (step.notComparable.empty()) {
            if (before.count > 0) step.ofPrevious = step.count / before.count;
            if (viewers && *viewers > 0) step.ofViewers = step.count / *viewers;
        }
        steps.push_back(std::move(step));
    }
    return steps;
}

json funnelJson(const std::vector<FunnelStep>& steps) {
    json out = json::array();
    for (const FunnelStep& s : steps)
        out.push_back({{"key", s.key},
                       {"count", s.count},
                       {"of_previous", s.ofPrevious ? json(*s.ofPrevious) : json(nullptr)},
                       {"of_viewers", s.ofViewers ? json(*s.ofViewers) : json(nullptr)},
                       {"not_comparable", s.notComparable}});
    return out;
}

} // namespace hawker::studio
