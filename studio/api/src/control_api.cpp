#include "hawker/studio/api/control_api.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "connection_gate.hpp"
#include "connector_routes.hpp"
#include "gated_server.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/base/untrusted_text.hpp"
#include "hawker/studio/clips/clip_jobs.hpp"
#include "hawker/studio/engine/program_view.hpp"
#include "route_kit.hpp"
#include "routes.hpp"
#include "webhook_routes.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

/// Tokens shorter than this are guessable; refuse them at start.
constexpr size_t kMinTokenLength = 16;

/// delays a take; senders without a known token share the last lane.
const std::vector<GateLane> kLanes = {
    {toString(Role::Operator), 2, 16}, {toString(Role::Host), 1, 8}, {toString(Role::Merchandiser), 2, 8},
    {toString(Role::Ingest), 4, 12},   {"webhook", 4, 32},           {"anonymous", 1, 8},
};
/// The platforms' order webhooks carry a signature, not a token: their own
/// lane, so a flash sale's burst of orders (or a forger's flood) neither waits
/// behind nor starves the requests of people.
constexpr size_t kWebhookLane = 4;
constexpr std::string_view kWebhookPrefix = "/api/v1/webhooks/";

/// Each role's lane in kLanes: a switch, so a new role cannot be left out
/// without the compiler saying so; the automation has no token of its own.
size_t laneOfRole(Role role) {
    switch (role) {
    case Role::Operator:
        return 0;
    case Role::Host:
        return 1;
    case Role::Merchandiser:
        return 2;
    case Role::Ingest:
        return 3;
    case Role::Automation:
        break;
    }
    return kLanes.size() - 1;
}

std::string secretFromFile(const ApiTokenSpec& token) {
    std::ifstream in(token.tokenFile);
    if (!in)
        throw std::runtime_error("api token " + token.name + ": cannot read " + token.tokenFile.string());
    std::ostringstream text;
    text << in.rdbuf();
    try {
        const toml::table table = toml::parse(text.str(), token.tokenFile.string());
        const toml::node* node = table.get(token.tokenKey);
        if (!node || !node->is_string())
            throw std::runtime_error("api token " + token.name + ": " + token.tokenFile.string() +
                                     " has no key '" + token.tokenKey + "'");
        return node->as_string()->get();
    } catch (const toml::parse_error& e) {
        // Never quote the file: it holds secrets.
        throw std::runtime_error("api token " + token.name + ": " + token.tokenFile.string() +
                                 " is not valid TOML (line " + std::to_string(e.source().begin.line) + ")");
    }
}

/// Compares in time independent of where the strings differ.
bool sameSecret(std::string_view a, std::string_view b) {
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i % (b.empty() ? 1 : b.size())]);
    return diff == 0 && !b.empty();
}

} // namespace

std::vector<ApiToken> resolveApiTokens(const ApiSpec& api) {
    std::vector<ApiToken> tokens;
    for (const ApiTokenSpec& spec : api.tokens) {
        std::string secret;
        if (!spec.tokenEnv.empty()) {
            const char* value = std::getenv(spec.tokenEnv.c_str());
            if (!value || !*value)
                throw std::runtime_error("api token " + spec.name + ": environment variable " +
                                         spec.tokenEnv + " is not set");
            secret = value;
        } else {
            secret = secretFromFile(spec);
        }
        if (secret.size() < kMinTokenLength)
            throw std::runtime_error("api token " + spec.name + " is shorter than " +
                                     std::to_string(kMinTokenLength) +
                                     " characters; use a long random token");
        for (const ApiToken& other : tokens)
            if (other.secret == secret)
                throw std::runtime_error("api tokens " + other.name + " and " + spec.name +
                                         " are the same; each role needs its own token");
        registerSecret(secret);
        tokens.push_back({spec.name, spec.role, secret});
    }
    return tokens;
}

ControlApi::ControlApi(ProgramView& engine, const ApiSpec& spec, std::vector<ApiToken> tokens)
    : m_engine(engine), m_spec(spec), m_tokens(std::move(tokens)),
      m_server(std::make_unique<GatedServer>(m_limits)), m_webhooks(resolveWebhookSecrets(spec)),
      m_webhookStats(std::make_unique<WebhookStats>()),
      m_webhookDetails(std::make_unique<WebhookDetails>(engine, m_webhooks)),
      m_connectors(std::make_unique<LiveConnectors>(engine, engine.show().connectors)),
      m_clipJobs(std::make_unique<ClipJobs>()) {
    m_limits.maxBodyBytes = m_spec.maxBodyBytes;
    routes();
}

const ApiToken* ControlApi::tokenOf(std::string_view authorization) const {
    const std::optional<std::string_view> given = bearerToken(authorization);
    if (!given) return nullptr;
    const ApiToken* found = nullptr;
    for (const ApiToken& token : m_tokens) // every token compared: the time does not say which matched
        if (sameSecret(*given, token.secret)) found = &token;
    return found;
}

ControlApi::~ControlApi() {
    stop();
}

