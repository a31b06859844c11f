// POST /api/v1/sessions/{id}/clips starts cutting a session's clips into the
// folder beside its database (clips/session-ID); GET reports the cut's
// progress and, once done, its manifest; POST …/clips/cancel stops it. The
// cut runs on a thread of its own below the show's priority: no command
// waits for it.

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "hawker/studio/clips/clip_jobs.hpp"
#include "hawker/studio/store/session_store.hpp"
#include "routes.hpp"

namespace hawker::studio::api_routes {

using nlohmann::json;

namespace {

/// The body's options; throws json::exception or std::invalid_argument for a bad one.
ClipOptions clipOptionsOf(const std::string& text) {
    ClipOptions options;
    if (text.empty()) return options;
    const json body = json::parse(text);
    if (!body.is_object()) throw std::invalid_argument("the body must be a JSON object");
    for (const auto& [key, value] : body.items()) {
        if (key == "sku")
            options.filter.sku = value.get<std::string>();
        else if (key == "kind") {
            options.filter.kind = parseClipKind(value.get<std::string>());
            if (!options.filter.kind) throw std::invalid_argument("kind is card, offer or segment");
        } else if (key == "pre")
            options.preSeconds = value.get<double>();
        else if (key == "post")
            options.postSeconds = value.get<double>();
        else if (key == "max_s")
            options.maxSeconds = value.get<double>();
        else if (key == "burn_card")
            options.burnCard = value.get<bool>();
        else
            throw std::invalid_argument("unknown field '" + key +
                                        "' (sku, kind, pre, post, max_s, burn_card)");
    }
    return options;
}

bool sessionExists(const std::filesystem::path& database, int64_t session) {
    Database db(database);
    return SessionStore(db).find(session).has_value();
}

} // namespace

void addClipRoutes(RouteKit& kit, ProgramView& engine, ClipJobs& jobs) {
    kit.post(R"(/api/v1/sessions/(\d+)/clips)", true,
             [&engine, &jobs](const httplib::Request& req, httplib::Response& res, const ApiToken&,
                              const std::string& text) {
                 if (engine.databasePath().empty())
                     return error(res, 409, "this show has no session database");
                 int64_t session = 0;
                 try {
                     session = std::stoll(req.matches[1].str());
                 } catch (const std::exception&) {
                     return error(res, 404, "no session " + req.matches[1].str());
                 }
                 ClipOptions options;
                 try {
                     options = clipOptionsOf(text);
                 } catch (const std::exception& bad) {
                     return error(res, 400, std::string("bad clip options: ") + bad.what());
                 }
                 options.outDir = ClipJobs::folderFor(engine.databasePath(), session);
                 if (const std::string bad = checkClipOptions(options); !bad.empty())
                     return error(res, 400, "bad clip options: " + bad);
                 if (!sessionExists(engine.databasePath(), session))
                     return error(res, 404, "no session " + std::to_string(session));
                 const std::string refused = jobs.start(engine.databasePath(), session, options);
                 if (!refused.empty())
                     return error(res, jobs.status().state == ClipJobStatus::State::Running ? 409 : 400,
                                  refused);
                 reply(res, 202, clipJobJson(jobs.status()));
             });
    kit.server().Get(R"(/api/v1/sessions/(\d+)/clips)", kit.get([&jobs](const httplib::Request& req) {
        ClipJobStatus status = jobs.status();
        // Another session's cut (or none) is not this session's news.
        if (std::to_string(status.session) != req.matches[1].str()) {
            status = ClipJobStatus{};
            status.session = std::stoll(req.matches[1].str());
        }
        return clipJobJson(status);
    }));
    kit.post(
        R"(/api/v1/sessions/(\d+)/clips/cancel)", true,
        [&jobs](const httplib::Request& req, httplib::Response& res, const ApiToken&, const std::string&) {
            const ClipJobStatus status = jobs.status();
            if (status.state != ClipJobStatus::State::Running ||
                std::to_string(status.session) != req.matches[1].str())
                return error(res, 409, "no cut of session " + req.matches[1].str() + " is running");
            jobs.cancel();
            reply(res, 200, {{"ok", true}});
        });
}

} // namespace hawker::studio::api_routes
