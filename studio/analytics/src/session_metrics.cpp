#include "hawker/studio/analytics/session_metrics.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace hawker::studio {

using nlohmann::json;

namespace {
constexpr int64_t kMinuteMs = 60'000;
constexpr size_t kRecentComments = 200;

} // namespace

std::optional<double> metricRatio(double numerator, double denominator) {
    if (denominator == 0) return std::nullopt;
    return numerator / denominator;
}

json ratioJson(const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
}

SessionMetrics::SessionMetrics(int64_t startUtcMs, std::optional<int64_t> endUtcMs)
    : m_start(startUtcMs), m_end(endUtcMs) {
    if (m_end) {
        const int64_t span = std::max<int64_t>(0, *m_end - m_start);
        m_minutes.resize(static_cast<size_t>((span + kMinuteMs - 1) / kMinuteMs));
    }
}

size_t SessionMetrics::minuteOf(int64_t ts) {
    auto minute = static_cast<size_t>((ts - m_start) / kMinuteMs);
    if (m_end) {
        // An event at exactly `end` belongs to the last minute.
        if (m_minutes.empty()) return 0;
        return std::min(minute, m_minutes.size() - 1);
    }
    if (minute >= m_minutes.size()) m_minutes.resize(minute + 1);
    return minute;
}

void SessionMetrics::settleMinutesBefore(int64_t ts) {
    // viewers_end of minute k: viewers present after every event before the
    // minute's end boundary. The last minute of a closed window settles only at the end.
    const size_t settleable = m_end ? (m_minutes.empty() ? 0 : m_minutes.size() - 1) : SIZE_MAX;
    while (m_minutesSettled < settleable &&
           ts >= m_start + kMinuteMs * static_cast<int64_t>(m_minutesSettled + 1)) {
        if (m_minutesSettled >= m_minutes.size()) m_minutes.resize(m_minutesSettled + 1);
        m_minutes[m_minutesSettled].viewersEnd = m_present;
        ++m_minutesSettled;
    }
}

WindowCounts* SessionMetrics::segmentFor(int64_t ts) {
    if (!m_schedule) return nullptr;
    const int index = m_schedule->segmentAt(ts, m_segmentHint);
    if (index < 0) return nullptr;
    if (m_segmentCounts.size() < m_schedule->segments().size())
        m_segmentCounts.resize(m_schedule->segments().size());
    return &m_segmentCounts[static_cast<size_t>(index)];
}

void SessionMetrics::refund(PaidOrder& order, int64_t amountCents) {
    const int64_t counted = std::min(amountCents, order.amountCents - order.refundedCents);
    order.refundedCents += counted;
    m_refunds += counted;
    if (!order.refunded) {
        order.refunded = true;
        ++m_refundedOrders;
    }
}

void SessionMetrics::keepInFeed(const ViewerEvent& e) {
    if (m_recentComments.size() < kRecentComments) {
        m_recentComments.push_back({e.ts, e.maskedName, e.text, e.id, e.amountMicros, e.currency, false});
    } else {
        Comment& slot = m_recentComments[m_commentsSeen % kRecentComments];
        slot.ts = e.ts;
        slot.who.assign(e.maskedName);
        slot.text.assign(e.text);
        slot.id.assign(e.id);
        slot.amountMicros = e.amountMicros;
        slot.currency.assign(e.currency);
        slot.removed = false;
    }
    ++m_commentsSeen;
}

