#pragma once
// Every metric of docs/DESIGN.md ("Metric definitions"), kept incrementally: each
// event costs O(1) (hash-map updates), and a summary can be read at any time.
// The live dashboard feeds it events as they are committed; the report feeds
// it the stored events in processing order. Same code, same numbers.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "hawker/studio/analytics/flat_id_set.hpp"
#include "hawker/studio/analytics/on_air_schedule.hpp"
#include "hawker/studio/analytics/order_key.hpp"
#include "hawker/studio/store/viewer_event.hpp"

namespace hawker::studio {

/// The summary numbers; a ratio with a zero denominator is nullopt (null in JSON).
struct MetricsSummary {
    int64_t pv = 0, uv = 0, pcu = 0;
    double watchSeconds = 0;
    std::optional<double> acu, avgWatchSeconds;
    int64_t engagedUv = 0, comments = 0, shares = 0, likes = 0, newFollowers = 0;
    std::optional<double> engagementRate;
    int64_t paidOrders = 0, buyers = 0, units = 0, gmvCents = 0, refundsCents = 0, netSalesCents = 0;
    std::optional<double> refundRate;
    int64_t productClickUv = 0, addToCartUv = 0, orderCreatedUv = 0;
    std::optional<double> productClickRate, conversionRate, clickToPayRate;
    std::optional<double> uvValueCents, gpmCents, revenuePerBuyerCents, aovCents;
    int64_t couponsIssued = 0, couponsRedeemed = 0;
    std::optional<double> couponUsageRate;
    int64_t present = 0; ///< viewers present at the summary's time (online now)
    /// Super Chats and the like: their amounts are in PaidEngagementTotal. Not a key of summaryJson: the
    /// summary holds docs/DESIGN.md's metrics, and paid engagement is reported beside it by currency.
    int64_t paidEngagements = 0;
};

/// Paid engagement in one currency. Amounts stay in the viewer's currency:
/// Hawker has no exchange rate it could defend in a review.
struct PaidEngagementTotal {
    std::string currency;
    int64_t count = 0, amountMicros = 0;
};

struct MinuteCounts {
    int64_t enters = 0, comments = 0, likes = 0, orders = 0, gmvCents = 0, viewersEnd = 0;
};

struct ProductCounts {
    int64_t clicks = 0, paidOrders = 0, units = 0, gmvCents = 0, gmvOnAirCents = 0;
    FlatIdSet clickViewers;
};

/// Counts over one time window (a segment, an offer's sale, a card's showing).
struct WindowCounts {
    int64_t enters = 0, comments = 0, likes = 0, clicks = 0, paidOrders = 0, units = 0, gmvCents = 0;
    FlatIdSet buyers;
    FlatIdSet clickers; ///< offers: viewers who clicked the offer's product while it was on sale
};

class SessionMetrics {
public:
    /// The session's window; without an end (a live show) it is open.
    SessionMetrics(int64_t startUtcMs, std::optional<int64_t> endUtcMs);

    /// What was on air (cards for GMV on air, segments, offers). Not owned;
    /// must outlive this object. Live, the caller keeps it up to date.
    void setSchedule(const OnAirSchedule* schedule) { m_schedule = schedule; }
    /// One event, in processing order; events outside the window are ignored.
    /// True when it is the first order_paid of its order in the window (the
    /// order counts now; a retry of it later returns false).
    bool add(const ViewerEvent& event);
    /// The same for a run of events in processing order, faster for a long
    /// replay: the viewers' table slots are fetched from memory together.
    void add(const std::vector<ViewerEvent>& events);

    /// An order counted with its product pending (`pending`, from a webhook
    /// that names no SKU) whose detail arrived: its product numbers move to
    /// the `lines` (same time, same buyer) and GMV becomes their total. The
    /// order is not counted again; a detail of several lines counts one
    /// paid order per line, as the stored lines do when the report replays
    /// them. False when `pending` was not counted here (outside the window).
    bool resolve(const ViewerEvent& pending, const std::vector<ViewerEvent>& lines);

