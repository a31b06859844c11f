#pragma once
// The logins of cameras an operator pointed somewhere during a show
// (source.add, source.edit), kept out of the session's database. The stored
// show state has every URL masked; a resumed show needs the real ones, so
// they are kept in a file of their own beside the database (DB.logins, mode
// 0600, like a key file), and put back on --resume.

#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "hawker/studio/show/show_state.hpp"

namespace hawker::studio {

class SourceLogins {
public:
    SourceLogins(std::filesystem::path database, int64_t session);
    /// The file beside `database` that holds the logins.
    static std::filesystem::path fileFor(const std::filesystem::path& database);
    /// Keeps the URLs of `state` that carry a login, when they changed since
    /// the last call (a cheap comparison otherwise). Thread-safe.
    void keep(const ShowState& state);
    /// Puts the kept URLs back into a state restored from its masked JSON:
    /// each one whose masked form is the stored URL. Returns the ids whose
    /// login was not found (they reopen at the masked URL and fail until
    /// source.edit gives the login again).
    std::vector<std::string> restoreInto(ShowState& state) const;

private:
    std::filesystem::path m_file;
    std::string m_session;
    mutable std::mutex m_mutex;
    std::map<std::string, std::string> m_kept; ///< "added:ID" / "target:ID" → URL with its login
};

/// The stored form of a state: resumableState() with every URL masked.
std::string storedStateJson(const ShowState& state);

} // namespace hawker::studio