bool SessionMetrics::add(const ViewerEvent& e) {
    if (!inWindow(e.ts)) return false;
    ++m_counted;
    settleMinutesBefore(e.ts);
    MinuteCounts* minute = m_minutes.empty() && m_end ? nullptr : &m_minutes[minuteOf(e.ts)];
    WindowCounts* segment = segmentFor(e.ts);
    const int64_t v = e.viewer;
    // One probe for the viewer's state; refunds have no viewer.
    ViewerState none;
    ViewerState& viewer = v != 0 ? *m_viewerStates.emplace(v, ViewerState{}).first : none;
    switch (e.type) {
    case EventType::ViewStart: {
        ++m_pv;
        if (mark(viewer, kSeen)) ++m_uv;
        if (minute) ++minute->enters;
        if (segment) ++segment->enters;
        if (m_schedule)
            for (const auto& [sku, showings] : m_schedule->cards())
                if (WindowCounts* showing = showingIn(sku, showings, e.ts)) ++showing->enters;
        if (viewer.presentSince() == 0) {
            viewer.setPresentSince(e.ts);
            m_sumOfOpenStarts += e.ts;
            m_pcu = std::max(m_pcu, ++m_present);
            notePresence(e.ts);
        }
        if (m_schedule && !m_schedule->offers().empty()) {
            // Views while a flash sale was open: its GPM's denominator.
            const auto& offers = m_schedule->offers();
            if (m_offerCounts.size() < offers.size()) m_offerCounts.resize(offers.size());
            for (size_t i = 0; i < offers.size(); ++i) {
                const OnAirInterval sale = offers[i].saleInterval();
                if (offers[i].onSale && sale.start <= e.ts && e.ts < sale.end) ++m_offerCounts[i].enters;
            }
        }
        break;
    }
    case EventType::ViewEnd: {
        if (viewer.presentSince() == 0) break; // leave without enter: ignored
        m_closedWatchMs += e.ts - viewer.presentSince();
        m_sumOfOpenStarts -= viewer.presentSince();
        viewer.setPresentSince(0);
        --m_present;
        notePresence(e.ts);
        break;
    }
    case EventType::Share:
        ++m_shares;
        if (mark(viewer, kEngaged)) ++m_engagedUv;
        break;
    case EventType::Follow:
        if (mark(viewer, kFollower)) ++m_followersUv;
        if (mark(viewer, kEngaged)) ++m_engagedUv;
        break;
    case EventType::Comment:
        ++m_comments;
        if (mark(viewer, kEngaged)) ++m_engagedUv;
        if (minute) ++minute->comments;
        if (segment) ++segment->comments;
        keepInFeed(e);
        break;
    case EventType::PaidEngagement: {
        ++m_paidEngagements;
        if (mark(viewer, kEngaged)) ++m_engagedUv;
        PaidEngagementTotal& total = m_paidByCurrency[e.currency];
        total.currency = e.currency;
        ++total.count;
        total.amountMicros += e.amountMicros;
        keepInFeed(e);
        break;
    }
    case EventType::Like:
        m_likes += e.quantity;
        if (mark(viewer, kEngaged)) ++m_engagedUv;
        if (minute) minute->likes += e.quantity;
        if (segment) segment->likes += e.quantity;
        break;
    case EventType::ProductClick: {
        if (mark(viewer, kClicker)) ++m_clickUv;
        ProductCounts& product = m_products[e.sku];
        ++product.clicks;
        product.clickViewers.insert(v);
        if (segment) ++segment->clicks;
        if (WindowCounts* offer = offerOnSale(e.sku, e.ts)) {
            ++offer->clicks;
            offer->clickers.insert(v);
        }
        if (WindowCounts* showing = showingAt(e.sku, e.ts)) {
            ++showing->clicks;
            showing->clickers.insert(v);
        }
        break;
    }
    case EventType::AddToCart:
        if (mark(viewer, kCarter)) ++m_cartUv;
        break;
    case EventType::OrderCreated:
        if (mark(viewer, kOrderer)) ++m_orderUv;
        break;
    case EventType::OrderPaid: {
        // The earliest order_paid of an order counts; a webhook retry with
        // another event id does not.
        auto [order, fresh] = m_paid.emplace(orderKey(e.orderId), PaidOrder{});
        if (!fresh) break;
        order->amountCents = e.amountCents;
        ++m_paidOrders;
        if (mark(viewer, kBuyer)) ++m_buyerCount;
        m_units += e.quantity;
        m_gmv += e.amountCents;
        if (minute) {
            ++minute->orders;
            minute->gmvCents += e.amountCents;
        }
        ProductCounts& product = m_products[e.sku];
        ++product.paidOrders;
        product.units += e.quantity;
        product.gmvCents += e.amountCents;
        if (m_schedule && m_schedule->cardOnAir(e.sku, e.ts)) product.gmvOnAirCents += e.amountCents;
        countInShowing(e.sku, e.ts, 1, e.quantity, e.amountCents, v);
        if (segment) {
            ++segment->paidOrders;
            segment->units += e.quantity;
            segment->gmvCents += e.amountCents;
            segment->buyers.insert(v);
        }
        if (m_schedule) {
            // A flash sale's orders: its sku, paid while it was on sale (few offers a show).
            if (WindowCounts* offer = offerOnSale(e.sku, e.ts)) {
                WindowCounts& counts = *offer;
                ++counts.paidOrders;
                counts.units += e.quantity;
                counts.gmvCents += e.amountCents;
                counts.buyers.insert(v);
            }
        }
        auto early = m_refundsBeforePaid.find(e.orderId);
        if (early != m_refundsBeforePaid.end()) {
            refund(*order, early->second);
            m_refundsBeforePaid.erase(early);
        }
        return true;
    }
    case EventType::Refund: {
        if (PaidOrder* order = m_paid.find(orderKey(e.orderId)))
            refund(*order, e.amountCents);
        else
            m_refundsBeforePaid[e.orderId] += e.amountCents; // counts only if its order is paid in the window
        break;
    }
    case EventType::CouponIssued:
        ++m_couponsIssued;
        break;
    case EventType::CouponRedeemed:
        ++m_couponsRedeemed;
        break;
    }
    return false;
}

