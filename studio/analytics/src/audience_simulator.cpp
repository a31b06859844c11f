#include "hawker/studio/analytics/audience_simulator.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace hawker::studio {

namespace {

// Simulating in chunks of at most a second keeps a long gap between calls from being one coarse step, and
// bounds the Poisson means.
constexpr int64_t kChunkMs = 1000;
constexpr double kMinuteMs = 60000.0;

/// A viewer trait: the share of viewers in each class and the factor it puts on their rate.
struct TraitClass {
    double share;
    double factor;
};
// Most viewers lurk; a few do most of the liking and chatting.
constexpr std::array<TraitClass, 3> kChatter{{{0.55, 0.25}, {0.35, 1.0}, {0.10, 3.0}}};
// Most viewers browse; a few came to shop and do most of the clicking.
constexpr std::array<TraitClass, 3> kIntent{{{0.70, 0.5}, {0.25, 1.5}, {0.05, 3.0}}};
constexpr double kTraitMax = 3.0; // the largest factor above: the thinning bound

// Watch time is a mix of viewers who swipe on after a few seconds and viewers who stay a while; measured at
// the boredom clock's normal speed.
constexpr double kBounceShare = 0.40;
constexpr double kBounceMeanMs = 10000;
constexpr double kStayMeanMs = 120000;
constexpr double kReturnShare = 0.15;    // arrivals that are a viewer coming back
constexpr int64_t kMinAbsenceMs = 10000; // a comeback needs the viewer to have been away a while

// Rates per present viewer per minute, at factor 1.
constexpr double kLikesPerMin = 0.6;
constexpr double kCommentsPerMin = 0.12;
constexpr double kSharesPerMin = 0.012;
constexpr double kFollowsPerMin = 0.025;
constexpr double kCouponClaimsPerMin = 0.01;
constexpr double kCardClicksPerMin = 0.16;
constexpr double kBagClicksPerMin = 0.025; // nothing on air: viewers open the shopping bag now and then
constexpr double kFlashGrabsPerMin = 0.35;
// 秒杀 opens with a rush: most of the room taps "buy" in the first seconds.
constexpr double kFlashLaunchRush = 8.0;
constexpr int64_t kFlashRushMs = 15000;

// The purchase funnel after a click.
constexpr double kOtherProductShare = 0.2; // clicks on another catalog product while a card is on air
constexpr double kCartAfterClick = 0.25;
constexpr double kBuyNowAfterClick = 0.05; // straight to an order, no cart
constexpr double kOrderAfterCart = 0.40;
constexpr double kPayShare = 0.88;
constexpr double kFlashPayShare = 0.93;
constexpr double kGrabAfterOfferClick = 0.5;
constexpr double kRefundShare = 0.04;
constexpr double kRetryShare = 0.02; // the platform sends order_paid twice
constexpr double kCouponOnFollow = 0.4;
constexpr double kRedeemShare = 0.7;
constexpr int64_t kUnpaidReleaseMs = 300000; // an unpaid flash order gives its stock back after 5 min

constexpr std::array<const char*, 3> kCoupons{"", "fans-500", "shop-1000"};

constexpr std::array<const char*, 24> kComments{
    "主播好",       "这个多少钱", "有优惠吗", "上链接",           "已拍",       "质量怎么样",
    "发什么快递",   "能便宜点吗", "好看",     "支持主播",         "想要",       "有没有大码",
    "什么时候发货", "讲讲成分",   "求讲解",   "刚来，这是什么",   "买过，好用", "还有库存吗",
    "太贵了",       "假货吧",     "没用",     "上次买的质量一般", "退货了",     "点赞了"};
constexpr std::array<const char*, 6> kFlashComments{"抢到了",       "没抢到", "手慢无",
                                                    "再上一点库存", "已付款", "冲冲冲"};
constexpr std::array<const char*, 4> kPrelaunchComments{"等开抢", "秒杀价多少", "准备好了", "3 2 1 上链接"};

template <size_t N>
uint8_t pickClass(const std::array<TraitClass, N>& classes, double u) {
    for (size_t i = 0; i + 1 < N; ++i) {
        if (u < classes[i].share) return static_cast<uint8_t>(i);
        u -= classes[i].share;
    }
    return static_cast<uint8_t>(N - 1);
}

std::string viewerId(uint64_t number) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "v%06llu", static_cast<unsigned long long>(number));
    return buffer;
}

