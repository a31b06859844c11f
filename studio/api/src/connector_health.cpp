#include "hawker/studio/api/connector_health.hpp"

namespace hawker::studio {

const char* toString(ConnectorState state) {
    switch (state) {
    case ConnectorState::Waiting:
        return "waiting";
    case ConnectorState::Connected:
        return "connected";
    case ConnectorState::BackingOff:
        return "backing_off";
    case ConnectorState::Failing:
        return "failing";
    case ConnectorState::Ended:
        return "ended";
    }
    return "waiting";
}

void ConnectorHealth::add(ConnectorStatus status) {
    std::lock_guard lock(m_mutex);
    m_statuses.push_back(std::move(status));
}

std::vector<ConnectorStatus> ConnectorHealth::snapshot() const {
    std::lock_guard lock(m_mutex);
    return m_statuses;
}

nlohmann::json ConnectorHealth::json() const {
    nlohmann::json list = nlohmann::json::array();
    for (const ConnectorStatus& s : snapshot()) {
        nlohmann::json micros = nlohmann::json::object();
        for (const auto& [currency, amount] : s.superChatMicros)
            micros[currency] = amount;
        list.push_back({{"name", s.name},
                        {"platform", s.platform},
                        {"state", toString(s.state)},
                        {"last_error", s.lastError},
                        {"last_message_utc_ms", s.lastMessageUtcMs},
                        {"next_call_utc_ms", s.nextCallUtcMs},
                        {"received", s.received},
                        {"duplicates", s.duplicates},
                        {"deleted", s.deleted},
                        {"ignored", s.ignored},
                        {"rejected", s.rejected},
                        {"errors", s.errors},
                        {"bad_signatures", s.badSignatures},
                        {"super_chats", s.superChats},
                        {"super_chat_micros", micros}});
    }
    return {{"connectors", list}};
}

} // namespace hawker::studio