bool SessionMetrics::resolve(const ViewerEvent& pending, const std::vector<ViewerEvent>& lines) {
    PaidOrder* order = m_paid.find(orderKey(pending.orderId));
    if (!inWindow(pending.ts) || !order || lines.empty()) return false;
    int64_t total = 0, units = 0;
    for (const ViewerEvent& line : lines) {
        total += line.amountCents;
        units += line.quantity;
    }
    const int64_t gmvDelta = total - order->amountCents;
    const int64_t unitsDelta = units - pending.quantity;
    const auto extraOrders = static_cast<int64_t>(lines.size()) - 1;
    order->amountCents = total;
    m_gmv += gmvDelta;
    m_units += unitsDelta;
    m_paidOrders += extraOrders;
    if (!m_minutes.empty() || !m_end) {
        MinuteCounts& minute = m_minutes[minuteOf(pending.ts)];
        minute.orders += extraOrders;
        minute.gmvCents += gmvDelta;
    }
    if (WindowCounts* segment = segmentFor(pending.ts)) {
        segment->paidOrders += extraOrders;
        segment->units += unitsDelta;
        segment->gmvCents += gmvDelta;
    }
    // The pending product gives the order back; emptied, it is not listed.
    const auto was = m_products.find(pending.sku);
    if (was != m_products.end()) {
        ProductCounts& p = was->second;
        --p.paidOrders;
        p.units -= pending.quantity;
        p.gmvCents -= pending.amountCents;
        if (m_schedule && m_schedule->cardOnAir(pending.sku, pending.ts))
            p.gmvOnAirCents -= pending.amountCents;
        countInShowing(pending.sku, pending.ts, -1, -pending.quantity, -pending.amountCents, 0);
        if (p.paidOrders <= 0 && p.clicks == 0) m_products.erase(was);
    }
    for (const ViewerEvent& line : lines) {
        if (line.orderId != pending.orderId)
            m_paid.emplace(orderKey(line.orderId), PaidOrder{line.amountCents});
        ProductCounts& product = m_products[line.sku];
        ++product.paidOrders;
        product.units += line.quantity;
        product.gmvCents += line.amountCents;
        if (m_schedule && m_schedule->cardOnAir(line.sku, line.ts)) product.gmvOnAirCents += line.amountCents;
        countInShowing(line.sku, line.ts, 1, line.quantity, line.amountCents, line.viewer);
        if (WindowCounts* offer = offerOnSale(line.sku, line.ts)) {
            ++offer->paidOrders;
            offer->units += line.quantity;
            offer->gmvCents += line.amountCents;
            offer->buyers.insert(line.viewer);
        }
    }
    return true;
}