bool departureLater(const auto& a, const auto& b) {
    return a.at > b.at || (a.at == b.at && a.seq > b.seq);
}
bool followUpLater(const auto& a, const auto& b) {
    return a.ts > b.ts || (a.ts == b.ts && a.seq > b.seq);
}

} // namespace

AudienceSimulator::AudienceSimulator(SimulatorConfig config)
    : m_config(std::move(config)), m_random(m_config.seed) {
    for (const SimProduct& product : m_config.products)
        m_prices.emplace(product.sku, product.priceCents);
    if (m_config.maxViewers < 1) m_config.maxViewers = 1;
}

size_t AudienceSimulator::present() const {
    return m_present.size();
}

std::vector<nlohmann::json> AudienceSimulator::advance(int64_t utcMs, const OnAirView& view) {
    if (m_finished) return {};
    if (!m_started) {
        m_started = true;
        m_nowMs = utcMs;
        m_lastView = view;
        return {};
    }
    if (utcMs <= m_nowMs) return {};
    // A per-buyer limit belongs to one sale: a new sku, or the offer going off air, starts over.
    if (view.offerSku != m_flashSku) {
        m_flashSku = view.offerSku;
        m_flashBought.clear();
        m_flashOpenedMs = m_nowMs;
    }
    std::vector<Emitted> out;
    Context ctx = contextFor(view, true);
    simulate(m_nowMs, utcMs, ctx, out);
    m_nowMs = utcMs;
    m_lastView = view;
    return deliver(out);
}

std::vector<nlohmann::json> AudienceSimulator::finish(int64_t utcMs) {
    if (m_finished) return {};
    m_finished = true;
    if (!m_started) return {};
    std::vector<Emitted> out;
    if (utcMs > m_nowMs) {
        // Nobody told us about the gap: keep the last picture, but never sell flash stock the caller
        // cannot take off any more.
        Context ctx = contextFor(m_lastView, false);
        simulate(m_nowMs, utcMs, ctx, out);
        m_nowMs = utcMs;
    }
    const std::vector<uint32_t> staying = m_present;
    for (uint32_t slot : staying) {
        m_viewers[slot].leftMs = m_nowMs;
        leave(slot, out);
    }
    m_departures.clear();
    m_followUps.clear();
    return deliver(out);
}

AudienceSimulator::Context AudienceSimulator::contextFor(const OnAirView& view, bool allowFlash) {
    Context ctx;
    ctx.view = &view;
    ctx.onSale = allowFlash && !view.offerSku.empty() && view.offerRemaining > 0 && view.offerPriceCents > 0;
    ctx.hasCard = !view.cardSku.empty();
    ctx.idle = view.msSinceLastChange > 180000;
    const bool countdown = view.prelaunch && !ctx.onSale;

    // A deal pulls traffic in (the platform pushes rooms with a burst of orders); a static room loses it.
    if (ctx.onSale)
        ctx.arrivalFactor = 2.2;
    else if (countdown)
        ctx.arrivalFactor = 1.6;
    else
        ctx.arrivalFactor = (ctx.hasCard ? 1.0 : 0.85) * (ctx.idle ? 0.6 : 1.0);

    // Nothing new on screen for a minute and viewers start to swipe away; a running deal holds them.
    const double still = static_cast<double>(std::max<int64_t>(0, view.msSinceLastChange));
    if (still <= 60000)
        ctx.leaveFactor = 1.0;
    else if (still <= 180000)
        ctx.leaveFactor = 1.0 + 0.6 * (still - 60000) / 120000;
    else
        ctx.leaveFactor = 2.2;
    if (ctx.onSale)
        ctx.leaveFactor *= 0.6;
    else if (countdown)
        ctx.leaveFactor *= 0.7;

    ctx.engageFactor = ctx.onSale ? 1.6 : countdown ? 1.4 : ctx.idle ? 0.7 : 1.0;

    if (ctx.onSale) {
        auto inFlight = m_flashInFlight.find(view.offerSku);
        const int64_t pending = inFlight == m_flashInFlight.end() ? 0 : inFlight->second;
        ctx.flashBudget = std::max<int64_t>(0, view.offerRemaining - pending);
    }
    return ctx;
}

