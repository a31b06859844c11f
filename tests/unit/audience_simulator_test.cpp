#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

#include "hawker/studio/analytics/audience_simulator.hpp"

using namespace hawker::studio;
using nlohmann::json;

namespace {

constexpr int64_t kStart = 1'700'000'000'000; // UTC ms
constexpr int64_t kStepMs = 500;
constexpr int64_t kBlockMs = 120000; // the demo rundown shows each card for two minutes

const std::vector<SimProduct> kCatalog{{"TEA", 2900},    {"MASK", 5900},  {"SERUM", 19900}, {"BAG", 89900},
                                       {"SHOES", 39900}, {"SNACK", 4900}, {"CREAM", 12900}, {"TOWEL", 3900}};
constexpr int64_t kDealPrice = 9900; // SERUM's flash price

int64_t catalogPrice(const std::string& sku) {
    for (const SimProduct& product : kCatalog)
        if (product.sku == sku) return product.priceCents;
    return 0;
}

SimulatorConfig config(uint64_t seed) {
    SimulatorConfig c;
    c.seed = seed;
    c.products = kCatalog;
    return c;
}

/// What the show puts on air `offset` ms after its start; `remaining` is the flash stock the caller keeps.
using Rundown = std::function<OnAirView(int64_t offset, int64_t remaining)>;

/// A card on air for two minutes each, every eighth block nothing on air.
OnAirView rotatingCards(int64_t offset) {
    OnAirView view;
    view.scene = "main";
    const int64_t block = offset / kBlockMs;
    view.msSinceLastChange = offset % kBlockMs;
    if (block % 8 != 7) {
        const SimProduct& product = kCatalog[static_cast<size_t>(block) % kCatalog.size()];
        view.cardSku = product.sku;
        view.cardPriceCents = product.priceCents;
    }
    return view;
}

/// How the caller takes flash stock off: on order_created, or on the first order_paid of an order.
enum class StockOn { Created, Paid };

struct ShowRun {
    std::vector<json> events;
    std::vector<size_t> callSizes; ///< events per advance() call, the last entry is finish()
    int64_t endMs = 0;
    int64_t flashOversold = 0; ///< units one call created or paid beyond that call's offerRemaining
    int64_t stockLeft = 0;
};

ShowRun runShow(uint64_t seed, int64_t durationMs, const Rundown& rundown, int64_t stock = 0,
                StockOn stockOn = StockOn::Paid) {
    AudienceSimulator sim(config(seed));
    ShowRun run;
    run.endMs = kStart + durationMs;
    int64_t remaining = stock;
    std::set<std::string> paidOrders;
    for (int64_t t = kStart; t <= run.endMs; t += kStepMs) {
        const OnAirView view = rundown(t - kStart, remaining);
        std::vector<json> got = sim.advance(t, view);
        int64_t created = 0, paid = 0;
        for (const json& e : got) {
            const bool order = e["type"] == "order_created" || e["type"] == "order_paid";
            if (!order || view.offerSku.empty() || e["sku"] != view.offerSku) continue;
            if (e["amount_cents"] != e["qty"].get<int64_t>() * view.offerPriceCents) continue;
            if (e["type"] == "order_created") created += e["qty"].get<int64_t>();
            if (e["type"] == "order_paid" && paidOrders.insert(e["order_id"].get<std::string>()).second)
                paid += e["qty"].get<int64_t>();
        }
        if (!view.offerSku.empty())
            run.flashOversold += std::max<int64_t>(0, std::max(created, paid) - view.offerRemaining);
        remaining -= stockOn == StockOn::Created ? created : paid;
        run.callSizes.push_back(got.size());
        run.events.insert(run.events.end(), got.begin(), got.end());
    }
    std::vector<json> last = sim.finish(run.endMs);
    EXPECT_EQ(sim.present(), 0u);
    run.callSizes.push_back(last.size());
    run.events.insert(run.events.end(), last.begin(), last.end());
    run.stockLeft = remaining;
    return run;
}

/// The standard test show: 30 minutes of rotating cards with one flash sale of SERUM (countdown at minute
/// 20, on sale from 21:00 to 22:30 or until sold out).
OnAirView standardShow(int64_t offset, int64_t remaining) {
    OnAirView view = rotatingCards(offset);
    if (offset >= 20 * 60000 && offset < 21 * 60000) {
        view.prelaunch = true;
        view.msSinceLastChange = offset - 20 * 60000;
    } else if (offset >= 21 * 60000 && offset < 22 * 60000 + 30000 && remaining > 0) {
        view.cardSku = "SERUM";
        view.cardPriceCents = catalogPrice("SERUM");
        view.offerSku = "SERUM";
        view.offerPriceCents = kDealPrice;
        view.offerRemaining = remaining;
        view.msSinceLastChange = offset - 21 * 60000;
    }
    return view;
}

constexpr int64_t kStandardStock = 20; // 限量20单

const ShowRun& standardRun() {
    static const ShowRun run = runShow(7, 30 * 60000, standardShow, kStandardStock);
    return run;
}

/// docs/DESIGN.md metrics recomputed from the events, just the ones these tests need.
struct Figures {
    int64_t pv = 0, uv = 0, buyers = 0, paidOrders = 0, clicks = 0;
    double watchSeconds = 0;
    double conversion() const { return uv ? static_cast<double>(buyers) / static_cast<double>(uv) : 0; }
    double avgWatch() const { return uv ? watchSeconds / static_cast<double>(uv) : 0; }
};

Figures figures(const std::vector<json>& events, int64_t fromMs, int64_t toMs) {
    Figures f;
    std::set<std::string> viewers, buyers, orders;
    std::map<std::string, int64_t> presentSince;
    int64_t watchMs = 0;
    for (const json& e : events) {
        const int64_t ts = e["ts"].get<int64_t>();
        const std::string type = e["type"];
        const std::string viewer = e.value("viewer", "");
        if (type == "view_start") {
            ++f.pv;
            viewers.insert(viewer);
            presentSince.emplace(viewer, ts); // already present: counts toward pv only
        } else if (type == "view_end") {
            auto found = presentSince.find(viewer);
            if (found == presentSince.end()) continue;
            watchMs += std::min(ts, toMs) - std::max(found->second, fromMs);
            presentSince.erase(found);
        } else if (type == "order_paid" && ts >= fromMs && ts <= toMs) {
            if (orders.insert(e["order_id"].get<std::string>()).second) buyers.insert(viewer);
        } else if (type == "product_click" && ts >= fromMs && ts <= toMs) {
            ++f.clicks;
        }
    }
    for (const auto& [viewer, since] : presentSince)
        watchMs += toMs - std::max(since, fromMs);
    f.uv = static_cast<int64_t>(viewers.size());
    f.buyers = static_cast<int64_t>(buyers.size());
    f.paidOrders = static_cast<int64_t>(orders.size());
    f.watchSeconds = static_cast<double>(watchMs) / 1000.0;
    return f;
}

/// Paid orders (first order_paid per order id) with their paid ts in [fromMs, toMs).
int64_t paidOrdersBetween(const std::vector<json>& events, int64_t fromMs, int64_t toMs) {
    std::set<std::string> seen;
    int64_t count = 0;
    for (const json& e : events) {
        if (e["type"] != "order_paid" || !seen.insert(e["order_id"].get<std::string>()).second) continue;
        const int64_t ts = e["ts"].get<int64_t>();
        if (ts >= fromMs && ts < toMs) ++count;
    }
    return count;
}

bool isString(const json& e, const char* key) {
    return e.contains(key) && e[key].is_string();
}
bool isPositiveInt(const json& e, const char* key) {
    return e.contains(key) && e[key].is_number_integer() && e[key].get<int64_t>() > 0;
}

} // namespace