void ControlApi::bind() {
    // The gate enforces these before the library sees a request; the
    // library's own limits stay as a second line.
    m_server->set_payload_max_length(m_spec.maxBodyBytes);
    m_server->set_read_timeout(m_limits.ioTimeout);
    m_server->set_write_timeout(m_limits.ioTimeout);
    // One request per connection: every request passes the gate, and no
    // idle keep-alive connection holds a worker.
    m_server->set_keep_alive_max_count(1);
    m_server->setGate(std::make_unique<ConnectionGate>(
        m_limits, kLanes,
        [this](const RequestHead& head) {
            if (head.method == "POST" && head.target.rfind(kWebhookPrefix, 0) == 0) return kWebhookLane;
            const ApiToken* token = tokenOf(head.authorization);
            return token ? laneOfRole(token->role) : kLanes.size() - 1;
        },
        [server = m_server.get()](int socket) { server->serveAdmitted(socket); },
        [](const std::string& line) { logWarning(line); }));
    if (m_spec.port == 0) {
        m_port = m_server->bind_to_any_port(m_spec.bind);
        if (m_port <= 0) throw std::runtime_error("api: cannot bind " + m_spec.bind);
    } else {
        if (!m_server->bind_to_port(m_spec.bind, m_spec.port))
            throw std::runtime_error("api: cannot listen on " + m_spec.bind + ":" +
                                     std::to_string(m_spec.port) +
                                     " (in use, or not an address of this machine)");
        m_port = m_spec.port;
    }
    m_server->widenBacklog();
}

void ControlApi::serve() {
    auto ended = std::make_shared<std::atomic<bool>>(false);
    m_thread = std::thread([this, ended] {
        try {
            m_server->listen_after_bind();
        } catch (const std::exception& error) {
            logError(std::string("api stopped: ") + printable(error.what()) +
                     "; the show goes on without it");
        } catch (...) {
            logError("api stopped by an unknown error; the show goes on without it");
        }
        *ended = true;
    });
    // The server's stop() does nothing before its loop runs, and the loop would
    // then accept forever: a show stopped at once would never exit. So serving
    // begins only once the loop runs (or has failed), within a bounded wait.
    for (int i = 0; i < 5000 && !m_server->is_running() && !*ended; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    m_connectors->start(); // after the loop runs: a poller's health and alerts are read through it
    // A resumed session's orders still waiting for their products: the fetchers' queues were in memory.
    m_webhookDetails->requeuePending(m_engine.sessionId(), m_engine.databasePath());
    logInfo("api listening on http://" + m_spec.bind + ":" + std::to_string(m_port) + "/api/v1/");
}

void ControlApi::stop() {
    if (m_server) m_server->stop();
    if (m_thread.joinable()) m_thread.join();
    if (m_server) m_server->stopGate();
    // After the routes: nothing queues any more; a request in flight is cut off.
    if (m_webhookDetails) m_webhookDetails->stop();
    if (m_connectors) m_connectors->stop();
}

std::vector<ConnectorStatus> ControlApi::connectorHealth() const {
    return m_connectors ? m_connectors->health().snapshot() : std::vector<ConnectorStatus>{};
}

void ControlApi::routes() {
    httplib::Server& server = *m_server;
    m_kit = std::make_unique<RouteKit>(
        server, m_limits, [this](std::string_view authorization) { return tokenOf(authorization); });
    api_routes::addCommandRoutes(*m_kit, m_engine);
    api_routes::addShowRoutes(*m_kit, m_engine);
    api_routes::addSessionRoutes(*m_kit, m_engine);
    api_routes::addClipRoutes(*m_kit, m_engine, *m_clipJobs);
    api_routes::addWebhookRoutes(*m_kit, m_engine, m_webhooks, *m_webhookStats, *m_webhookDetails);
    api_routes::addConnectorRoutes(*m_kit, m_engine, *m_connectors, *m_webhookStats);

    server.Post(".*", [](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader&) {
        error(res, 404, "no such endpoint: POST " + printable(req.path, 120) + " (see docs/API.md)");
    });

    // These run for every answer; they must not throw whatever the request
    // held (a path with invalid UTF-8 or escape sequences is escaped first).
    server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        try {
            if (!res.body.empty()) return;
            if (res.status == 404)
                error(res, 404,
                      "no such endpoint: " + printable(req.method) + " " + printable(req.path, 120) +
                          " (see docs/API.md)");
            else if (res.status == 413)
                error(res, 413, "the body is too large");
            else
                error(res, res.status, "request failed");
        } catch (...) {
            res.set_content(R"({"ok":false,"error":"request failed"})", "application/json; charset=utf-8");
        }
    });
    server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        try {
            logError("api " + printable(req.method) + " " + printable(req.path, 120) + " failed");
            error(res, 500, "internal error; the show goes on (see the log)");
        } catch (...) {
            res.status = 500;
        }
    });
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        try {
            // Answered requests are many under ingest; the log keeps the
            // ones that went wrong at the default level.
            logLine(res.status < 400 ? LogLevel::Debug : LogLevel::Info,
                    "api " + printable(req.method) + " " + printable(req.path, 120) + " -> " +
                        std::to_string(res.status));
        } catch (...) {
        }
    });
}

} // namespace hawker::studio