void AudienceSimulator::simulate(int64_t fromMs, int64_t toMs, Context& ctx, std::vector<Emitted>& out) {
    std::vector<uint32_t> leaving;
    for (int64_t t0 = fromMs; t0 < toMs;) {
        const int64_t t1 = std::min(toMs, t0 + kChunkMs);
        const double dt = static_cast<double>(t1 - t0);

        // Recommendation traffic swings slowly around its mean (an Ornstein-Uhlenbeck walk in log space,
        // about ±20 % over ten minutes), so arrivals are Poisson-ish rather than perfectly flat.
        m_trafficLog += -m_trafficLog * dt / 600000 + 0.0115 * std::sqrt(dt / 1000) * normal();
        m_trafficLog = std::clamp(m_trafficLog, -0.5, 0.5);

        const double rate = m_config.arrivalsPerMinute * ctx.arrivalFactor * std::exp(m_trafficLog);
        const int64_t arrivals = poisson(rate * dt / kMinuteMs);
        for (int64_t i = 0; i < arrivals; ++i) {
            if (static_cast<int64_t>(m_present.size()) >= m_config.maxViewers) break;
            // Arrivals take [t0, t1): whoever arrives can still leave strictly later inside the chunk or
            // at finish(), so no presence has zero length (a view_end sorts before a view_start at equal
            // ts, which would leave it open).
            const int64_t ts = uniformInt(t0, t1 - 1);
            arrive(ts, m_boredom + ctx.leaveFactor * static_cast<double>(ts - t0), out);
        }

        leaving.clear();
        departures(t0, t1, ctx.leaveFactor, leaving);
        viewerActions(t0, t1, ctx, out);
        runFollowUps(t1, ctx, out);
        for (uint32_t slot : leaving)
            leave(slot, out);
        m_boredom += ctx.leaveFactor * dt;
        t0 = t1;
    }
}

void AudienceSimulator::arrive(int64_t ts, double boredomAt, std::vector<Emitted>& out) {
    uint32_t slot = 0;
    bool comeback = false;
    if (!m_departed.empty() && chance(kReturnShare)) {
        const auto index = static_cast<size_t>(uniformInt(0, static_cast<int64_t>(m_departed.size()) - 1));
        slot = m_departed[index];
        if (ts - m_viewers[slot].leftMs >= kMinAbsenceMs) {
            comeback = true;
            m_departed[index] = m_departed.back();
            m_viewers[m_departed[index]].listIndex = static_cast<uint32_t>(index);
            m_departed.pop_back();
        }
    }
    if (!comeback) {
        if (!m_freeSlots.empty()) {
            slot = m_freeSlots.back();
            m_freeSlots.pop_back();
        } else {
            slot = static_cast<uint32_t>(m_viewers.size());
            m_viewers.emplace_back();
        }
        Viewer& fresh = m_viewers[slot];
        fresh = Viewer{};
        fresh.number = ++m_nextViewer;
        fresh.chatter = pickClass(kChatter, uniform());
        fresh.intent = pickClass(kIntent, uniform());
    }
    Viewer& viewer = m_viewers[slot];
    viewer.present = true;
    viewer.leaving = false;
    viewer.arrivedMs = ts;
    viewer.listIndex = static_cast<uint32_t>(m_present.size());
    m_present.push_back(slot);

    const double patience = exponential() * (chance(kBounceShare) ? kBounceMeanMs : kStayMeanMs);
    m_departures.push_back({boredomAt + patience, m_seq++, slot});
    std::push_heap(m_departures.begin(), m_departures.end(), departureLater<Departure, Departure>);

    emit(out, ts, "view_start", viewer.number);
}

