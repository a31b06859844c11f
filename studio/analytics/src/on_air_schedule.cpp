#include "hawker/studio/analytics/on_air_schedule.hpp"

#include <algorithm>

namespace hawker::studio {

OnAirInterval OfferWindow::saleInterval() const {
    if (!onSale) return {announced, announced}; // never on sale: an empty window
    const int64_t stop = soldOut ? *soldOut : (ended ? *ended : kOpenEnd);
    return {*onSale, stop};
}

void OnAirSchedule::closeCard(const std::string& slot, int64_t utcMs) {
    auto found = m_cardInSlot.find(slot);
    if (found == m_cardInSlot.end()) return;
    auto& intervals = m_cards[found->second];
    for (auto it = intervals.rbegin(); it != intervals.rend(); ++it)
        if (it->end == kOpenEnd) {
            it->end = std::max(it->start, utcMs);
            break;
        }
    m_cardInSlot.erase(found);
}

void OnAirSchedule::apply(int64_t utcMs, const TimelineRow& row) {
    switch (row.kind) {
    case TimelineKind::CardShown:
        closeCard(row.slot, utcMs); // a new card in a slot replaces the old one
        m_cards[row.sku].push_back({utcMs, kOpenEnd});
        m_cardInSlot[row.slot] = row.sku;
        return;
    case TimelineKind::CardHidden:
        closeCard(row.slot, utcMs);
        return;
    case TimelineKind::Program:
        if (!m_scenes.empty() && m_scenes.back().interval.end == kOpenEnd)
            m_scenes.back().interval.end = utcMs;
        m_scenes.push_back({row.scene, {utcMs, kOpenEnd}});
        return;
    case TimelineKind::Segment: {
        if (!m_segments.empty() && m_segments.back().end == kOpenEnd) m_segments.back().end = utcMs;
        SegmentWindow window;
        window.start = utcMs;
        auto plan = std::find_if(m_plan.begin(), m_plan.end(),
                                 [&](const PlannedSegment& p) { return p.index == row.index; });
        if (plan != m_plan.end())
            window.plan = *plan;
        else
            window.plan = {static_cast<int>(row.index), toString(row.segmentKind), row.title, {}, 0};
        m_segments.push_back(std::move(window));
        return;
    }
    case TimelineKind::Offer:
        applyOffer(utcMs, row);
        return;
    case TimelineKind::ShowStop:
        close(utcMs);
        return;
    default:
        return; // graphics, sources, outputs: not what attribution counts
    }
}

void OnAirSchedule::applyOffer(int64_t utcMs, const TimelineRow& row) {
    if (row.step == OfferState::Phase::PreLaunch) {
        OfferWindow offer;
        offer.id = row.offer;
        offer.sku = row.sku;
        offer.announced = utcMs;
        offer.quantity = row.quantity;
        offer.priceCents = row.priceCents;
        offer.variant = row.variant;
        m_offers.push_back(std::move(offer));
        return;
    }
    auto found = std::find_if(m_offers.rbegin(), m_offers.rend(),
                              [&](const OfferWindow& o) { return o.id == row.offer; });
    if (found == m_offers.rend()) return;
    switch (row.step) {
    case OfferState::Phase::OnSale:
        found->onSale = utcMs;
        break;
    case OfferState::Phase::SoldOut:
        found->soldOut = utcMs;
        found->sold = row.beforeLaunch ? 0 : row.sold;
        found->endReason = "sold out";
        break;
    case OfferState::Phase::Ended:
        found->ended = utcMs;
        found->sold = std::max<int64_t>(0, found->quantity - row.left);
        found->endReason = wordsOf(row.endReason);
        break;
    case OfferState::Phase::PreLaunch:
        break;
    }
}

void OnAirSchedule::close(int64_t utcMs) {
    while (!m_cardInSlot.empty())
        closeCard(m_cardInSlot.begin()->first, utcMs);
    if (!m_scenes.empty() && m_scenes.back().interval.end == kOpenEnd) m_scenes.back().interval.end = utcMs;
    if (!m_segments.empty() && m_segments.back().end == kOpenEnd) m_segments.back().end = utcMs;
    for (OfferWindow& offer : m_offers)
        if (offer.onSale && !offer.soldOut && !offer.ended) offer.ended = utcMs;
}

bool OnAirSchedule::cardOnAir(const std::string& sku, int64_t utcMs) const {
    auto found = m_cards.find(sku);
    if (found == m_cards.end()) return false;
    for (const OnAirInterval& interval : found->second)
        if (utcMs >= interval.start && utcMs < interval.end) return true;
    return false;
}

int OnAirSchedule::segmentAt(int64_t utcMs, size_t& hint) const {
    if (m_segments.empty()) return -1;
    if (hint >= m_segments.size() || m_segments[hint].start > utcMs) hint = 0;
    while (hint + 1 < m_segments.size() && m_segments[hint + 1].start <= utcMs)
        ++hint;
    const SegmentWindow& segment = m_segments[hint];
    return utcMs >= segment.start && utcMs < segment.end ? static_cast<int>(hint) : -1;
}

std::string OnAirSchedule::currentCard() const {
    std::string sku;
    int64_t newest = -1;
    for (const auto& [slot, shown] : m_cardInSlot) {
        const auto& intervals = m_cards.at(shown);
        if (!intervals.empty() && intervals.back().start > newest) {
            newest = intervals.back().start;
            sku = shown;
        }
    }
    return sku;
}

double OnAirSchedule::onAirSeconds(const std::string& sku, int64_t from, int64_t to) const {
    auto found = m_cards.find(sku);
    if (found == m_cards.end()) return 0;
    std::vector<OnAirInterval> clipped;
    for (const OnAirInterval& interval : found->second) {
        const int64_t start = std::max(interval.start, from);
        const int64_t end = std::min(interval.end, to);
        if (end > start) clipped.push_back({start, end});
    }
    std::sort(clipped.begin(), clipped.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    int64_t total = 0, coveredTo = std::numeric_limits<int64_t>::min();
    for (const OnAirInterval& interval : clipped) {
        const int64_t start = std::max(interval.start, coveredTo);
        if (interval.end > start) total += interval.end - start;
        coveredTo = std::max(coveredTo, interval.end);
    }
    return static_cast<double>(total) / 1000.0;
}

} // namespace hawker::studio