void SessionMetrics::add(const std::vector<ViewerEvent>& events) {
    for (const ViewerEvent& e : events)
        m_viewerStates.prefetch(e.viewer);
    for (const ViewerEvent& e : events)
        add(e);
}

bool SessionMetrics::removeComment(const std::string& eventId) {
    for (Comment& c : m_recentComments)
        if (c.id == eventId && !c.id.empty()) {
            c = Comment{c.ts, {}, {}, {}, 0, {}, true};
            return true;
        }
    return false;
}

std::vector<SessionMetrics::Comment> SessionMetrics::recentComments() const {
    const bool full = m_recentComments.size() >= kRecentComments;
    std::vector<Comment> ordered;
    ordered.reserve(m_recentComments.size());
    for (size_t i = 0; i < m_recentComments.size(); ++i) {
        const Comment& c = m_recentComments[full ? (m_commentsSeen + i) % kRecentComments : i];
        if (!c.removed) ordered.push_back(c);
    }
    return ordered;
}

std::vector<PaidEngagementTotal> SessionMetrics::paidEngagement() const {
    std::vector<PaidEngagementTotal> out;
    out.reserve(m_paidByCurrency.size());
    for (const auto& [currency, total] : m_paidByCurrency)
        out.push_back(total);
    return out;
}

MetricsSummary SessionMetrics::summary(int64_t asOfUtcMs) const {
    const int64_t asOf = m_end ? *m_end : std::max(asOfUtcMs, m_start);
    MetricsSummary s;
    s.pv = m_pv;
    s.uv = m_uv;
    s.pcu = m_pcu;
    s.present = m_present;
    const int64_t watchMs = m_closedWatchMs + std::max<int64_t>(0, s.present * asOf - m_sumOfOpenStarts);
    s.watchSeconds = static_cast<double>(watchMs) / 1000.0;
    s.acu = metricRatio(s.watchSeconds, static_cast<double>(asOf - m_start) / 1000.0);
    s.avgWatchSeconds = metricRatio(s.watchSeconds, static_cast<double>(s.uv));
    s.engagedUv = m_engagedUv;
    s.engagementRate = metricRatio(static_cast<double>(s.engagedUv), static_cast<double>(s.uv));
    s.comments = m_comments;
    s.shares = m_shares;
    s.likes = m_likes;
    s.newFollowers = m_followersUv;
    s.paidEngagements = m_paidEngagements;
    s.paidOrders = m_paidOrders;
    s.buyers = m_buyerCount;
    s.units = m_units;
    s.gmvCents = m_gmv;
    s.refundsCents = m_refunds;
    s.netSalesCents = m_gmv - m_refunds;
    s.refundRate = metricRatio(static_cast<double>(m_refundedOrders), static_cast<double>(m_paidOrders));
    s.productClickUv = m_clickUv;
    s.addToCartUv = m_cartUv;
    s.orderCreatedUv = m_orderUv;
    s.productClickRate = metricRatio(static_cast<double>(s.productClickUv), static_cast<double>(s.uv));
    s.conversionRate = metricRatio(static_cast<double>(s.buyers), static_cast<double>(s.uv));
    s.clickToPayRate = metricRatio(static_cast<double>(s.buyers), static_cast<double>(s.productClickUv));
    s.uvValueCents = metricRatio(static_cast<double>(m_gmv), static_cast<double>(s.uv));
    s.gpmCents = metricRatio(static_cast<double>(m_gmv) * 1000.0, static_cast<double>(m_pv));
    s.revenuePerBuyerCents = metricRatio(static_cast<double>(m_gmv), static_cast<double>(s.buyers));
    s.aovCents = metricRatio(static_cast<double>(m_gmv), static_cast<double>(m_paidOrders));
    s.couponsIssued = m_couponsIssued;
    s.couponsRedeemed = m_couponsRedeemed;
    s.couponUsageRate =
        metricRatio(static_cast<double>(m_couponsRedeemed), static_cast<double>(m_couponsIssued));
    return s;
}