TEST(AudienceSimulator, SameSeedGivesIdenticalStreams) {
    const ShowRun a = runShow(42, 5 * 60000, standardShow, 30);
    const ShowRun b = runShow(42, 5 * 60000, standardShow, 30);
    ASSERT_GT(a.events.size(), 100u);
    EXPECT_EQ(a.callSizes, b.callSizes);
    EXPECT_TRUE(a.events == b.events);
}

TEST(AudienceSimulator, DifferentSeedGivesDifferentStreams) {
    const ShowRun a = runShow(42, 5 * 60000, standardShow, 30);
    const ShowRun b = runShow(43, 5 * 60000, standardShow, 30);
    EXPECT_FALSE(a.events == b.events);
}

TEST(AudienceSimulator, ThirtyMinuteShowHasRealisticConversionAndWatchTime) {
    const ShowRun& run = standardRun();
    const Figures f = figures(run.events, kStart, run.endMs);
    std::printf("  pv %lld, uv %lld, buyers %lld, paid orders %lld, conversion %.4f, avg watch %.1f s\n",
                static_cast<long long>(f.pv), static_cast<long long>(f.uv), static_cast<long long>(f.buyers),
                static_cast<long long>(f.paidOrders), f.conversion(), f.avgWatch());
    EXPECT_GT(f.pv, f.uv) << "some viewers come back";
    EXPECT_GE(f.conversion(), 0.01);
    EXPECT_LE(f.conversion(), 0.04);
    EXPECT_GE(f.avgWatch(), 60);
    EXPECT_LE(f.avgWatch(), 120);
}

