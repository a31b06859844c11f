#include "hawker/studio/report/session_comparison.hpp"

#include <map>

#include "hawker/studio/report/chi_square.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

/// Sessions of the same title or tag that started before `session`.
std::vector<Session> earlierSessions(Database& db, const Session& session, const ReportOptions& options) {
    std::vector<Session> out;
    SessionStore store(db);
    for (const Session& other : store.list()) {
        if (other.id == session.id || !other.startUtcMs) continue;
        if (other.rehearsal && !options.includeRehearsals) continue;
        const bool sameTitle = other.title == session.title;
        const bool sameTag = !session.tag.empty() && other.tag == session.tag;
        if (!sameTitle && !sameTag) continue;
        if (*other.startUtcMs > session.startUtcMs.value_or(0)) continue;
        out.push_back(other);
    }
    std::sort(out.begin(), out.end(),
              [](const Session& a, const Session& b) { return *a.startUtcMs > *b.startUtcMs; });
    if (out.size() > options.comparisonLimit) out.resize(options.comparisonLimit);
    return out;
}

std::optional<double> ratio(int64_t a, int64_t b) {
    if (b == 0) return std::nullopt;
    return static_cast<double>(a) / static_cast<double>(b);
}
json nullable(const std::optional<double>& v) {
    return v ? json(*v) : json(nullptr);
}

} // namespace

SessionTotals sessionTotals(Database& db, const Session& session) {
    SessionTotals totals;
    if (!session.startUtcMs) return totals;
    const int64_t start = *session.startUtcMs;
    const int64_t end = session.endUtcMs.value_or(nowUtcMs());
    Statement uv = db.prepare("SELECT count(DISTINCT viewer) FROM events WHERE session_id = ?1 AND type = 0 "
                              "AND ts BETWEEN ?2 AND ?3");
    uv.bind(1, session.id).bind(2, start).bind(3, end);
    if (uv.step()) totals.uv = uv.integer(0);
    // The earliest order_paid of each order (SQLite takes the bare columns
    // from the row holding min(ts)).
    Statement paid =
        db.prepare("SELECT count(*), count(DISTINCT viewer), coalesce(sum(amount_cents), 0) FROM ("
                   " SELECT viewer, amount_cents, min(ts) FROM events"
                   " WHERE session_id = ?1 AND order_id IS NOT NULL AND type = 9 AND ts BETWEEN ?2 AND ?3"
                   " GROUP BY order_id)");
    paid.bind(1, session.id).bind(2, start).bind(3, end);
    if (paid.step()) {
        totals.paidOrders = paid.integer(0);
        totals.buyers = paid.integer(1);
        totals.gmvCents = paid.integer(2);
    }
    return totals;
}

json compareWithEarlierSessions(Database& db, const Session& session, const MetricsSummary& current,
                                const ReportOptions& options) {
    json rows = json::array();
    for (const Session& other : earlierSessions(db, session, options)) {
        const SessionTotals t = sessionTotals(db, other);
        rows.push_back({{"id", other.id},
                        {"title", other.title},
                        {"tag", other.tag},
                        {"variant", other.variant},
                        {"rehearsal", other.rehearsal},
                        {"start_utc_ms", *other.startUtcMs},
                        {"uv", t.uv},
                        {"buyers", t.buyers},
                        {"paid_orders", t.paidOrders},
                        {"gmv_cents", t.gmvCents},
                        {"conversion_rate", nullable(ratio(t.buyers, t.uv))},
                        {"current", false}});
    }
    rows.push_back({{"id", session.id},
                    {"title", session.title},
                    {"tag", session.tag},
                    {"variant", session.variant},
                    {"rehearsal", session.rehearsal},
                    {"start_utc_ms", session.startUtcMs.value_or(0)},
                    {"uv", current.uv},
                    {"buyers", current.buyers},
                    {"paid_orders", current.paidOrders},
                    {"gmv_cents", current.gmvCents},
                    {"conversion_rate", nullable(current.conversionRate)},
                    {"current", true}});
    return rows;
}

json abTests(Database& db, const Session& session, const MetricsSummary& current,
             const ReportOptions& options) {
    struct Group {
        int64_t buyers = 0, uv = 0, sessions = 0;
    };
    std::map<std::string, Group> byVariant;
    if (!session.variant.empty()) {
        Group& g = byVariant[session.variant];
        g.buyers += current.buyers;
        g.uv += current.uv;
        ++g.sessions;
    }
    ReportOptions all = options;
    all.comparisonLimit = 1000; // every session of the group takes part in the test
    for (const Session& other : earlierSessions(db, session, all)) {
        if (other.variant.empty()) continue;
        const SessionTotals t = sessionTotals(db, other);
        Group& g = byVariant[other.variant];
        g.buyers += t.buyers;
        g.uv += t.uv;
        ++g.sessions;
    }
    json tests = json::array();
    if (byVariant.size() < 2) return tests;
    const auto base = byVariant.begin();
    for (auto other = std::next(base); other != byVariant.end(); ++other) {
        const Group& a = base->second;
        const Group& b = other->second;
        const ChiSquareResult result = chiSquare2x2(a.buyers, a.uv, b.buyers, b.uv);
        tests.push_back({{"dimension", "session variant"},
                         {"a", base->first},
                         {"b", other->first},
                         {"a_sessions", a.sessions},
                         {"b_sessions", b.sessions},
                         {"a_buyers", a.buyers},
                         {"a_uv", a.uv},
                         {"b_buyers", b.buyers},
                         {"b_uv", b.uv},
                         {"a_rate", nullable(ratio(a.buyers, a.uv))},
                         {"b_rate", nullable(ratio(b.buyers, b.uv))},
                         {"chi_square", result.valid ? json(result.chiSquare) : json(nullptr)},
                         {"p_value", result.valid ? json(result.pValue) : json(nullptr)},
                         {"significant", result.valid && result.pValue < 0.05},
                         {"note", result.valid ? "" : result.reason}});
    }
    return tests;
}

} // namespace hawker::studio
