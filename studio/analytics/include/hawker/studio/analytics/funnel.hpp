#pragma once
// The conversion funnel of docs/DESIGN.md: viewers → clicked a product → added to
// cart → placed an order → paid, each step with its share of the step before and
// of the viewers. One table of steps and one rule for their rates, used by the
// live dashboard, the console's review and the HTML report alike.
//
// A step can count more people than the step before: a platform that sends no
// cart events, orders that arrive from an export or a webhook for viewers who
// were never seen watching. A share over 100 % ("2500 % of the previous step")
// would be read as a result; such a step is "not comparable", with the reason.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace hawker::studio {

struct FunnelStepName {
    const char* key; ///< the summary metric: "uv", "product_click_uv", …
    const char* en;
    const char* zh;
};

/// The five steps, in order.
const std::array<FunnelStepName, 5>& funnelStepNames();
/// The step named by a summary key; nullptr for any other key.
const FunnelStepName* funnelStepName(std::string_view key);
/// The step's name in the current language (the console's; the HTML page gives both); the key itself for
/// a key that is no step.
std::string funnelStepLabel(std::string_view key);

struct FunnelStep {
    std::string key;
    double count = 0;
    std::optional<double>
        ofPrevious; ///< count ÷ the step before; none for the first step or when not comparable
    std::optional<double> ofViewers; ///< count ÷ viewers; none when not comparable
    std::string notComparable;       ///< why there is no share ("" when the shares stand)
};

/// The steps from a summary's JSON (summaryJson's keys); a step the summary
/// lacks is left out.
std::vector<FunnelStep> funnelSteps(const nlohmann::json& summary);

/// [{"key","count","of_previous","of_viewers","not_comparable"}]: null shares where there are none.
nlohmann::json funnelJson(const std::vector<FunnelStep>& steps);

} // namespace hawker::studio
