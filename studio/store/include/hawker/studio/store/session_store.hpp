#pragma once
// Sessions (one live show each) in the database: create, go live, end, list.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/show/selling_spec.hpp"
#include "hawker/studio/show/show_file.hpp"
#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

struct Session {
    int64_t id = 0;
    std::string title;
    std::string tag;
    std::string state; ///< planned | live | ended
    bool rehearsal = false;
    std::optional<int64_t> startUtcMs, endUtcMs;
    int64_t createdUtcMs = 0;
    std::string platforms;   ///< comma-separated
    std::string targetsJson; ///< {"gmv_cents":…, "uv":…, "conversion_rate":…, "units":{sku:n}}
    std::optional<int64_t> lastSeenUtcMs, lastProgramMs; ///< the running show's heartbeat
    std::string variant;                                 ///< A/B label ("A", "B"); empty: not in a test
    std::string host; ///< who presented it (the show file's [session] host); empty: not said
};

/// What a killed show left behind to resume from.
struct ResumePoint {
    Session session;
    std::optional<std::string> stateJson; ///< the last stored show state
    int64_t lastProgramMs = 0;
    int64_t lastSeenUtcMs = 0;
};

int64_t nowUtcMs();

class SessionStore {
public:
    explicit SessionStore(Database& db) : m_db(db) {}

    /// A new session; with a start time it is live from then (imports of past
    /// shows give one), otherwise it is planned until started.
    Session create(const std::string& title, const std::string& tag, std::optional<int64_t> startUtcMs,
                   bool rehearsal);
    /// Platforms (comma-separated) and targets (JSON) of a session.
    void setPlan(int64_t id, const std::string& platforms, const std::string& targetsJson);
    /// The coupons and 满减 promotions the session offers (from its show file).
    void setOffers(int64_t id, const std::vector<CouponSpec>& coupons,
                   const std::vector<PromotionSpec>& promotions);
    /// Who presents the session (a staff name, at most 64 bytes; empty: not said).
    void setHost(int64_t id, const std::string& host);
    /// The A/B variant the session belongs to (empty: none).
    void setVariant(int64_t id, const std::string& variant);
    /// The run of show and the products the show offers, as planned, so the
    /// report can put planned next to actual and name every product.
    void setRundown(int64_t id, const std::vector<SegmentSpec>& rundown,
                    const std::vector<ProductSpec>& products);
    /// A planned session goes live now (a live one stays live). Throws
    /// StoreError if it does not exist or has ended.
    Session goLive(int64_t id);
    /// Sessions still marked live: a show that is running, or one whose
    /// process died (its heartbeat stopped).
    std::vector<Session> live();
    /// Where a live session can resume; throws StoreError if it is not live.
    ResumePoint resumePoint(int64_t id);
    /// Ends a session at `atUtcMs` (now by default). Throws StoreError with a
    /// clear reason if it does not exist, is already ended, or `at` is before its start.
    Session end(int64_t id, std::optional<int64_t> atUtcMs);
    std::optional<Session> find(int64_t id);
    std::vector<Session> list();

private:
    Database& m_db;
};

} // namespace hawker::studio
