#pragma once
// Each live-comment connector's health, as the console and GET
// /api/v1/connectors show it: what it is doing now, what went wrong last
// (never a secret), and what it has brought in.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace hawker::studio {

enum class ConnectorState {
    Waiting,    ///< nothing received yet (a push connector before the platform's first post)
    Connected,  ///< the last call or push worked
    BackingOff, ///< the last call failed; the next one waits longer
    Failing,    ///< it keeps failing (or the platform refuses its key): an alert is up
    Ended,      ///< the live chat ended; no more calls
};
const char* toString(ConnectorState state);

struct ConnectorStatus {
    std::string name, platform;
    ConnectorState state = ConnectorState::Waiting;
    std::string lastError;        ///< the platform's reason or the transport's; empty once it works again
    int64_t lastMessageUtcMs = 0; ///< when the last comment arrived
    int64_t nextCallUtcMs = 0;    ///< a poller's next call
    int64_t received = 0;         ///< comments and likes stored
    int64_t duplicates = 0;       ///< messages the session had already (repeats, re-polls)
    int64_t deleted = 0;          ///< comments the platform deleted (gone from the feed)
    int64_t ignored = 0;          ///< messages no event carries (gifts, sponsors…)
    int64_t rejected = 0;         ///< unusable messages
    int64_t errors = 0;           ///< failed calls
    int64_t badSignatures = 0;    ///< pushes refused with 401
    int64_t superChats = 0;       ///< YouTube Super Chats and Stickers
    std::map<std::string, int64_t> superChatMicros; ///< their amounts, by currency
};

class ConnectorHealth {
public:
    void add(ConnectorStatus status);
    /// Changes one connector's status under the lock.
    template <class Change>
    void update(const std::string& name, Change change) {
        std::lock_guard lock(m_mutex);
        for (ConnectorStatus& s : m_statuses)
            if (s.name == name) change(s);
    }
    std::vector<ConnectorStatus> snapshot() const;
    nlohmann::json json() const;

private:
    mutable std::mutex m_mutex;
    std::vector<ConnectorStatus> m_statuses;
};

} // namespace hawker::studio