TEST(AudienceSimulator, EventsAreWellFormed) {
    const ShowRun& run = standardRun();
    std::set<std::string> ids, types;
    std::map<std::string, std::string> paidViewer; // order id → viewer
    int64_t lastTs = kStart;
    for (const json& e : run.events) {
        ASSERT_TRUE(isString(e, "id") && isString(e, "type") && e["ts"].is_number_integer()) << e.dump();
        EXPECT_TRUE(ids.insert(e["id"].get<std::string>()).second) << "duplicate id " << e.dump();
        const int64_t ts = e["ts"].get<int64_t>();
        EXPECT_GE(ts, lastTs) << e.dump();
        EXPECT_LE(ts, run.endMs) << e.dump();
        lastTs = ts;
        EXPECT_EQ(e["platform"], "douyin");
        const std::string type = e["type"];
        types.insert(type);
        if (type != "refund") {
            ASSERT_TRUE(isString(e, "viewer")) << e.dump();
            const std::string viewer = e["viewer"];
            EXPECT_TRUE(viewer.size() >= 7 && viewer[0] == 'v') << viewer;
        }
        if (type == "comment") {
            EXPECT_TRUE(isString(e, "text") && !e["text"].get<std::string>().empty()) << e.dump();
        } else if (type == "like") {
            EXPECT_TRUE(isPositiveInt(e, "count")) << e.dump();
        } else if (type == "product_click") {
            EXPECT_TRUE(isString(e, "sku") && catalogPrice(e["sku"]) > 0) << e.dump();
        } else if (type == "add_to_cart") {
            EXPECT_TRUE(isString(e, "sku") && isPositiveInt(e, "qty")) << e.dump();
        } else if (type == "order_created" || type == "order_paid") {
            ASSERT_TRUE(isString(e, "order_id") && isString(e, "sku") && isPositiveInt(e, "qty") &&
                        isPositiveInt(e, "amount_cents"))
                << e.dump();
            const int64_t qty = e["qty"], amount = e["amount_cents"];
            const std::string sku = e["sku"];
            const bool listPrice = amount == qty * catalogPrice(sku);
            const bool dealPrice = sku == "SERUM" && amount == qty * kDealPrice;
            EXPECT_TRUE(listPrice || dealPrice) << "amount is not price × qty: " << e.dump();
            if (type == "order_paid") paidViewer.emplace(e["order_id"], e["viewer"]);
        } else if (type == "refund") {
            ASSERT_TRUE(isString(e, "order_id") && isPositiveInt(e, "amount_cents")) << e.dump();
            EXPECT_TRUE(paidViewer.count(e["order_id"])) << "refund of an order never paid: " << e.dump();
        } else if (type == "coupon_issued" || type == "coupon_redeemed") {
            EXPECT_TRUE(isString(e, "coupon")) << e.dump();
        } else {
            EXPECT_TRUE(type == "view_start" || type == "view_end" || type == "share" || type == "follow")
                << "unknown type " << type;
        }
    }
    for (const char* type : {"view_start", "view_end", "like", "comment", "share", "follow", "product_click",
                             "add_to_cart", "order_created", "order_paid", "coupon_issued"})
        EXPECT_TRUE(types.count(type)) << "no " << type << " in a 30-minute show";
}

