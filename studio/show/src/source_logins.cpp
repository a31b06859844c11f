#include "hawker/studio/show/source_logins.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "hawker/studio/base/durable_file.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/show/show_state_json.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

std::map<std::string, std::string> withLogins(const ShowState& state) {
    std::map<std::string, std::string> urls;
    for (const AddedSource& source : state.addedSources)
        if (maskSecrets(source.url) != source.url) urls["added:" + source.id] = source.url;
    for (const auto& [id, target] : state.sourceTargets)
        if (maskSecrets(target.first) != target.first) urls["target:" + id] = target.first;
    return urls;
}

json readFile(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return json::object();
    std::ostringstream text;
    text << in.rdbuf();
    json parsed = json::parse(text.str(), nullptr, false);
    return parsed.is_object() ? parsed : json::object();
}

} // namespace

SourceLogins::SourceLogins(std::filesystem::path database, int64_t session)
    : m_file(fileFor(database)), m_session(std::to_string(session)) {
    const json all = readFile(m_file);
    if (all.contains(m_session) && all.at(m_session).is_object())
        for (const auto& [key, url] : all.at(m_session).items())
            if (url.is_string()) m_kept[key] = url.get<std::string>();
}

std::filesystem::path SourceLogins::fileFor(const std::filesystem::path& database) {
    return database.string() + ".logins";
}

void SourceLogins::keep(const ShowState& state) {
    std::map<std::string, std::string> urls = withLogins(state);
    std::lock_guard lock(m_mutex);
    if (urls == m_kept) return;
    json all = readFile(m_file);
    if (urls.empty())
        all.erase(m_session);
    else
        all[m_session] = urls;
    try {
        // Readable by its owner only: it holds the cameras' logins.
        replaceFileDurably(m_file, all.dump(), 0600);
        m_kept = std::move(urls);
    } catch (const std::exception& error) {
        // The show goes on; only a resume after a crash would miss the login.
        logWarning(std::string(error.what()) + ": a resumed show would need its cameras' logins again");
    }
}

std::vector<std::string> SourceLogins::restoreInto(ShowState& state) const {
    std::lock_guard lock(m_mutex);
    std::vector<std::string> missing;
    auto put = [&](const std::string& key, const std::string& id, std::string& url) {
        if (url.find(kMask) == std::string::npos) return; // stored as it was: no login in it
        auto kept = m_kept.find(key);
        if (kept != m_kept.end() && maskSecrets(kept->second) == url)
            url = kept->second;
        else
            missing.push_back(id);
    };
    for (AddedSource& source : state.addedSources)
        put("added:" + source.id, source.id, source.url);
    for (auto& [id, target] : state.sourceTargets)
        put("target:" + id, id, target.first);
    return missing;
}

std::string storedStateJson(const ShowState& state) {
    json out = resumableState(state);
    for (json& source : out["added_sources"])
        source["url"] = maskSecrets(source["url"].get<std::string>());
    for (auto& [id, target] : out["source_targets"].items())
        target["url"] = maskSecrets(target["url"].get<std::string>());
    return out.dump();
}

} // namespace hawker::studio