void AudienceSimulator::departures(int64_t fromMs, int64_t toMs, double leaveFactor,
                                   std::vector<uint32_t>& leaving) {
    const double end = m_boredom + leaveFactor * static_cast<double>(toMs - fromMs);
    while (!m_departures.empty() && m_departures.front().at <= end) {
        const Departure next = m_departures.front();
        std::pop_heap(m_departures.begin(), m_departures.end(), departureLater<Departure, Departure>);
        m_departures.pop_back();
        Viewer& viewer = m_viewers[next.slot];
        // The boredom clock runs at a constant speed inside the chunk, so the moment is a linear solve.
        const auto offset = static_cast<int64_t>(std::ceil((next.at - m_boredom) / leaveFactor));
        viewer.leftMs = std::clamp(fromMs + offset, std::max(fromMs, viewer.arrivedMs) + 1, toMs);
        viewer.leaving = true;
        leaving.push_back(next.slot);
    }
}

bool AudienceSimulator::randomPresent(int64_t fromMs, int64_t toMs, Trait trait, uint32_t& slot,
                                      int64_t& ts) {
    slot = m_present[static_cast<size_t>(uniformInt(0, static_cast<int64_t>(m_present.size()) - 1))];
    const Viewer& viewer = m_viewers[slot];
    // Thinning: every viewer is drawn at the top rate and kept in proportion to their own.
    if (trait == Trait::Chatter && !chance(kChatter[viewer.chatter].factor / kTraitMax)) return false;
    if (trait == Trait::Intent && !chance(kIntent[viewer.intent].factor / kTraitMax)) return false;
    // Strictly inside the presence, so every action sits between the viewer's view_start and view_end.
    const int64_t lo = std::max(fromMs + 1, viewer.arrivedMs);
    const int64_t hi = viewer.leaving ? viewer.leftMs - 1 : toMs;
    if (lo > hi) return false;
    ts = uniformInt(lo, hi);
    return true;
}

