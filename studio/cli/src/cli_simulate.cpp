// hawker simulate: a simulated audience for a session, outside the show's
// process. It follows what the show puts on air by reading the session's
// on-air timeline from the database, and sends its events through the same
// ingest path as a platform: the HTTP endpoint (--url) or in-process.

#include <chrono>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <thread>

#include <httplib.h>

#include "cli_commands.hpp"
#include "hawker/studio/analytics/audience_simulator.hpp"
#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/analytics/on_air_schedule.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "hawker/studio/store/timeline_table.hpp"

namespace hawker::studio {

namespace {

using nlohmann::json;

/// Follows the session's timeline: rows up to the simulated time, read as
/// they appear (a running show writes them while we watch).
class TimelineFollower {
public:
    TimelineFollower(Database& db, const Session& session) : m_db(db), m_session(session) {}
    const OnAirSchedule& poll(int64_t nowUtcMs) {
        readTimeline(m_db, m_session.id, m_lastId, [&](const StoredTimelineRow& stored) {
            m_lastId = stored.id;
            const int64_t at =
                stored.programMs ? m_session.startUtcMs.value_or(0) + *stored.programMs : stored.utcMs;
            if (stored.row) m_pending.push_back({at, *stored.row});
        });
        while (!m_pending.empty() && m_pending.front().at <= nowUtcMs) {
            m_schedule.apply(m_pending.front().at, m_pending.front().row);
            m_pending.pop_front();
        }
        return m_schedule;
    }

private:
    struct Row {
        int64_t at;
        TimelineRow row;
    };
    Database& m_db;
    Session m_session;
    OnAirSchedule m_schedule;
    std::deque<Row> m_pending;
    int64_t m_lastId = 0;
};

/// Where the events go: the HTTP endpoint of a running hawker, or this process's ingest.
class EventSink {
public:
    virtual ~EventSink() = default;
    /// The ingest reply for one batch; throws std::runtime_error when it was not accepted.
    virtual json send(int64_t session, const std::string& body) = 0;
};

class HttpSink : public EventSink {
public:
    HttpSink(const std::string& url, std::string token) : m_client(url), m_token(std::move(token)) {
        m_client.set_keep_alive(true);
        m_client.set_connection_timeout(5, 0);
        m_client.set_read_timeout(30, 0);
    }
    json send(int64_t session, const std::string& body) override {
        const std::string path = "/api/v1/sessions/" + std::to_string(session) + "/events";
        // A platform retries until acknowledged; so does the simulator (bounded).
        for (int attempt = 1;; ++attempt) {
            auto res =
                m_client.Post(path, {{"Authorization", "Bearer " + m_token}}, body, "application/json");
            if (res && res->status == 200) return json::parse(res->body);
            if (res && res->status != 503 && res->status < 500)
                throw std::runtime_error("the ingest endpoint answered " + std::to_string(res->status) +
                                         ": " + res->body.substr(0, 200));
            if (attempt == 5)
                throw std::runtime_error(
                    "the ingest endpoint did not acknowledge a batch after 5 tries (" +
                    (res ? std::to_string(res->status) : httplib::to_string(res.error())) + ")");
            std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt));
        }
    }

private:
    httplib::Client m_client;
    std::string m_token;
};

class LocalSink : public EventSink {
public:
    LocalSink(const std::string& db, std::shared_ptr<const ViewerHasher> hasher)
        : m_ingest(db, std::move(hasher)) {}
    json send(int64_t session, const std::string& body) override {
        return m_ingest.ingestBatch(session, body, EventOrigin::Simulator);
    }

private:
    EventIngest m_ingest;
};

std::string tokenFromEnv(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    if (!value || !*value)
        throw UsageError("--url needs an ingest token in the environment variable " + name);
    return value;
}

} // namespace

