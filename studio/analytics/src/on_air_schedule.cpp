#include "hawker/studio/analytics/on_air_schedule.hpp"

#include <algorithm>
#include <sstream>

namespace hawker::studio {

namespace {
std::string firstWord(const std::string& text) {
    return text.substr(0, text.find(' '));
}
/// "SKU (slot card)" → "card"; the default slot when the detail has none.
std::string slotOf(const std::string& detail, const std::string& fallback) {
    const auto at = detail.rfind("(slot ");
    if (at == std::string::npos) return fallback;
    const auto end = detail.find(')', at);
    return detail.substr(at + 6, end == std::string::npos ? std::string::npos : end - at - 6);
}
int64_t numberAfter(const std::string& text, const std::string& marker, int64_t fallback) {
    const auto at = text.find(marker);
    if (at == std::string::npos) return fallback;
    try {
        return std::stoll(text.substr(at + marker.size()));
    } catch (const std::exception&) {
        return fallback;
    }
}
} // namespace

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

void OnAirSchedule::apply(int64_t utcMs, const std::string& event, const std::string& detail) {
    if (event == "card_shown") {
        const std::string slot = slotOf(detail, "card");
        closeCard(slot, utcMs); // a new card in a slot replaces the old one
        const std::string sku = firstWord(detail);
        m_cards[sku].push_back({utcMs, kOpenEnd});
        m_cardInSlot[slot] = sku;
    } else if (event == "card_hidden") {
        closeCard(slotOf(detail, "card"), utcMs);
    } else if (event == "program") {
        if (!m_scenes.empty() && m_scenes.back().interval.end == kOpenEnd)
            m_scenes.back().interval.end = utcMs;
        m_scenes.push_back({firstWord(detail), {utcMs, kOpenEnd}});
    } else if (event == "segment") {
        // "#3 product 精华液讲解"
        if (detail.size() < 2 || detail[0] != '#') return;
        int index = 0;
        try {
            index = std::stoi(detail.substr(1));
        } catch (const std::exception&) {
            return;
        }
        if (!m_segments.empty() && m_segments.back().end == kOpenEnd) m_segments.back().end = utcMs;
        SegmentWindow window;
        window.start = utcMs;
        auto plan = std::find_if(m_plan.begin(), m_plan.end(),
                                 [&](const PlannedSegment& p) { return p.index == index; });
        if (plan != m_plan.end()) {
            window.plan = *plan;
        } else {
            window.plan.index = index;
            std::istringstream words(detail);
            std::string hash;
            words >> hash >> window.plan.kind;
            std::getline(words >> std::ws, window.plan.title);
        }
        m_segments.push_back(std::move(window));
    } else if (event == "offer") {
        // "<id> pre_launch: 50 of SKU at 9900 cents, ...", "<id> on_sale (slot …)",
        // "<id> sold_out after 4200 ms, 50 sold", "<id> ended: time up, 3 left"
        std::istringstream words(detail);
        std::string id, step;
        words >> id >> step;
        if (!step.empty() && step.back() == ':') step.pop_back();
        if (step == "pre_launch") {
            OfferWindow offer;
            offer.id = id;
            offer.announced = utcMs;
            offer.quantity = numberAfter(detail, "pre_launch: ", 0);
            const auto of = detail.find(" of ");
            if (of != std::string::npos) offer.sku = firstWord(detail.substr(of + 4));
            offer.priceCents = numberAfter(detail, " at ", 0);
            if (const auto at = detail.find(" variant="); at != std::string::npos)
                offer.variant = firstWord(detail.substr(at + 9));
            m_offers.push_back(std::move(offer));
            return;
        }
        auto found = std::find_if(m_offers.rbegin(), m_offers.rend(),
                                  [&](const OfferWindow& o) { return o.id == id; });
        if (found == m_offers.rend()) return;
        if (step == "on_sale") {
            found->onSale = utcMs;
        } else if (step == "sold_out") {
            found->soldOut = utcMs;
            found->sold = detail.find("before launch") != std::string::npos ? 0 : found->quantity;
            const int64_t sold = numberAfter(detail, "ms, ", -1);
            if (sold >= 0) found->sold = sold;
            found->endReason = "sold out";
        } else if (step == "ended") {
            found->ended = utcMs;
            const int64_t left = numberAfter(detail, ", ", -1);
            if (left >= 0) found->sold = std::max<int64_t>(0, found->quantity - left);
            const auto colon = detail.find(": ");
            found->endReason = colon == std::string::npos
                                   ? "ended"
                                   : detail.substr(colon + 2, detail.find(',', colon) - colon - 2);
        }
    } else if (event == "show_stop") {
        close(utcMs);
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