void AudienceSimulator::viewerActions(int64_t fromMs, int64_t toMs, Context& ctx, std::vector<Emitted>& out) {
    if (m_present.empty()) return;
    const OnAirView& view = *ctx.view;
    const double viewerMinutes =
        static_cast<double>(m_present.size()) * static_cast<double>(toMs - fromMs) / kMinuteMs;
    uint32_t slot = 0;
    int64_t ts = 0;

    for (int64_t n = poisson(viewerMinutes * kLikesPerMin * ctx.engageFactor * kTraitMax); n > 0; --n) {
        if (!randomPresent(fromMs, toMs, Trait::Chatter, slot, ts)) continue;
        // Likes come in bursts of taps; the keenest viewers tap the longest.
        const double burst = m_viewers[slot].chatter == 2 ? 12 : 3;
        const auto count = std::min<int64_t>(300, 1 + static_cast<int64_t>(exponential() * burst));
        emit(out, ts, "like", m_viewers[slot].number)["count"] = count;
    }

    for (int64_t n = poisson(viewerMinutes * kCommentsPerMin * ctx.engageFactor * kTraitMax); n > 0; --n) {
        if (!randomPresent(fromMs, toMs, Trait::Chatter, slot, ts)) continue;
        const char* text = nullptr;
        if (ctx.onSale && chance(0.5))
            text = kFlashComments[static_cast<size_t>(uniformInt(0, kFlashComments.size() - 1))];
        else if (view.prelaunch && chance(0.4))
            text = kPrelaunchComments[static_cast<size_t>(uniformInt(0, kPrelaunchComments.size() - 1))];
        else
            text = kComments[static_cast<size_t>(uniformInt(0, kComments.size() - 1))];
        emit(out, ts, "comment", m_viewers[slot].number)["text"] = text;
    }

    for (int64_t n = poisson(viewerMinutes * kSharesPerMin * ctx.engageFactor * kTraitMax); n > 0; --n)
        if (randomPresent(fromMs, toMs, Trait::Chatter, slot, ts))
            emit(out, ts, "share", m_viewers[slot].number);

    for (int64_t n = poisson(viewerMinutes * kFollowsPerMin * ctx.engageFactor); n > 0; --n) {
        if (!randomPresent(fromMs, toMs, Trait::None, slot, ts) || m_viewers[slot].following) continue;
        Viewer& viewer = m_viewers[slot];
        viewer.following = true;
        emit(out, ts, "follow", viewer.number);
        if (viewer.coupon == 0 && chance(kCouponOnFollow)) {
            viewer.coupon = 1;
            emit(out, ts, "coupon_issued", viewer.number)["coupon"] = kCoupons[1];
        }
    }

    if (ctx.hasCard || ctx.onSale) {
        for (int64_t n = poisson(viewerMinutes * kCouponClaimsPerMin * kTraitMax); n > 0; --n) {
            // Shoppers are the ones who collect coupons.
            if (!randomPresent(fromMs, toMs, Trait::Intent, slot, ts) || m_viewers[slot].coupon != 0)
                continue;
            m_viewers[slot].coupon = 2;
            emit(out, ts, "coupon_issued", m_viewers[slot].number)["coupon"] = kCoupons[2];
        }
    }

    const std::vector<SimProduct>& products = m_config.products;
    const double clickRate = ctx.hasCard ? kCardClicksPerMin : products.empty() ? 0.0 : kBagClicksPerMin;
    for (int64_t n = poisson(viewerMinutes * clickRate * kTraitMax); n > 0; --n) {
        if (!randomPresent(fromMs, toMs, Trait::Intent, slot, ts)) continue;
        std::string sku;
        if (ctx.hasCard && (products.empty() || !chance(kOtherProductShare)))
            sku = view.cardSku;
        else
            sku = products[static_cast<size_t>(uniformInt(0, static_cast<int64_t>(products.size()) - 1))].sku;
        clickProduct(ts, slot, sku, productPrice(sku, view), ctx, out);
    }

    if (ctx.onSale) {
        const double rush = fromMs - m_flashOpenedMs < kFlashRushMs ? kFlashLaunchRush : 1.0;
        for (int64_t n = poisson(viewerMinutes * kFlashGrabsPerMin * rush); n > 0; --n)
            if (randomPresent(fromMs, toMs, Trait::None, slot, ts)) grabFlash(ts, slot, ctx, out);
    }
}

void AudienceSimulator::clickProduct(int64_t ts, uint32_t slot, const std::string& sku, int64_t priceCents,
                                     Context& ctx, std::vector<Emitted>& out) {
    const Viewer& viewer = m_viewers[slot];
    emit(out, ts, "product_click", viewer.number)["sku"] = sku;
    if (ctx.onSale && sku == ctx.view->offerSku && chance(kGrabAfterOfferClick)) {
        schedule({ts + uniformInt(1000, 4000), 0, Step::CreateOrder, true, slot, viewer.number, sku,
                  ctx.view->offerPriceCents, 1, 0});
        return;
    }
    if (priceCents <= 0) return; // a product without a price cannot be ordered
    // A coupon in hand is a reason to buy now.
    const double u = uniform() / (viewer.coupon != 0 ? 1.5 : 1.0);
    const int64_t qty = chance(0.85) ? 1 : chance(0.8) ? 2 : 3;
    if (u < kCartAfterClick)
        schedule({ts + uniformInt(3000, 15000), 0, Step::AddToCart, false, slot, viewer.number, sku,
                  priceCents, qty, 0});
    else if (u < kCartAfterClick + kBuyNowAfterClick)
        schedule({ts + uniformInt(4000, 20000), 0, Step::CreateOrder, false, slot, viewer.number, sku,
                  priceCents, qty, 0});
}

void AudienceSimulator::grabFlash(int64_t ts, uint32_t slot, Context& ctx, std::vector<Emitted>& out) {
    const OnAirView& view = *ctx.view;
    const Viewer& viewer = m_viewers[slot];
    emit(out, ts, "product_click", viewer.number)["sku"] = view.offerSku;
    if (ctx.flashBudget <= 0) {
        if (chance(0.3)) emit(out, ts, "comment", viewer.number)["text"] = "没抢到";
        return;
    }
    schedule({ts + uniformInt(1000, 4000), 0, Step::CreateOrder, true, slot, viewer.number, view.offerSku,
              view.offerPriceCents, chance(0.12) ? 2 : 1, 0});
}