    /// The summary as of `asOfUtcMs` (presence still open is counted up to
    /// then; in a closed window, up to the end).
    MetricsSummary summary(int64_t asOfUtcMs) const;
    /// Per-minute counts; `viewersEnd` of minutes not yet finished is the present count.
    std::vector<MinuteCounts> perMinute(int64_t asOfUtcMs) const;
    const std::map<std::string, ProductCounts>& products() const { return m_products; }
    /// Counts per schedule segment (index into schedule->segments()).
    const std::vector<WindowCounts>& segments() const { return m_segmentCounts; }
    /// Paid orders and GMV in each offer's sale window (index into schedule->offers()).
    WindowCounts offerCounts(size_t offerIndex) const;
    /// One showing of a product card (index into schedule->cards().at(sku)): the views that started
    /// while it was on air (`enters`), and that product's clicks, paid orders, units and GMV then.
    WindowCounts showingCounts(const std::string& sku, size_t showingIndex) const;
    /// The most viewers present at once in [from, to) (UTC ms), by whole
    /// seconds: a second the window only touches counts whole.
    int64_t peakPresent(int64_t fromUtcMs, int64_t toUtcMs) const;
    /// Comments with their time and masked author, newest last (bounded).
    struct Comment {
        int64_t ts = 0;
        std::string who, text;
        std::string id; ///< the event id: a comment the platform deletes leaves the feed by it
        /// A paid message (Super Chat): its amount, so the host can thank it; 0 for a comment.
        int64_t amountMicros = 0;
        std::string currency;
        bool removed = false; ///< deleted by the platform: a hole that keeps the ring's order
    };
    /// Takes a deleted comment out of the feed (it still counted when it came).
    bool removeComment(const std::string& eventId);
    /// The newest comments and paid messages (at most 200), oldest first.
    std::vector<Comment> recentComments() const;
    /// Paid engagement by currency, in currency order.
    std::vector<PaidEngagementTotal> paidEngagement() const;

    int64_t start() const { return m_start; }
    bool inWindow(int64_t ts) const { return ts >= m_start && (!m_end || ts <= *m_end); }
    /// An order_paid of this order was counted.
    bool paid(std::string_view orderId) const { return m_paid.find(orderKey(orderId)) != nullptr; }
    std::optional<int64_t> end() const { return m_end; }
    uint64_t eventsCounted() const { return m_counted; }

private:
    struct PaidOrder {
        int64_t amountCents = 0, refundedCents = 0;
        bool refunded = false;
    };
    size_t minuteOf(int64_t ts);
    void keepInFeed(const ViewerEvent& e);
    void settleMinutesBefore(int64_t ts);
    void refund(PaidOrder& order, int64_t amountCents);
    WindowCounts* segmentFor(int64_t ts);
    WindowCounts* offerOnSale(const std::string& sku, int64_t ts);
    /// The counts of `sku`'s card showing on air at `ts`, or nullptr.
    WindowCounts* showingAt(const std::string& sku, int64_t ts);
    WindowCounts* showingIn(const std::string& sku, const std::vector<OnAirInterval>& showings, int64_t ts);
    /// A sale (or, with negative figures, its undoing) in its product card's showing.
    void countInShowing(const std::string& sku, int64_t ts, int64_t orders, int64_t units, int64_t cents,
                        int64_t buyer);

    int64_t m_start;
    std::optional<int64_t> m_end;
    const OnAirSchedule* m_schedule = nullptr;
    uint64_t m_counted = 0;

