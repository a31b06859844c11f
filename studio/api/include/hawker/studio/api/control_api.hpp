#pragma once
// The HTTP control API (/api/v1/..., JSON): one more sender of commands to the
// show controller, next to the console and the rundown automation. Bearer
// tokens carry roles; the command layer decides what each role may do.

#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "hawker/studio/api/connector_health.hpp"
#include "hawker/studio/api/request_head.hpp"
#include "hawker/studio/api/webhook_secrets.hpp"
#include "hawker/studio/show/selling_spec.hpp"

namespace hawker::studio {

class ClipJobs;

class GatedServer;

class ProgramView;

/// A token with its secret resolved from the environment or a secrets file.
struct ApiToken {
    std::string name;
    Role role = Role::Operator;
    std::string secret;
};
/// Resolves every token of the show; throws std::runtime_error naming the
/// token whose secret is missing or too short.
std::vector<ApiToken> resolveApiTokens(const ApiSpec& api);

class RouteKit;
class WebhookStats;
class WebhookDetails;
class LiveConnectors;

class ControlApi {
public:
    ControlApi(ProgramView& engine, const ApiSpec& spec, std::vector<ApiToken> tokens);
    ~ControlApi();
    ControlApi(const ControlApi&) = delete;
    ControlApi& operator=(const ControlApi&) = delete;

    /// Binds the address (throws std::runtime_error if it is taken), so a
    /// taken port is found before the show starts.
    void bind();
    /// Serves requests on a thread of its own (requests that arrived since
    /// bind() wait in the backlog until then).
    void serve();
    void stop();
    /// The bound port (useful when the show asks for port 0).
    int port() const { return m_port; }
    /// Each live-comment connector's health (what GET /api/v1/connectors answers), for the console.
    std::vector<ConnectorStatus> connectorHealth() const;

private:
    void routes();
    /// The token an Authorization header names (compared in constant time); null when none.
    const ApiToken* tokenOf(std::string_view authorization) const;

    ProgramView& m_engine;
    ApiSpec m_spec;
    std::vector<ApiToken> m_tokens;
    HttpLimits m_limits;
    std::unique_ptr<GatedServer> m_server;
    std::vector<WebhookSecret>
        m_webhooks; ///< resolved when the API is made: a missing secret stops the start
    std::unique_ptr<WebhookStats> m_webhookStats;
    std::unique_ptr<WebhookDetails> m_webhookDetails; ///< the order-detail fetchers
    std::unique_ptr<LiveConnectors> m_connectors; ///< [[connectors]]: secrets resolved when the API is made
    std::unique_ptr<ClipJobs> m_clipJobs;         ///< a session's clips cut in the background
    std::unique_ptr<RouteKit> m_kit; ///< what every route is served through (the handlers hold it)
    std::thread m_thread;
    int m_port = 0;
};

} // namespace hawker::studio
