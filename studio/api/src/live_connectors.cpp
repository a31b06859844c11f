#include "live_connectors.hpp"

#include <cstdlib>
#include <stdexcept>

#include <toml++/toml.h>

#include "hawker/studio/analytics/event_ingest.hpp"
#include "hawker/studio/analytics/live_analytics.hpp"
#include "hawker/studio/base/secret_mask.hpp"
#include "hawker/studio/show/secrets_file.hpp"

namespace hawker::studio {

namespace {

std::string fromEnv(const ConnectorSpec& c, const std::string& variable) {
    const char* value = std::getenv(variable.c_str());
    if (!value || !*value)
        throw std::runtime_error("connector " + c.name + ": environment variable " + variable +
                                 " is not set");
    return value;
}

std::string fromFile(const ConnectorSpec& c, const char* key) {
    const toml::table table = readSecretsFile(c.secretsFile, "connector " + c.name);
    const toml::table* section = table[c.secretsTable].as_table();
    const toml::node* node = section ? section->get(key) : nullptr;
    return node && node->is_string() ? node->as_string()->get() : std::string();
}

} // namespace

LiveConnectors::LiveConnectors(ProgramView& engine, const std::vector<ConnectorSpec>& specs)
    : m_engine(engine) {
    for (const ConnectorSpec& c : specs) {
        ConnectorStatus status;
        status.name = c.name;
        status.platform = c.platformName;
        if (c.platform == ConnectorPlatform::DouyinLivePush) {
            std::string secret = c.secretEnv.empty() ? fromFile(c, "secret") : fromEnv(c, c.secretEnv);
            if (secret.empty())
                throw std::runtime_error("connector " + c.name + ": " + c.secretsFile.string() + " has no [" +
                                         c.secretsTable + "] secret");
            registerSecret(secret);
            m_pushes.push_back({c.name, std::move(secret)});
        } else {
            std::string credential;
            bool bearer = !c.tokenEnv.empty();
            if (!c.keyEnv.empty()) credential = fromEnv(c, c.keyEnv);
            if (!c.tokenEnv.empty()) credential = fromEnv(c, c.tokenEnv);
            if (credential.empty()) {
                credential = fromFile(c, "token");
                bearer = !credential.empty();
                if (!bearer) credential = fromFile(c, "key");
            }
            if (credential.empty())
                throw std::runtime_error("connector " + c.name + ": " + c.secretsFile.string() + " has no [" +
                                         c.secretsTable + "] key or token");
            registerSecret(credential); // the key travels in the URL: the log masks it wherever it appears
            m_polled.push_back({c, std::move(credential), bearer});
        }
        m_health.add(std::move(status));
    }
}

LiveConnectors::~LiveConnectors() {
    stop();
}

void LiveConnectors::start() {
    // The session's writer exists once the engine is prepared, which is after
    // the API is made: the pollers are made here.
    EventIngest* ingest = m_engine.ingest();
    for (PolledChat& chat : m_polled) {
        if (!ingest) {
            m_health.update(chat.spec.name, [](ConnectorStatus& s) {
                s.state = ConnectorState::Failing;
                s.lastError = "no session database: run the show with --db";
            });
            continue;
        }
        m_pollers.push_back(std::make_unique<YouTubeChatPoller>(chat.spec, chat.credential, chat.bearer,
                                                                ingest->hasher(), sink(), m_health));
        m_pollers.back()->start();
    }
}

void LiveConnectors::stop() {
    for (auto& poller : m_pollers)
        poller->stop();
}

CommentSink LiveConnectors::sink() {
    CommentSink sink;
    sink.store = [this](std::vector<ViewerEvent> events) {
        EventIngest* ingest = m_engine.ingest();
        if (!ingest || m_engine.sessionId() == 0) throw std::runtime_error("no session database");
        return ingest->store(m_engine.sessionId(), std::move(events));
    };
    sink.remove = [this](const std::string& eventId) {
        if (LiveAnalytics* analytics = m_engine.analytics()) analytics->removeComment(eventId);
        if (EventIngest* ingest = m_engine.ingest(); ingest && m_engine.sessionId() > 0)
            ingest->remove(m_engine.sessionId(), eventId);
    };
    sink.alert = [this](const std::string& ruleId, const std::string& level, const i18n::Phrase& said) {
        if (LiveAnalytics* analytics = m_engine.analytics())
            analytics->raise(ruleId, "connectors", level, said);
    };
    return sink;
}

} // namespace hawker::studio