std::vector<MinuteCounts> SessionMetrics::perMinute(int64_t asOfUtcMs) const {
    std::vector<MinuteCounts> minutes = m_minutes;
    if (!m_end && asOfUtcMs >= m_start) {
        const auto now = static_cast<size_t>((asOfUtcMs - m_start) / kMinuteMs);
        if (minutes.size() < now + 1) minutes.resize(now + 1);
    }
    for (size_t k = m_minutesSettled; k < minutes.size(); ++k)
        minutes[k].viewersEnd = m_present;
    return minutes;
}

WindowCounts* SessionMetrics::offerOnSale(const std::string& sku, int64_t ts) {
    if (!m_schedule) return nullptr;
    // A flash sale's window: its sku, on sale (the order that sold it out
    // included); few offers a show, so a scan.
    const auto& offers = m_schedule->offers();
    for (size_t i = offers.size(); i-- > 0;) {
        if (!offers[i].onSale || offers[i].sku != sku) continue; // never opened: nothing sold in it
        const OnAirInterval sale = offers[i].saleInterval();
        if (ts < sale.start || ts > sale.end) continue;
        if (m_offerCounts.size() < offers.size()) m_offerCounts.resize(offers.size());
        return &m_offerCounts[i];
    }
    return nullptr;
}

WindowCounts* SessionMetrics::showingAt(const std::string& sku, int64_t ts) {
    if (!m_schedule) return nullptr;
    const auto card = m_schedule->cards().find(sku);
    return card == m_schedule->cards().end() ? nullptr : showingIn(sku, card->second, ts);
}

WindowCounts* SessionMetrics::showingIn(const std::string& sku, const std::vector<OnAirInterval>& showings,
                                        int64_t ts) {
    // The last showing that started at or before ts (showings are in time order and do not overlap).
    const auto after = std::upper_bound(showings.begin(), showings.end(), ts,
                                        [](int64_t t, const OnAirInterval& i) { return t < i.start; });
    if (after == showings.begin()) return nullptr;
    const auto index = static_cast<size_t>(after - showings.begin()) - 1;
    if (ts >= showings[index].end) return nullptr;
    std::vector<WindowCounts>& counts = m_showingCounts[sku];
    if (counts.size() < showings.size()) counts.resize(showings.size());
    return &counts[index];
}

void SessionMetrics::countInShowing(const std::string& sku, int64_t ts, int64_t orders, int64_t units,
                                    int64_t cents, int64_t buyer) {
    WindowCounts* showing = showingAt(sku, ts);
    if (!showing) return;
    showing->paidOrders += orders;
    showing->units += units;
    showing->gmvCents += cents;
    if (orders > 0 && buyer != 0) showing->buyers.insert(buyer);
}

WindowCounts SessionMetrics::showingCounts(const std::string& sku, size_t showingIndex) const {
    const auto found = m_showingCounts.find(sku);
    if (found == m_showingCounts.end() || showingIndex >= found->second.size()) return {};
    return found->second[showingIndex];
}

WindowCounts SessionMetrics::offerCounts(size_t offerIndex) const {
    return offerIndex < m_offerCounts.size() ? m_offerCounts[offerIndex] : WindowCounts{};
}