    // presence
    /// Everything known about one viewer, so an event costs one hash probe:
    /// the open presence's start (0: not present) and which distinct counts it is in.
    /// Packed into 8 bytes (flags in the top byte, the ts below; UTC ms fit
    /// in 48 bits until the year 10889), so a table slot is 16 bytes.
    struct ViewerState {
        uint64_t bits = 0;
        int64_t presentSince() const { return static_cast<int64_t>(bits & kTsMask); }
        void setPresentSince(int64_t ts) { bits = (bits & ~kTsMask) | (static_cast<uint64_t>(ts) & kTsMask); }
        uint8_t flags() const { return static_cast<uint8_t>(bits >> 56); }
        static constexpr uint64_t kTsMask = (uint64_t{1} << 48) - 1;
    };
    enum ViewerFlag : uint8_t {
        kSeen = 1,
        kEngaged = 2,
        kFollower = 4,
        kClicker = 8,
        kCarter = 16,
        kOrderer = 32,
        kBuyer = 64
    };
    /// Sets `flag` on the viewer; true when it was not set (a new distinct viewer for that count).
    static bool mark(ViewerState& viewer, ViewerFlag flag) {
        const bool fresh = (viewer.flags() & flag) == 0;
        viewer.bits |= static_cast<uint64_t>(flag) << 56;
        return fresh;
    }
    FlatIdMap<ViewerState> m_viewerStates;
    int64_t m_present = 0;
    /// The most present in each second of the session (a clip's peak viewers); bounded to 10 days.
    static constexpr int64_t kPeakSeconds = 10 * 24 * 3600;
    std::vector<int64_t> m_peakBySecond;
    int64_t m_lastPresent = 0;
    void notePresence(int64_t ts);
    int64_t m_uv = 0, m_engagedUv = 0, m_followersUv = 0, m_clickUv = 0, m_cartUv = 0, m_orderUv = 0,
            m_buyerCount = 0;
    int64_t m_sumOfOpenStarts = 0; ///< Σ since over present viewers: watch time in O(1)
    int64_t m_closedWatchMs = 0;
    int64_t m_pv = 0, m_pcu = 0;
    int64_t m_comments = 0, m_shares = 0, m_likes = 0, m_paidEngagements = 0;
    std::map<std::string, PaidEngagementTotal> m_paidByCurrency;
    // orders
    FlatIdMap<PaidOrder> m_paid; ///< by orderKey(order id): no node or string per order
    std::unordered_map<std::string, int64_t> m_refundsBeforePaid; ///< refunds seen before their order_paid
    int64_t m_paidOrders = 0, m_units = 0, m_gmv = 0, m_refunds = 0, m_refundedOrders = 0;
    int64_t m_couponsIssued = 0, m_couponsRedeemed = 0;
    // breakdowns
    std::vector<MinuteCounts> m_minutes;
    size_t m_minutesSettled = 0; ///< minutes whose viewers_end is final
    std::map<std::string, ProductCounts> m_products;
    std::vector<WindowCounts> m_segmentCounts;
    std::vector<WindowCounts> m_offerCounts;
    std::map<std::string, std::vector<WindowCounts>>
        m_showingCounts; ///< sku → per showing, as schedule->cards()
    size_t m_segmentHint = 0;
    /// A ring of the newest comments: overwritten in place, so a long replay
    /// with hundreds of thousands of comments allocates nothing for them.
    std::vector<Comment> m_recentComments;
    size_t m_commentsSeen = 0;
};

/// numerator ÷ denominator, nullopt when the denominator is 0 (docs/DESIGN.md: never 0, never NaN).
std::optional<double> metricRatio(double numerator, double denominator);
/// A ratio as JSON: null when there is none.
nlohmann::json ratioJson(const std::optional<double>& value);

/// The report's JSON blocks with docs/DESIGN.md's key names.
nlohmann::json summaryJson(const MetricsSummary& summary);
/// One feed entry: {"offset_ms","who","text"} and, for a paid message,
/// "paid": {"currency","amount_micros"}. An unnamed author is 观众 (viewer).
nlohmann::json feedCommentJson(const SessionMetrics::Comment& comment, int64_t startUtcMs);
/// [{"currency":"USD","count":N,"amount_micros":N}, …]
nlohmann::json paidEngagementJson(const std::vector<PaidEngagementTotal>& totals);
nlohmann::json perMinuteJson(const std::vector<MinuteCounts>& minutes);

} // namespace hawker::studio