TEST(AudienceSimulator, ActionsHappenOnlyWhilePresent) {
    const ShowRun& run = standardRun();
    std::set<std::string> present;
    for (const json& e : run.events) {
        const std::string type = e["type"];
        if (type == "view_start") {
            EXPECT_TRUE(present.insert(e["viewer"]).second) << "view_start while present: " << e.dump();
        } else if (type == "view_end") {
            EXPECT_EQ(present.erase(e["viewer"]), 1u) << "view_end while away: " << e.dump();
        } else if (type == "like" || type == "comment" || type == "share" || type == "follow" ||
                   type == "product_click") {
            EXPECT_TRUE(present.count(e["viewer"])) << "action while away: " << e.dump();
        }
    }
    EXPECT_TRUE(present.empty()) << "finish() leaves nobody present";
}

TEST(AudienceSimulator, RetriedWebhookRepeatsTheOrderUnderANewId) {
    // Enough shows for a rare retry to occur; the retry must copy the paid order exactly.
    int retries = 0;
    for (uint64_t seed : {7, 1, 2}) {
        const ShowRun run =
            seed == 7 ? standardRun() : runShow(seed, 30 * 60000, standardShow, kStandardStock);
        std::map<std::string, json> firstPaid;
        for (const json& e : run.events) {
            if (e["type"] != "order_paid") continue;
            auto [found, inserted] = firstPaid.emplace(e["order_id"], e);
            if (inserted) continue;
            ++retries;
            EXPECT_NE(found->second["id"], e["id"]);
            for (const char* key : {"viewer", "sku", "qty", "amount_cents"})
                EXPECT_EQ(found->second[key], e[key]) << key;
        }
    }
    EXPECT_GT(retries, 0);
}

TEST(AudienceSimulator, CardOnAirDrivesClicks) {
    const auto withCard = [](int64_t offset, int64_t) {
        OnAirView view;
        view.scene = "main";
        const SimProduct& product = kCatalog[static_cast<size_t>(offset / kBlockMs) % kCatalog.size()];
        view.cardSku = product.sku;
        view.cardPriceCents = product.priceCents;
        view.msSinceLastChange = offset % kBlockMs;
        return view;
    };
    const auto nothing = [](int64_t offset, int64_t) {
        OnAirView view;
        view.scene = "main";
        view.msSinceLastChange = offset % kBlockMs; // the scene still changes: only the card is missing
        return view;
    };
    const int64_t duration = 20 * 60000;
    const Figures card = figures(runShow(5, duration, withCard).events, kStart, kStart + duration);
    const Figures none = figures(runShow(5, duration, nothing).events, kStart, kStart + duration);
    const double minutes = static_cast<double>(duration) / 60000;
    std::printf("  clicks/min with a card %.1f, with nothing on air %.1f\n",
                static_cast<double>(card.clicks) / minutes, static_cast<double>(none.clicks) / minutes);
    EXPECT_GT(card.clicks, 3 * none.clicks);
    EXPECT_GT(none.clicks, 0) << "viewers still open the shopping bag";
}