json summaryJson(const MetricsSummary& s) {
    return {
        {"pv", s.pv},
        {"uv", s.uv},
        {"watch_seconds", s.watchSeconds},
        {"pcu", s.pcu},
        {"acu", ratioJson(s.acu)},
        {"avg_watch_s", ratioJson(s.avgWatchSeconds)},
        {"engaged_uv", s.engagedUv},
        {"engagement_rate", ratioJson(s.engagementRate)},
        {"comments", s.comments},
        {"shares", s.shares},
        {"likes", s.likes},
        {"new_followers", s.newFollowers},
        {"paid_orders", s.paidOrders},
        {"buyers", s.buyers},
        {"units", s.units},
        {"gmv_cents", s.gmvCents},
        {"refunds_cents", s.refundsCents},
        {"net_sales_cents", s.netSalesCents},
        {"refund_rate", ratioJson(s.refundRate)},
        {"product_click_uv", s.productClickUv},
        {"add_to_cart_uv", s.addToCartUv},
        {"order_created_uv", s.orderCreatedUv},
        {"product_click_rate", ratioJson(s.productClickRate)},
        {"conversion_rate", ratioJson(s.conversionRate)},
        {"click_to_pay_rate", ratioJson(s.clickToPayRate)},
        {"uv_value_cents", ratioJson(s.uvValueCents)},
        {"gpm_cents", ratioJson(s.gpmCents)},
        {"revenue_per_buyer_cents", ratioJson(s.revenuePerBuyerCents)},
        {"aov_cents", ratioJson(s.aovCents)},
        {"coupons_issued", s.couponsIssued},
        {"coupons_redeemed", s.couponsRedeemed},
        {"coupon_usage_rate", ratioJson(s.couponUsageRate)},
    };
}

json feedCommentJson(const SessionMetrics::Comment& comment, int64_t startUtcMs) {
    json out = {{"offset_ms", comment.ts - startUtcMs},
                {"who", comment.who.empty() ? "观众" : comment.who},
                {"text", comment.text}};
    if (comment.amountMicros > 0)
        out["paid"] = {{"currency", comment.currency}, {"amount_micros", comment.amountMicros}};
    return out;
}

json paidEngagementJson(const std::vector<PaidEngagementTotal>& totals) {
    json out = json::array();
    for (const PaidEngagementTotal& t : totals)
        out.push_back({{"currency", t.currency}, {"count", t.count}, {"amount_micros", t.amountMicros}});
    return out;
}

json perMinuteJson(const std::vector<MinuteCounts>& minutes) {
    json out = json::array();
    for (size_t m = 0; m < minutes.size(); ++m) {
        const MinuteCounts& c = minutes[m];
        out.push_back({{"minute", m},
                       {"enters", c.enters},
                       {"comments", c.comments},
                       {"likes", c.likes},
                       {"orders", c.orders},
                       {"gmv_cents", c.gmvCents},
                       {"viewers_end", c.viewersEnd}});
    }
    return out;
}

void SessionMetrics::notePresence(int64_t ts) {
    const int64_t second = (ts - m_start) / 1000;
    if (second < 0 || second >= kPeakSeconds) return;
    const auto index = static_cast<size_t>(second);
    // A second without a change holds the count the last change left.
    if (index >= m_peakBySecond.size()) m_peakBySecond.resize(index + 1, m_lastPresent);
    m_peakBySecond[index] = std::max(m_peakBySecond[index], m_present);
    m_lastPresent = m_present;
}

int64_t SessionMetrics::peakPresent(int64_t fromUtcMs, int64_t toUtcMs) const {
    if (toUtcMs <= fromUtcMs) return 0;
    const int64_t first = std::max<int64_t>(0, (fromUtcMs - m_start) / 1000);
    const int64_t last = (toUtcMs - 1 - m_start) / 1000;
    if (last < 0) return 0;
    int64_t peak = 0;
    for (int64_t s = first; s <= last && s < kPeakSeconds; ++s)
        peak = std::max(peak, s < static_cast<int64_t>(m_peakBySecond.size())
                                  ? m_peakBySecond[static_cast<size_t>(s)]
                                  : m_lastPresent);
    return peak;
}

} // namespace hawker::studio
