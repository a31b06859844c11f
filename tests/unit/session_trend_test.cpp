// Trends across sessions: which sessions a range, a title and a tag choose, and the totals by title and tag
// (ratios from the summed parts, not averaged).

#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "hawker/studio/report/session_trend.hpp"
#include "hawker/studio/store/event_store.hpp"
#include "hawker/studio/store/session_store.hpp"

#include "session_metrics_fixtures.hpp"
#include "temp_db.hpp"

using namespace hawker::studio;
using namespace hawker::studio::metrics_fixtures;

namespace {

constexpr int64_t kDay = 86'400'000;

/// A session of `viewers` viewers, `buyers` of whom pay ¥99 each; ended after 10 minutes.
int64_t session(Database& db, const std::string& title, const std::string& tag, int64_t start, int viewers,
                int buyers, bool rehearsal = false, const std::string& host = "",
                const std::string& sku = "S1") {
    SessionStore sessions(db);
    const int64_t id = sessions.create(title, tag, start, rehearsal).id;
    if (!host.empty()) sessions.setHost(id, host);
    std::vector<ViewerEvent> events;
    for (int v = 1; v <= viewers; ++v)
        events.push_back(viewStart(start + v * kSec, v));
    for (int b = 1; b <= buyers; ++b)
        events.push_back(orderPaid(start + 60 * kSec + b, b,
                                   "o" + std::to_string(id) + "-" + std::to_string(b), sku, 1, 9900));
    db.transaction([&] { EventStore(db).insert(id, events, start + kMin); });
    sessions.end(id, start + 10 * kMin);
    return id;
}

} // namespace

TEST(SessionTrend, ARangeATitleAndATagChooseTheSessions) {
    TempDb temp("trend");
    Database db(temp.path);
    const int64_t old = session(db, "护肤专场", "beauty", kS - 30 * kDay, 10, 1); // before the range
    const int64_t a = session(db, "护肤专场", "beauty", kS, 100, 4);
    const int64_t b = session(db, "面霜夜", "beauty", kS + kDay, 50, 3);
    const int64_t c = session(db, "零食节", "food", kS + 2 * kDay, 20, 2);
    session(db, "护肤专场", "beauty", kS + 3 * kDay, 10, 1, true); // a rehearsal
    (void)old;

    TrendOptions options;
    options.sinceUtcMs = kS - kDay;
    options.untilUtcMs = kS + 10 * kDay;
    const nlohmann::json all = buildTrend(db, options);
    ASSERT_EQ(all["sessions"].size(), 3u); // not the old one, not the rehearsal
    EXPECT_EQ(all["sessions"][0]["id"], a);
    EXPECT_EQ(all["sessions"][0]["gmv_cents"], 4 * 9900);
    EXPECT_EQ(all["sessions"][1]["uv"], 50);
    EXPECT_EQ(all["sessions"][2]["id"], c);

    options.tag = "beauty";
    const nlohmann::json beauty = buildTrend(db, options);
    ASSERT_EQ(beauty["sessions"].size(), 2u);
    ASSERT_EQ(beauty["by_tag"].size(), 1u);
    const nlohmann::json& tag = beauty["by_tag"][0];
    EXPECT_EQ(tag["sessions"], 2);
    EXPECT_EQ(tag["gmv_cents"], 7 * 9900);
    EXPECT_EQ(tag["uv"], 150);
    EXPECT_DOUBLE_EQ(tag["conversion_rate"].get<double>(),
                     7.0 / 150.0); // summed parts, not 4 % and 6 % averaged
    ASSERT_EQ(beauty["by_title"].size(), 2u);
    EXPECT_EQ(beauty["products"][0]["sku"], "S1");
    EXPECT_EQ(beauty["products"][0]["sessions"].size(), 2u);
    EXPECT_EQ(beauty["products"][0]["sessions"][1]["id"], b);

    options.includeRehearsals = true;
    EXPECT_EQ(buildTrend(db, options)["sessions"].size(), 3u);

    const std::string html = renderTrendHtml(beauty);
    EXPECT_NE(html.find("data-metric=\"conversion_rate\""), std::string::npos);
    EXPECT_NE(html.find("beauty"), std::string::npos);
    options.tag = "nothing";
    EXPECT_NE(renderTrendHtml(buildTrend(db, options)).find("No session in this range"), std::string::npos);
}

TEST(SessionTrend, AHostAndAProductChooseTheSessionsAndHostsAreTotalled) {
    TempDb temp("trend-host");
    Database db(temp.path);
    const int64_t a = session(db, "护肤专场", "beauty", kS, 100, 4, false, "小美");
    const int64_t b = session(db, "面霜夜", "beauty", kS + kDay, 50, 3, false, "阿杰", "S2");
    const int64_t c = session(db, "零食节", "food", kS + 2 * kDay, 20, 2, false, "小美", "S2");
    session(db, "无主播", "food", kS + 3 * kDay, 10, 1);

    TrendOptions options;
    options.sinceUtcMs = kS - kDay;
    options.untilUtcMs = kS + 10 * kDay;
    const nlohmann::json all = buildTrend(db, options);
    ASSERT_EQ(all["sessions"].size(), 4u);
    EXPECT_EQ(all["sessions"][0]["host"], "小美");
    EXPECT_EQ(all["sessions"][3]["host"], "");
    ASSERT_EQ(all["by_host"].size(), 2u) << "a session without a host is in no host's total";
    const nlohmann::json& ajie = all["by_host"][0]["host"] == "阿杰" ? all["by_host"][0] : all["by_host"][1];
    const nlohmann::json& xiaomei =
        all["by_host"][0]["host"] == "小美" ? all["by_host"][0] : all["by_host"][1];
    EXPECT_EQ(xiaomei["sessions"], 2);
    EXPECT_EQ(xiaomei["gmv_cents"], 6 * 9900);
    EXPECT_EQ(xiaomei["uv"], 120);
    EXPECT_DOUBLE_EQ(xiaomei["conversion_rate"].get<double>(), 6.0 / 120.0);
    EXPECT_EQ(ajie["sessions"], 1);

    options.host = "小美";
    const nlohmann::json host = buildTrend(db, options);
    EXPECT_EQ(host["host"], "小美");
    ASSERT_EQ(host["sessions"].size(), 2u);
    EXPECT_EQ(host["sessions"][0]["id"], a);
    EXPECT_EQ(host["sessions"][1]["id"], c);

    options.host.clear();
    options.sku = "S2";
    const nlohmann::json product = buildTrend(db, options);
    ASSERT_EQ(product["sessions"].size(), 2u) << "only the sessions that sold S2";
    EXPECT_EQ(product["sessions"][0]["id"], b);
    ASSERT_EQ(product["products"].size(), 1u);
    EXPECT_EQ(product["products"][0]["sku"], "S2");
    EXPECT_EQ(product["products"][0]["sessions"][1]["units"], 2);

    const std::string html = renderTrendHtml(all);
    EXPECT_NE(html.find("data-group=\"host\""), std::string::npos);
    EXPECT_NE(html.find("<td>阿杰</td>"), std::string::npos);
}