TEST(AudienceSimulator, FlashSaleDrivesOrdersWithinStock) {
    // 10 minutes of cards, then a flash sale for 3 minutes with a big stock, then cards again.
    const int64_t saleFrom = 10 * 60000, saleTo = 13 * 60000;
    const auto rundown = [&](int64_t offset, int64_t remaining) {
        OnAirView view = rotatingCards(offset);
        if (offset >= saleFrom && offset < saleTo) {
            view.cardSku = "SERUM";
            view.cardPriceCents = catalogPrice("SERUM");
            view.offerSku = "SERUM";
            view.offerPriceCents = kDealPrice;
            view.offerRemaining = remaining;
            view.msSinceLastChange = offset - saleFrom;
        }
        return view;
    };
    const ShowRun run = runShow(11, 20 * 60000, rundown, 10000);
    const double saleOrders =
        static_cast<double>(paidOrdersBetween(run.events, kStart + saleFrom, kStart + saleTo)) / 3.0;
    const double otherOrders =
        static_cast<double>(paidOrdersBetween(run.events, kStart, kStart + saleFrom)) / 10.0;
    std::printf("  paid orders/min during the flash sale %.1f, before it %.1f\n", saleOrders, otherOrders);
    EXPECT_GT(saleOrders, 4 * std::max(otherOrders, 0.25));
    EXPECT_EQ(run.flashOversold, 0);
}

TEST(AudienceSimulator, FlashSaleNeverSellsMoreThanTheStock) {
    const auto rundown = [](int64_t offset, int64_t remaining) {
        OnAirView view = rotatingCards(offset);
        if (offset >= 60000 && remaining > 0) {
            view.cardSku = "SERUM";
            view.offerSku = "SERUM";
            view.offerPriceCents = kDealPrice;
            view.offerRemaining = remaining;
            view.offerPerBuyerLimit = 1;
        }
        return view;
    };
    for (StockOn stockOn : {StockOn::Paid, StockOn::Created}) {
        const int64_t stock = 25;
        const ShowRun run = runShow(3, 6 * 60000, rundown, stock, stockOn);
        EXPECT_EQ(run.flashOversold, 0);
        EXPECT_GE(run.stockLeft, 0);
        // Count every deal-price unit the stream sold, however the caller kept its books.
        std::set<std::string> orders;
        std::map<std::string, int64_t> perBuyer;
        int64_t sold = 0;
        for (const json& e : run.events) {
            if (e["type"] != "order_created" || e["sku"] != "SERUM" ||
                e["amount_cents"] != kDealPrice * e["qty"].get<int64_t>())
                continue;
            sold += e["qty"].get<int64_t>();
            perBuyer[e["viewer"]] += e["qty"].get<int64_t>();
        }
        EXPECT_LE(sold, stock);
        EXPECT_GE(sold, stock / 2) << "a hot deal sells most of its stock";
        for (const auto& [viewer, units] : perBuyer)
            EXPECT_LE(units, 1) << viewer << " is over the per-buyer limit";
    }
}

TEST(AudienceSimulator, FinishClosesEveryPresence) {
    AudienceSimulator sim(config(9));
    std::map<std::string, int> open;
    const auto track = [&](const std::vector<json>& events) {
        for (const json& e : events) {
            if (e["type"] == "view_start") ++open[e["viewer"]];
            if (e["type"] == "view_end" && --open[e["viewer"]] == 0) open.erase(e["viewer"]);
        }
    };
    for (int64_t t = kStart; t <= kStart + 3 * 60000; t += 1000)
        track(sim.advance(t, rotatingCards(t - kStart)));
    ASSERT_GT(sim.present(), 0u);
    EXPECT_EQ(open.size(), sim.present());
    const std::vector<json> last = sim.finish(kStart + 3 * 60000 + 250);
    track(last);
    EXPECT_TRUE(open.empty());
    EXPECT_EQ(sim.present(), 0u);
    for (const json& e : last)
        EXPECT_LE(e["ts"].get<int64_t>(), kStart + 3 * 60000 + 250);
    EXPECT_TRUE(sim.advance(kStart + 4 * 60000, rotatingCards(0)).empty()) << "the show is over";
    EXPECT_TRUE(sim.finish(kStart + 5 * 60000).empty());
}