void AudienceSimulator::runFollowUps(int64_t toMs, Context& ctx, std::vector<Emitted>& out) {
    while (!m_followUps.empty() && m_followUps.front().ts <= toMs) {
        std::pop_heap(m_followUps.begin(), m_followUps.end(), followUpLater<FollowUp, FollowUp>);
        FollowUp f = std::move(m_followUps.back());
        m_followUps.pop_back();
        switch (f.step) {
        case Step::AddToCart: {
            nlohmann::json& body = emit(out, f.ts, "add_to_cart", f.viewer);
            body["sku"] = f.sku;
            body["qty"] = f.qty;
            if (chance(kOrderAfterCart)) {
                f.step = Step::CreateOrder;
                f.ts += uniformInt(5000, 40000);
                schedule(std::move(f));
            }
            break;
        }
        case Step::CreateOrder:
            createOrder(f, ctx, out);
            break;
        case Step::PayOrder:
        case Step::RetryPaid: {
            nlohmann::json& body = emit(out, f.ts, "order_paid", f.viewer);
            body["order_id"] = m_config.idPrefix + "-order-" + std::to_string(f.order);
            body["sku"] = f.sku;
            body["qty"] = f.qty;
            body["amount_cents"] = f.priceCents * f.qty;
            if (f.step == Step::RetryPaid) break;
            if (f.flash) releaseFlash(f.sku, f.qty);
            if (chance(kRefundShare)) {
                FollowUp refund = f;
                refund.step = Step::Refund;
                refund.ts += uniformInt(60000, 900000);
                refund.flash = false;
                schedule(std::move(refund));
            }
            if (chance(kRetryShare)) {
                f.step = Step::RetryPaid;
                f.ts += uniformInt(1000, 30000);
                f.flash = false;
                schedule(std::move(f));
            }
            break;
        }
        case Step::Refund: {
            // Mostly the whole order; sometimes one unit of several comes back.
            const int64_t amount = f.qty > 1 && chance(0.3) ? f.priceCents : f.priceCents * f.qty;
            nlohmann::json& body = emit(out, f.ts, "refund", 0);
            body["order_id"] = m_config.idPrefix + "-order-" + std::to_string(f.order);
            body["amount_cents"] = amount;
            break;
        }
        case Step::Release:
            releaseFlash(f.sku, f.qty);
            break;
        }
    }
}

void AudienceSimulator::releaseFlash(const std::string& sku, int64_t qty) {
    auto found = m_flashInFlight.find(sku);
    if (found == m_flashInFlight.end()) return;
    found->second -= qty;
    if (found->second <= 0) m_flashInFlight.erase(found);
}

void AudienceSimulator::createOrder(const FollowUp& f, Context& ctx, std::vector<Emitted>& out) {
    const OnAirView& view = *ctx.view;
    const bool dealNow = ctx.onSale && f.sku == view.offerSku;
    if (f.flash && !dealNow) return; // the deal ended before the order went through
    int64_t price = f.priceCents;
    int64_t qty = f.qty;
    if (dealNow) {
        price = view.offerPriceCents;
        qty = std::min(qty, ctx.flashBudget);
        if (view.offerPerBuyerLimit > 0) {
            auto bought = m_flashBought.find(f.viewer);
            qty =
                std::min(qty, view.offerPerBuyerLimit - (bought == m_flashBought.end() ? 0 : bought->second));
        }
        if (qty <= 0) return; // sold out (手慢无) or over the per-buyer limit
        ctx.flashBudget -= qty;
        m_flashInFlight[f.sku] += qty;
        m_flashBought[f.viewer] += qty;
    }
    if (price <= 0) return;

    FollowUp order = f;
    order.priceCents = price;
    order.qty = qty;
    order.order = ++m_nextOrder;
    order.flash = dealNow;
    nlohmann::json& body = emit(out, f.ts, "order_created", f.viewer);
    body["order_id"] = m_config.idPrefix + "-order-" + std::to_string(order.order);
    body["sku"] = f.sku;
    body["qty"] = qty;
    body["amount_cents"] = price * qty;

    // The slot may have been handed to someone else since the click: only the same viewer's coupon counts.
    Viewer& viewer = m_viewers[f.slot];
    if (viewer.number == f.viewer && viewer.coupon != 0 && chance(kRedeemShare)) {
        emit(out, f.ts, "coupon_redeemed", f.viewer)["coupon"] = kCoupons[viewer.coupon];
        viewer.coupon = 0;
    }

    if (chance(dealNow ? kFlashPayShare : kPayShare)) {
        order.step = Step::PayOrder;
        order.ts += dealNow ? uniformInt(2000, 8000) : uniformInt(3000, 15000);
        schedule(std::move(order));
    } else if (dealNow) {
        // Unpaid: the platform cancels it later and the units go back on sale.
        order.step = Step::Release;
        order.ts += kUnpaidReleaseMs;
        schedule(std::move(order));
    }
}

