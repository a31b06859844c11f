#pragma once
// A deterministic model of a live-selling audience: viewers arrive, watch, chat and buy in answer to what is
// on air, as docs/DESIGN.md viewer events, so rehearsals, demos and tests need no real platform.

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/seeded_random.hpp"

namespace hawker::studio {

/// What is on air right now, as the simulator sees it (filled by the caller from the show state).
struct OnAirView {
    std::string scene;          ///< program scene id
    std::string cardSku;        ///< product card on air, empty if none
    int64_t cardPriceCents = 0; ///< its price
    std::string offerSku;       ///< flash sale on sale right now, empty if none
    int64_t offerPriceCents = 0;
    int64_t offerRemaining = 0;     ///< units left in the flash sale
    int64_t offerPerBuyerLimit = 0; ///< units one viewer may buy in the flash sale, 0: no limit
    bool prelaunch = false;         ///< a flash-sale countdown is running (not yet on sale)
    int64_t msSinceLastChange = 0;  ///< time since the program scene or a graphic last changed
};

struct SimProduct {
    std::string sku;
    int64_t priceCents = 0;
};

struct SimulatorConfig {
    uint64_t seed = 1;
    double arrivalsPerMinute = 60; ///< base rate of new viewers
    /// The catalog (prices ¥29–¥899 typical); used when nothing is on air too.
    std::vector<SimProduct> products;
    std::string platform = "douyin"; ///< the events' `platform`; empty: left out
    std::string idPrefix = "sim";    ///< event ids are idPrefix + "-" + a counter: unique, deterministic
    int64_t maxViewers = 100000;     ///< bound on simultaneous viewers (memory bound)
};

/// Pure and single-threaded: the same config and the same sequence of calls give the same events, on any
/// platform (it uses its own PRNG, never the standard library's distributions).
///
/// Flash-sale stock: units of order_created for the offer's sku in one advance() call never exceed that
/// call's `offerRemaining` minus the flash units still in flight (created, neither paid nor released). This
/// holds whether the caller takes stock off on order_created or on (deduplicated) order_paid.
class AudienceSimulator {
public:
    explicit AudienceSimulator(SimulatorConfig config);

    /// Advances simulated time to `utcMs` (monotonic; call e.g. every 100 ms–1 s of show time) and returns
    /// every event that happened since the previous call, in ts order, as docs/DESIGN.md JSON objects:
    /// {"id","type","ts","platform", ...type fields}. Viewer ids are synthetic ("v000123"), never real.
    /// Event ts lie in [previous utcMs, utcMs] (only a view_start takes the lower end). The first call only
    /// starts the clock; a call at or before the current time, or after finish(), returns nothing.
    std::vector<nlohmann::json> advance(int64_t utcMs, const OnAirView& view);
    /// Ends the show at `utcMs`: every viewer still present leaves (view_end events). A gap since the last
    /// advance() is simulated with the last view, its flash sale closed. Follow-ups due after `utcMs`
    /// (unpaid orders, later refunds) are dropped.
    std::vector<nlohmann::json> finish(int64_t utcMs);
    size_t present() const; ///< viewers present now
    bool finished() const { return m_finished; }

private:
    /// One viewer slot. Slots are kept for present viewers and a bounded pool of viewers who left and may
    /// come back, so memory follows maxViewers, not the length of the show.
    struct Viewer {
        uint64_t number = 0;    ///< the "v000123" number
        int64_t arrivedMs = 0;  ///< start of the current presence
        int64_t leftMs = 0;     ///< end of the last presence (or of the current one while it is leaving)
        uint32_t listIndex = 0; ///< position in m_present or m_departed
        uint8_t chatter = 0;    ///< how much this viewer likes and comments (class index)
        uint8_t intent = 0;     ///< how much this viewer clicks products (class index)
        bool present = false;
        bool leaving = false; ///< leaves inside the chunk being simulated
        bool following = false;
        uint8_t coupon = 0; ///< coupon held, index into the coupon names, 0: none
    };
    /// A departure, keyed by the viewer's patience on the boredom clock (see m_boredom).
    struct Departure {
        double at = 0;
        uint64_t seq = 0;
        uint32_t slot = 0;
    };
    enum class Trait : uint8_t { None, Chatter, Intent };
    enum class Step : uint8_t { AddToCart, CreateOrder, PayOrder, RetryPaid, Refund, Release };
    /// A purchase follow-up that happens a few seconds (or minutes) after its cause.
    struct FollowUp {
        int64_t ts = 0;
        uint64_t seq = 0;
        Step step = Step::AddToCart;
        bool flash = false; ///< started as a flash-sale grab
        uint32_t slot = 0;
        uint64_t viewer = 0;
        std::string sku;
        int64_t priceCents = 0;
        int64_t qty = 1;
        uint64_t order = 0;
    };
    struct Emitted {
        int64_t ts = 0;
        int rank = 0;
        uint64_t seq = 0;
        nlohmann::json body;
    };
    /// Per-call facts derived from the view.
    struct Context {
        const OnAirView* view = nullptr;
        bool onSale = false;
        bool hasCard = false;
        bool idle = false;
        double arrivalFactor = 1;
        double leaveFactor = 1;
        double engageFactor = 1;
        int64_t flashBudget = 0; ///< flash units this call may still create
    };