TEST(AudienceSimulator, ClockOnlyMovesForward) {
    AudienceSimulator sim(config(1));
    EXPECT_TRUE(sim.advance(kStart, rotatingCards(0)).empty()) << "the first call starts the clock";
    std::vector<json> events;
    for (int64_t t = kStart + 1000; t <= kStart + 60000; t += 1000)
        for (json& e : sim.advance(t, rotatingCards(t - kStart)))
            events.push_back(std::move(e));
    ASSERT_FALSE(events.empty());
    EXPECT_TRUE(sim.advance(kStart + 30000, rotatingCards(0)).empty());
    EXPECT_TRUE(sim.advance(kStart + 60000, rotatingCards(0)).empty());
    for (const json& e : events)
        EXPECT_GE(e["ts"].get<int64_t>(), kStart);
}

TEST(AudienceSimulator, MaxViewersBoundsPresence) {
    SimulatorConfig c = config(2);
    c.arrivalsPerMinute = 6000;
    c.maxViewers = 50;
    AudienceSimulator sim(c);
    size_t peak = 0;
    for (int64_t t = kStart; t <= kStart + 5 * 60000; t += 500) {
        sim.advance(t, rotatingCards(t - kStart));
        peak = std::max(peak, sim.present());
    }
    EXPECT_EQ(peak, 50u);
}

TEST(AudienceSimulator, OneLongStepMatchesTheShapeOfManySmallOnes) {
    // A caller that stalls and then advances a minute at once still gets a minute of audience.
    AudienceSimulator sim(config(4));
    sim.advance(kStart, rotatingCards(0));
    const std::vector<json> events = sim.advance(kStart + 60000, rotatingCards(0));
    int64_t starts = 0;
    for (const json& e : events)
        starts += e["type"] == "view_start";
    EXPECT_GT(starts, 30);
    EXPECT_LT(starts, 120);
}

TEST(AudienceSimulator, PresencesNeverHaveZeroLength) {
    // Tiny steps and a crowd: arrivals land on step boundaries, and finish() comes right after one. A
    // view_end at its own view_start's ts would sort first (docs/DESIGN.md) and leave the presence open.
    SimulatorConfig c = config(8);
    c.arrivalsPerMinute = 3000;
    AudienceSimulator sim(c);
    std::map<std::string, int64_t> since;
    const auto check = [&](const std::vector<json>& events) {
        for (const json& e : events) {
            if (e["type"] == "view_start") {
                EXPECT_TRUE(since.emplace(e["viewer"], e["ts"]).second) << e.dump();
            } else if (e["type"] == "view_end") {
                auto found = since.find(e["viewer"]);
                ASSERT_NE(found, since.end()) << e.dump();
                EXPECT_GT(e["ts"].get<int64_t>(), found->second) << e.dump();
                since.erase(found);
            }
        }
    };
    int64_t t = kStart;
    for (; t <= kStart + 2 * 60000; t += 3)
        check(sim.advance(t, rotatingCards(t - kStart)));
    check(sim.finish(t - 3));
    EXPECT_TRUE(since.empty());

    // A rush of viewers in the very last milliseconds before finish().
    c.arrivalsPerMinute = 600000;
    AudienceSimulator rush(c);
    rush.advance(kStart, rotatingCards(0));
    check(rush.advance(kStart + 2, rotatingCards(2)));
    check(rush.finish(kStart + 2));
    EXPECT_TRUE(since.empty());
}
