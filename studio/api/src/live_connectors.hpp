#pragma once
// The show's live-comment connectors ([[connectors]]): their secrets resolved
// when the API is made (a missing one stops the start, as for webhooks), the
// YouTube pollers, the Douyin push receivers and everyone's health.

#include <memory>
#include <string>
#include <vector>

#include "hawker/studio/api/connector_health.hpp"
#include "hawker/studio/api/youtube_chat_poller.hpp"
#include "hawker/studio/engine/program_view.hpp"

namespace hawker::studio {

/// A Douyin push connector: its route's name and its signing secret.
struct PushConnector {
    std::string name;
    std::string secret;
};

class LiveConnectors {
public:
    /// Throws std::runtime_error naming the connector and the variable or file
    /// that lacks its secret (never the value).
    LiveConnectors(ProgramView& engine, const std::vector<ConnectorSpec>& specs);
    ~LiveConnectors();

    /// Starts the pollers (after the API serves: their alerts and health are read there).
    void start();
    void stop();

    ConnectorHealth& health() { return m_health; }
    const std::vector<PushConnector>& pushes() const { return m_pushes; }
    /// Where every connector's comments go: the session's ingest writer, whose
    /// listener counts them live, and the live feed for deletions.
    CommentSink sink();

private:
    ProgramView& m_engine;
    ConnectorHealth m_health;
    std::vector<PushConnector> m_pushes;
    struct PolledChat {
        ConnectorSpec spec;
        std::string credential;
        bool bearer = false;
    };
    std::vector<PolledChat> m_polled; ///< resolved when made, polled from start()
    std::vector<std::unique_ptr<YouTubeChatPoller>> m_pollers;
};

} // namespace hawker::studio
