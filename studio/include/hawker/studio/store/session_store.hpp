#pragma once
// Sessions (one live show each) in the database: create, go live, end, list.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

struct Session {
    int64_t id = 0;
    std::string title;
    std::string tag;
    std::string state; ///< planned | live | ended
    bool rehearsal = false;
    std::optional<int64_t> startUtcMs, endUtcMs;
    int64_t createdUtcMs = 0;
};

int64_t nowUtcMs();

class SessionStore {
public:
    explicit SessionStore(Database& db) : m_db(db) {}

    /// A new session; with a start time it is live from then (imports of past
    /// shows give one), otherwise it is planned until started.
    Session create(const std::string& title, const std::string& tag, std::optional<int64_t> startUtcMs,
                   bool rehearsal);
    /// Ends a session at `atUtcMs` (now by default). Throws StoreError with a
    /// clear reason if it does not exist, is already ended, or `at` is before its start.
    Session end(int64_t id, std::optional<int64_t> atUtcMs);
    std::optional<Session> find(int64_t id);
    std::vector<Session> list();

private:
    Database& m_db;
};

} // namespace hawker::studio
