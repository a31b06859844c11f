#include "hawker/studio/report/session_replay.hpp"

#include <algorithm>

#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/store/event_replay.hpp"

namespace hawker::studio {

std::map<std::string, SessionProduct> sessionProducts(Database& db, int64_t sessionId) {
    std::map<std::string, SessionProduct> products;
    Statement catalog = db.prepare("SELECT sku, name, price_cents FROM products");
    while (catalog.step())
        products[catalog.text(0)] = {catalog.text(1), catalog.integer(2)};
    Statement offered =
        db.prepare("SELECT sku, name, price_cents FROM session_products WHERE session_id = ?1");
    offered.bind(1, sessionId);
    while (offered.step())
        products[offered.text(0)] = {offered.text(1), offered.integer(2)};
    return products;
}

SessionReplay replaySession(Database& db, int64_t sessionId) {
    SessionStore sessions(db);
    std::optional<Session> session = sessions.find(sessionId);
    if (!session) throw StoreError("no session " + std::to_string(sessionId));
    if (!session->startUtcMs)
        throw StoreError("session " + std::to_string(sessionId) + " has not started yet (it is planned)");
    SessionReplay replay;
    replay.start = *session->startUtcMs;
    // A live session is counted up to now; an ended one over its window.
    replay.end = session->endUtcMs.value_or(std::max(replay.start, nowUtcMs()));
    replay.schedule = std::make_unique<OnAirSchedule>(loadSchedule(db, *session));
    replay.metrics = std::make_unique<SessionMetrics>(replay.start, replay.end);
    replay.metrics->setSchedule(replay.schedule.get());
    // Rows are decoded on a second thread while this one counts them.
    SessionMetrics& metrics = *replay.metrics;
    replayEvents(db.path(), sessionId, replay.start, replay.end,
                 [&](const std::vector<ViewerEvent>& events) { metrics.add(events); });
    replay.schedule->close(replay.end);
    replay.products = sessionProducts(db, sessionId);
    replay.session = std::move(*session);
    return replay;
}

} // namespace hawker::studio