    Context contextFor(const OnAirView& view, bool allowFlash);
    void simulate(int64_t fromMs, int64_t toMs, Context& ctx, std::vector<Emitted>& out);
    void arrive(int64_t ts, double boredomAt, std::vector<Emitted>& out);
    void departures(int64_t fromMs, int64_t toMs, double leaveFactor, std::vector<uint32_t>& leaving);
    void viewerActions(int64_t fromMs, int64_t toMs, Context& ctx, std::vector<Emitted>& out);
    void clickProduct(int64_t ts, uint32_t slot, const std::string& sku, int64_t priceCents, Context& ctx,
                      std::vector<Emitted>& out);
    void grabFlash(int64_t ts, uint32_t slot, Context& ctx, std::vector<Emitted>& out);
    void runFollowUps(int64_t toMs, Context& ctx, std::vector<Emitted>& out);
    void createOrder(const FollowUp& f, Context& ctx, std::vector<Emitted>& out);
    void releaseFlash(const std::string& sku, int64_t qty);
    void leave(uint32_t slot, std::vector<Emitted>& out);
    std::vector<nlohmann::json> deliver(std::vector<Emitted>& out);

    void schedule(FollowUp f);
    /// Queues an event and returns its body for the type's fields; viewer 0: none (refund).
    nlohmann::json& emit(std::vector<Emitted>& out, int64_t ts, const char* type, uint64_t viewer);
    /// A random present viewer, weighted by `trait`, and a moment inside their presence in (fromMs, toMs].
    bool randomPresent(int64_t fromMs, int64_t toMs, Trait trait, uint32_t& slot, int64_t& ts);
    int64_t productPrice(const std::string& sku, const OnAirView& view) const;

    double uniform() { return m_random.uniform(); }
    int64_t uniformInt(int64_t lo, int64_t hi) { return m_random.uniformInt(lo, hi); }
    bool chance(double p) { return m_random.chance(p); }
    double exponential() { return m_random.exponential(); }
    double normal() { return m_random.normal(); }
    int64_t poisson(double mean) { return m_random.poisson(mean); }

    SimulatorConfig m_config;
    SeededRandom m_random;
    bool m_started = false;
    bool m_finished = false;
    int64_t m_nowMs = 0;
    OnAirView m_lastView;
    /// The boredom clock: it runs faster when nothing on air changes and slower during a flash sale. A
    /// viewer leaves when it passes the patience drawn at arrival, so departures stay a heap pop each.
    double m_boredom = 0;
    double m_trafficLog = 0; ///< slow random swing of the platform's recommendation traffic

    std::vector<Viewer> m_viewers;
    std::vector<uint32_t> m_freeSlots;
    std::vector<uint32_t> m_present;
    std::vector<uint32_t> m_departed;
    std::vector<Departure> m_departures;            ///< min-heap on `at`
    std::vector<FollowUp> m_followUps;              ///< min-heap on (ts, seq)
    std::map<std::string, int64_t> m_flashInFlight; ///< flash units created, neither paid nor released
    std::string m_flashSku;                         ///< the sale m_flashBought belongs to
    int64_t m_flashOpenedMs = 0;                    ///< when it went on sale (the launch rush)
    std::map<uint64_t, int64_t> m_flashBought;      ///< units per viewer in that sale (per-buyer limit)
    std::map<std::string, int64_t> m_prices;        ///< catalog price by sku

    uint64_t m_nextViewer = 0;
    uint64_t m_nextOrder = 0;
    uint64_t m_nextEvent = 0;
    uint64_t m_seq = 0;
};

} // namespace hawker::studio
