#pragma once
// What was on air when: card intervals per product, scenes on program,
// rundown segments and flash-sale windows, in UTC ms. Built by replaying the
// on-air timeline, the same way live (from the timeline hook) and in the
// report (from the timeline table), so both attribute sales identically.
// It reads the rows' typed fields only, never their text.

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/show/timeline_row.hpp"

namespace hawker::studio {

/// Still open: the interval runs until now (live) or the session end (report).
constexpr int64_t kOpenEnd = std::numeric_limits<int64_t>::max();

struct OnAirInterval {
    int64_t start = 0;
    int64_t end = kOpenEnd; ///< exclusive
};

struct PlannedSegment {
    int index = 0; ///< from 1, as the rundown counts
    std::string kind, title, sku;
    int plannedSeconds = 0;
};

struct SegmentWindow {
    PlannedSegment plan;
    int64_t start = 0;
    int64_t end = kOpenEnd;
};

struct OfferWindow {
    std::string id, sku;
    int64_t priceCents = 0, quantity = 0, sold = 0;
    int64_t announced = 0;                         ///< pre-launch countdown started
    std::optional<int64_t> onSale, soldOut, ended; ///< UTC ms of each step
    std::string endReason;
    std::string variant; ///< A/B label, empty when the offer is in no test
    /// The window the sale was open (on_sale → sold out / ended).
    OnAirInterval saleInterval() const;
};

struct SceneInterval {
    std::string scene;
    OnAirInterval interval;
};

class OnAirSchedule {
public:
    /// The rundown's plan, so segments can be reported planned vs actual.
    void setPlan(std::vector<PlannedSegment> plan) { m_plan = std::move(plan); }
    /// One timeline row, at `utcMs` (its program time put on the session's clock).
    void apply(int64_t utcMs, const TimelineRow& row);
    /// Closes everything still open at `utcMs` (the session's end).
    void close(int64_t utcMs);

    /// True when `sku`'s card was on air at `utcMs`.
    bool cardOnAir(const std::string& sku, int64_t utcMs) const;
    /// The segment running at `utcMs`, or -1; `hint` makes ts-ordered lookups O(1).
    int segmentAt(int64_t utcMs, size_t& hint) const;

    const std::map<std::string, std::vector<OnAirInterval>>& cards() const { return m_cards; }
    const std::vector<SegmentWindow>& segments() const { return m_segments; }
    const std::vector<OfferWindow>& offers() const { return m_offers; }
    const std::vector<SceneInterval>& scenes() const { return m_scenes; }
    /// The sku of the card on air now (the newest one shown), or empty.
    std::string currentCard() const;
    /// Seconds `sku`'s card was on air in [from, to] (union of its intervals).
    double onAirSeconds(const std::string& sku, int64_t from, int64_t to) const;

private:
    void closeCard(const std::string& slot, int64_t utcMs);
    void applyOffer(int64_t utcMs, const TimelineRow& row);
    std::vector<PlannedSegment> m_plan;
    std::map<std::string, std::vector<OnAirInterval>> m_cards; ///< sku → intervals, in time order
    std::map<std::string, std::string> m_cardInSlot;           ///< slot → sku on air there
    std::vector<SegmentWindow> m_segments;
    std::vector<OfferWindow> m_offers;
    std::vector<SceneInterval> m_scenes;
};

} // namespace hawker::studio
