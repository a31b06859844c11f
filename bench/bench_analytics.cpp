// Analytics benchmarks run by scripts/bench.sh (figures in docs/PERFORMANCE.md):
//   generate   a long session straight into SQLite (the report benchmark's input)
//   inprocess  events through EventIngest (parse, validate, hash, commit) in this process
//   http       the same batches POSTed to a running hawker's ingest endpoint
//   csv        the same rows as CSV, for the sqlite3 CLI's .import reference
// Every mode draws the same deterministic events from the same seed.

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/store/event_store.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "hawker/studio/store/timeline_table.hpp"

using namespace hawker::studio;
using nlohmann::json;

namespace {

/// The options of every mode; each mode reads the ones it takes (main says which).
struct BenchArgs {
    std::string db, host = "127.0.0.1", token, out;
    std::optional<int64_t> events, hours, batch, clients, port, session;
};

/// splitmix64: the same stream on every machine and library version.
struct Random {
    uint64_t state;
    uint64_t next() {
        uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    int64_t below(int64_t n) { return static_cast<int64_t>(next() % static_cast<uint64_t>(n)); }
};

const char* kSkus[] = {"SERUM-50",  "CREAM-30", "MASK-10", "LIP-03",
                       "TONER-200", "SUN-50",   "EYE-15",  "OIL-100"};
const int64_t kPrices[] = {29900, 15900, 8900, 12900, 9900, 11900, 25900, 19900};
const char* kComments[] = {"好看",     "多少钱", "主播讲得好", "已下单",
                           "链接在哪", "太贵了", "有赠品吗",   "敏感肌能用吗"};

/// A show-like mix: views, likes, comments, clicks, carts, orders, refunds.
/// `i` is the event's position; ts spread evenly over the session.
json makeEvent(Random& r, int64_t i, int64_t total, int64_t start, int64_t spanMs,
               const std::string& prefix) {
    const int64_t ts = start + (spanMs * i) / std::max<int64_t>(1, total);
    const std::string viewer = "v" + std::to_string(r.below(300000));
    const int64_t roll = r.below(1000);
    json e = {{"id", prefix + std::to_string(i)}, {"ts", ts}, {"platform", "douyin"}};
    const int sku = static_cast<int>(r.below(8));
    if (roll < 180) {
        e["type"] = "view_start";
        e["viewer"] = viewer;
    } else if (roll < 330) {
        e["type"] = "view_end";
        e["viewer"] = viewer;
    } else if (roll < 620) {
        e["type"] = "like";
        e["viewer"] = viewer;
        e["count"] = 1 + r.below(20);
    } else if (roll < 770) {
        e["type"] = "comment";
        e["viewer"] = viewer;
        e["text"] = kComments[r.below(8)];
    } else if (roll < 880) {
        e["type"] = "product_click";
        e["viewer"] = viewer;
        e["sku"] = kSkus[sku];
    } else if (roll < 920) {
        e["type"] = "add_to_cart";
        e["viewer"] = viewer;
        e["sku"] = kSkus[sku];
    } else if (roll < 950) {
        e["type"] = "share";
        e["viewer"] = viewer;
    } else if (roll < 965) {
        e["type"] = "follow";
        e["viewer"] = viewer;
    } else if (roll < 980) {
        e["type"] = "order_created";
        e["viewer"] = viewer;
        e["order_id"] = "o" + std::to_string(i);
        e["sku"] = kSkus[sku];
        e["qty"] = 1;
        e["amount_cents"] = kPrices[sku];
    } else if (roll < 997) {
        e["type"] = "order_paid";
        e["viewer"] = viewer;
        e["order_id"] = "o" + std::to_string(i);
        e["sku"] = kSkus[sku];
        e["qty"] = 1 + r.below(2);
        e["amount_cents"] = kPrices[sku] * e["qty"].get<int64_t>();
    } else {
        e["type"] = "refund";
        e["order_id"] = "o" + std::to_string(i - 17);
        e["amount_cents"] = kPrices[sku];
    }
    return e;
}

/// Batches of `batch` events as `{"events":[…]}` bodies, built before timing.
std::vector<std::string> makeBodies(int64_t events, int64_t batch, uint64_t seed, int64_t start,
                                    int64_t spanMs) {
    Random r{seed};
    std::vector<std::string> bodies;
    for (int64_t i = 0; i < events; i += batch) {
        json list = json::array();
        for (int64_t k = i; k < std::min(events, i + batch); ++k)
            list.push_back(makeEvent(r, k, events, start, spanMs, "b-"));
        bodies.push_back(json{{"events", std::move(list)}}.dump());
    }
    return bodies;
}

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

constexpr int64_t kStart = 1700000000000LL;

int generate(const BenchArgs& a) {
    const std::string& db = a.db;
    const int64_t events = a.events.value_or(5000000);
    const int64_t hours = a.hours.value_or(4);
    const int64_t spanMs = hours * 3600 * 1000;
    Database database(db);
    SessionStore sessions(database);
    const Session s = sessions.create("benchmark 4h", "bench", kStart, false);
    sessions.setPlan(s.id, "douyin", R"({"gmv_cents":50000000,"uv":200000,"conversion_rate":0.02})");
    // An on-air timeline like a real evening: a card every 4 minutes, a segment every 20.
    TimelineInsert timeline(database);
    for (int64_t m = 0; m < hours * 60; m += 4) {
        const std::string sku = kSkus[(m / 4) % 8];
        timeline.add(s.id, kStart + m * 60000, TimelineRow::cardShown(m * 60000, sku, "card"));
        if (m % 20 == 0)
            timeline.add(
                s.id, kStart + m * 60000,
                TimelineRow::segment(m * 60000, m / 20 + 1, SegmentKind::Product, "讲解 " + sku, false));
    }
    const auto hasher = ViewerHasher(std::string(32, 'b'));
    EventStore store(database);
    Random r{1};
    const auto t0 = std::chrono::steady_clock::now();
    const int64_t chunk = 100000;
    for (int64_t i = 0; i < events; i += chunk) {
        std::vector<ViewerEvent> parsed;
        for (int64_t k = i; k < std::min(events, i + chunk); ++k) {
            std::string reason;
            if (auto e = parseEvent(makeEvent(r, k, events, kStart, spanMs, "g-"), hasher, reason))
                parsed.push_back(std::move(*e));
        }
        database.transaction([&] { store.insert(s.id, parsed, kStart + spanMs); });
    }
    sessions.end(s.id, kStart + spanMs);
    std::cout << "generated session=" << s.id << " events=" << events << " hours=" << hours
              << " seconds=" << secondsSince(t0) << std::endl;
    return 0;
}

int inprocess(const BenchArgs& a) {
    const std::string& db = a.db;
    const int64_t events = a.events.value_or(1000000);
    const int64_t batch = a.batch.value_or(1000);
    const int clients = static_cast<int>(a.clients.value_or(4));
    const auto bodies = makeBodies(events, batch, 2, kStart, 3600 * 1000);
    int64_t session = 0;
    {
        Database database(db);
        session = SessionStore(database).create("ingest benchmark", "bench", kStart, false).id;
    }
    EventIngest ingest(db, std::make_shared<const ViewerHasher>(std::string(32, 'b')));
    std::atomic<size_t> next{0};
    std::atomic<int64_t> accepted{0};
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back([&] {
            for (size_t i; (i = next++) < bodies.size();)
                accepted += ingest.ingestBatch(session, bodies[i]).at("accepted").get<int64_t>();
        });
    for (auto& t : threads)
        t.join();
    const double seconds = secondsSince(t0);
    std::cout << "inprocess events=" << accepted << " seconds=" << seconds
              << " events_per_s=" << static_cast<int64_t>(static_cast<double>(accepted) / seconds)
              << std::endl;
    return accepted == events ? 0 : 1;
}

int http(const BenchArgs& a) {
    const std::string& host = a.host;
    const int port = static_cast<int>(a.port.value_or(0));
    const std::string& token = a.token;
    const int64_t session = a.session.value_or(1);
    const int64_t events = a.events.value_or(1000000);
    const int64_t batch = a.batch.value_or(1000);
    const int clients = static_cast<int>(a.clients.value_or(4));
    const auto bodies = makeBodies(events, batch, 3, kStart, 3600 * 1000);
    const std::string path = "/api/v1/sessions/" + std::to_string(session) + "/events";
    std::atomic<size_t> next{0};
    std::atomic<int64_t> accepted{0}, failures{0};
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back([&] {
            httplib::Client client(host, port);
            client.set_keep_alive(true);
            client.set_read_timeout(30, 0);
            const httplib::Headers headers = {{"Authorization", "Bearer " + token}};
            for (size_t i; (i = next++) < bodies.size();) {
                auto res = client.Post(path, headers, bodies[i], "application/json");
                if (!res || res->status != 200) {
                    ++failures;
                    continue;
                }
                accepted += json::parse(res->body).at("accepted").get<int64_t>();
            }
        });
    for (auto& t : threads)
        t.join();
    const double seconds = secondsSince(t0);
    std::cout << "http events=" << accepted << " failed_batches=" << failures << " seconds=" << seconds
              << " events_per_s=" << static_cast<int64_t>(static_cast<double>(accepted) / seconds)
              << std::endl;
    return failures == 0 && accepted == events ? 0 : 1;
}

int csv(const BenchArgs& a) {
    // The rows the events table gets, as the sqlite3 CLI would import them;
    // viewers pre-hashed (the CLI cannot HMAC), ord and type as stored.
    const int64_t events = a.events.value_or(1000000);
    std::ofstream out(a.out, std::ios::binary);
    const auto hasher = ViewerHasher(std::string(32, 'b'));
    Random r{2};
    for (int64_t i = 0; i < events; ++i) {
        std::string reason;
        auto e = parseEvent(makeEvent(r, i, events, kStart, 3600 * 1000, "b-"), hasher, reason);
        if (!e) continue;
        out << 1 << ',' << e->ts << ',' << processingOrder(e->type) << ',' << e->id << ','
            << static_cast<int>(e->type) << ',' << e->platform << ',' << e->viewer << ',' << e->sku << ','
            << e->quantity << ',' << e->amountCents << ',' << e->orderId << ',' << e->coupon << ',' << e->text
            << ',' << e->maskedName << ',' << kStart << '\n';
    }
    return out ? 0 : 1;
}

/// `name` stores a whole number 0 or more into `field`.
void number(CLI::App& mode, const std::string& name, std::optional<int64_t>& field) {
    mode.add_option_function<int64_t>(name, [&field](const int64_t& value) { field = value; })
        ->check(CLI::NonNegativeNumber);
}

} // namespace

int main(int argc, char** argv) {
    BenchArgs a;
    CLI::App app{"Hawker's analytics benchmarks (scripts/bench.sh runs them)", "hawker_bench_analytics"};
    app.require_subcommand(1);
    CLI::App& generateMode = *app.add_subcommand("generate", "a long session straight into SQLite");
    generateMode.add_option("--db", a.db, "the SQLite file")->required();
    number(generateMode, "--events", a.events);
    number(generateMode, "--hours", a.hours);
    CLI::App& inprocessMode = *app.add_subcommand("inprocess", "events through EventIngest in this process");
    inprocessMode.add_option("--db", a.db, "the SQLite file")->required();
    number(inprocessMode, "--events", a.events);
    number(inprocessMode, "--batch", a.batch);
    number(inprocessMode, "--clients", a.clients);
    CLI::App& httpMode =
        *app.add_subcommand("http", "the same batches to a running hawker's ingest endpoint");
    httpMode.add_option("--host", a.host, "the API's address");
    httpMode.add_option("--token", a.token, "an ingest token")->required();
    number(httpMode, "--port", a.port);
    number(httpMode, "--session", a.session);
    number(httpMode, "--events", a.events);
    number(httpMode, "--batch", a.batch);
    number(httpMode, "--clients", a.clients);
    CLI::App& csvMode = *app.add_subcommand("csv", "the same rows as CSV, for the sqlite3 CLI's .import");
    csvMode.add_option("--out", a.out, "the CSV file")->required();
    number(csvMode, "--events", a.events);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error);
    }
    try {
        if (generateMode.parsed()) return generate(a);
        if (inprocessMode.parsed()) return inprocess(a);
        if (httpMode.parsed()) return http(a);
        return csv(a);
    } catch (const std::exception& error) {
        std::cerr << "hawker_bench_analytics: " << error.what() << std::endl;
        return 1;
    }
}