void AudienceSimulator::leave(uint32_t slot, std::vector<Emitted>& out) {
    Viewer& viewer = m_viewers[slot];
    viewer.present = false;
    viewer.leaving = false;
    const size_t index = viewer.listIndex;
    m_present[index] = m_present.back();
    m_viewers[m_present[index]].listIndex = static_cast<uint32_t>(index);
    m_present.pop_back();
    emit(out, viewer.leftMs, "view_end", viewer.number);

    // Keep a bounded pool of viewers who may come back; the one pushed out is forgotten for good.
    if (static_cast<int64_t>(m_departed.size()) >= m_config.maxViewers) {
        const auto evict = static_cast<size_t>(uniformInt(0, static_cast<int64_t>(m_departed.size()) - 1));
        m_freeSlots.push_back(m_departed[evict]);
        m_departed[evict] = slot;
        viewer.listIndex = static_cast<uint32_t>(evict);
    } else {
        viewer.listIndex = static_cast<uint32_t>(m_departed.size());
        m_departed.push_back(slot);
    }
}

std::vector<nlohmann::json> AudienceSimulator::deliver(std::vector<Emitted>& out) {
    // At equal ts a view_end goes before a view_start (docs/DESIGN.md), and both before other actions.
    std::sort(out.begin(), out.end(), [](const Emitted& a, const Emitted& b) {
        if (a.ts != b.ts) return a.ts < b.ts;
        if (a.rank != b.rank) return a.rank < b.rank;
        return a.seq < b.seq;
    });
    std::vector<nlohmann::json> events;
    events.reserve(out.size());
    for (Emitted& e : out) {
        // Ids follow ts order, so a stream's ids are unique and deterministic.
        e.body["id"] = m_config.idPrefix + "-" + std::to_string(++m_nextEvent);
        events.push_back(std::move(e.body));
    }
    return events;
}

void AudienceSimulator::schedule(FollowUp f) {
    f.seq = m_seq++;
    m_followUps.push_back(std::move(f));
    std::push_heap(m_followUps.begin(), m_followUps.end(), followUpLater<FollowUp, FollowUp>);
}

nlohmann::json& AudienceSimulator::emit(std::vector<Emitted>& out, int64_t ts, const char* type,
                                        uint64_t viewer) {
    nlohmann::json body = {{"type", type}, {"ts", ts}};
    if (!m_config.platform.empty()) body["platform"] = m_config.platform;
    if (viewer != 0) body["viewer"] = viewerId(viewer);
    const std::string_view kind(type);
    const int rank = kind == "view_end" ? 0 : kind == "view_start" ? 1 : 2;
    out.push_back({ts, rank, m_seq++, std::move(body)});
    return out.back().body;
}

int64_t AudienceSimulator::productPrice(const std::string& sku, const OnAirView& view) const {
    if (sku == view.cardSku && view.cardPriceCents > 0) return view.cardPriceCents;
    auto found = m_prices.find(sku);
    return found == m_prices.end() ? 0 : found->second;
}

} // namespace hawker::studio