int commandSimulate(const SimulateArgs& args) {
    const std::string& dbPath = args.db;
    const int64_t sessionId = args.session;
    const double duration = args.duration;
    const double speed = args.speed;
    const bool fast = args.fast;

    Database db(dbPath);
    const std::optional<Session> session = SessionStore(db).find(sessionId);
    if (!session) throw std::runtime_error("no session " + std::to_string(sessionId) + " in " + dbPath);
    if (!session->startUtcMs)
        throw std::runtime_error("session " + std::to_string(sessionId) + " has not started");

    SimulatorConfig config;
    config.seed = static_cast<uint64_t>(args.seed);
    if (args.arrivals) config.arrivalsPerMinute = static_cast<double>(*args.arrivals);
    config.idPrefix = "sim" + std::to_string(sessionId) + "-" + std::to_string(config.seed);
    {
        Statement products =
            db.prepare("SELECT sku, price_cents FROM session_products WHERE session_id = ?1");
        products.bind(1, sessionId);
        while (products.step())
            config.products.push_back({products.text(0), products.integer(1)});
        if (config.products.empty()) {
            Statement catalog = db.prepare("SELECT sku, price_cents FROM products");
            while (catalog.step())
                config.products.push_back({catalog.text(0), catalog.integer(1)});
        }
    }
    std::unique_ptr<EventSink> sink;
    if (args.url)
        sink = std::make_unique<HttpSink>(*args.url, tokenFromEnv(args.tokenEnv));
    else
        sink = std::make_unique<LocalSink>(
            dbPath,
            std::make_shared<const ViewerHasher>(ViewerHasher::fromKeyFile(ViewerHasher::defaultKeyPath())));

    AudienceSimulator simulator(config);
    TimelineFollower follower(db, *session);
    std::map<std::string, int64_t> price;
    for (const SimProduct& p : config.products)
        price[p.sku] = p.priceCents;
    // Live and accelerated runs start now; --fast replays from the session's start.
    const int64_t simStart = fast ? *session->startUtcMs : nowUtcMs();
    const auto wallStart = std::chrono::steady_clock::now();
    const int64_t stepMs = 500;
    size_t accepted = 0, duplicates = 0, rejected = 0;
    std::map<std::string, int64_t> soldInOffer;
    std::string lastLook;
    int64_t lastChange = simStart;
    for (int64_t t = 0; t <= static_cast<int64_t>(duration * 1000); t += stepMs) {
        if (!fast) {
            const auto due = wallStart + std::chrono::microseconds(
                                             static_cast<int64_t>(static_cast<double>(t) * 1000 / speed));
            std::this_thread::sleep_until(due);
        }
        const int64_t now = simStart + t;
        const OnAirSchedule& schedule = follower.poll(now);
        OnAirView view;
        view.cardSku = schedule.currentCard();
        view.cardPriceCents = price.count(view.cardSku) ? price[view.cardSku] : 0;
        if (!schedule.scenes().empty()) view.scene = schedule.scenes().back().scene;
        for (const OfferWindow& offer : schedule.offers()) {
            const bool over = offer.soldOut || offer.ended;
            if (offer.onSale && !over) {
                view.offerSku = offer.sku;
                view.offerPriceCents = offer.priceCents;
                view.offerRemaining = std::max<int64_t>(0, offer.quantity - soldInOffer[offer.id]);
            } else if (!offer.onSale && !over) {
                view.prelaunch = true;
            }
        }
        const std::string look = view.scene + "|" + view.cardSku + "|" + view.offerSku;
        if (look != lastLook) lastLook = look, lastChange = now;
        view.msSinceLastChange = now - lastChange;
        std::vector<json> events = t + stepMs > static_cast<int64_t>(duration * 1000)
                                       ? simulator.finish(now)
                                       : simulator.advance(now, view);
        for (const json& e : events)
            if (e.at("type") == "order_paid" && !view.offerSku.empty() && e.at("sku") == view.offerSku)
                for (const OfferWindow& offer : schedule.offers())
                    if (offer.sku == view.offerSku) soldInOffer[offer.id] += e.at("qty").get<int64_t>();
        if (events.empty()) continue;
        const json reply = sink->send(sessionId, json{{"events", std::move(events)}}.dump());
        accepted += reply.at("accepted").get<size_t>();
        duplicates += reply.at("duplicates").get<size_t>();
        rejected += reply.at("rejected").size();
    }
    std::cout << "simulate session=" << sessionId << " seed=" << config.seed << " accepted=" << accepted
              << " duplicates=" << duplicates << " rejected=" << rejected << std::endl;
    return rejected == 0 ? 0 : 1;
}

} // namespace hawker::studio
