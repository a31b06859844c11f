// One table names the KPIs for every part (the dashboard, the review, the alerts, the HTML page).
#include <gtest/gtest.h>

#include "hawker/studio/analytics/kpi_targets.hpp"

using namespace hawker::studio;
using i18n::Language;

TEST(KpiNames, EachTileIsNamedInBothLanguagesFromOneTable) {
    for (const char* key : {"gmv_cents", "uv", "online", "pcu", "conversion_rate", "uv_value_cents",
                            "gpm_cents", "engagement_rate"}) {
        ASSERT_NE(kpiNameKey(key), nullptr) << key;
        EXPECT_NE(kpiName(key, Language::ZhCN, "?"), kpiName(key, Language::En, "?")) << key;
    }
    EXPECT_EQ(kpiName("gmv_cents", Language::ZhCN, "?"), "成交额 GMV");
    EXPECT_EQ(kpiName("conversion_rate", Language::En, "?"), "Conversion");
    EXPECT_EQ(kpiName("units:SERUM-50", Language::ZhCN, "?"), "SERUM-50 销量");
    EXPECT_EQ(kpiName("units:SERUM-50", Language::En, "?"), "SERUM-50 units");
    // A key added later keeps the name it was stored with.
    EXPECT_EQ(kpiNameKey("refund_rate"), nullptr);
    EXPECT_EQ(kpiName("refund_rate", Language::ZhCN, "Refund rate"), "Refund rate");
}
