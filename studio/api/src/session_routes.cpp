#include <functional>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "hawker/studio/base/log.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/store/notes_store.hpp"
#include "routes.hpp"

namespace hawker::studio::api_routes {

using nlohmann::json;

void addSessionRoutes(RouteKit& kit, ProgramView& engine) {
    kit.post(R"(/api/v1/sessions/(\d+)/events)", false,
             [&engine](const httplib::Request& req, httplib::Response& res, const ApiToken& sender,
                       const std::string& body) {
                 const ApiToken* token = &sender;
                 if (token->role != Role::Ingest)
                     return error(res, 403, "only an ingest token may send events");
                 EventIngest* ingest = engine.ingest();
                 if (!ingest) return error(res, 409, "this show has no session database (run it with --db)");
                 int64_t session = 0;
                 try {
                     session = std::stoll(req.matches[1].str());
                 } catch (const std::exception&) {
                     return error(res, 404, "no session " + req.matches[1].str());
                 }
                 if (!ingest->sessionExists(session))
                     return error(res, 404, "no session " + std::to_string(session));
                 try {
                     reply(res, 200, ingest->ingestBatch(session, body));
                 } catch (const BatchError& bad) {
                     error(res, 400, bad.what());
                 } catch (const IngestBusy& busy) {
                     res.set_header("Retry-After", "1");
                     error(res, 503, busy.what());
                 } catch (const StoreError& failed) {
                     // A full, locked or failing disk is the studio's passing
                     // trouble, not the sender's fault: a platform's retry
                     // after a pause is what gets the batch stored.
                     logError(std::string("events not stored: ") + failed.what());
                     res.set_header("Retry-After", "2");
                     error(res, 503,
                           "the events could not be stored (the database is not writable); nothing of this "
                           "batch was acknowledged, retry");
                 }
             });
    kit.server().Get("/api/v1/metrics", kit.get([&engine](const httplib::Request&) {
        const LiveAnalytics* analytics = engine.analytics();
        return analytics ? analytics->snapshot() : json{{"error", "no session database"}};
    }));
    kit.server().Get("/api/v1/alerts", kit.get([&engine](const httplib::Request&) {
        const LiveAnalytics* analytics = engine.analytics();
        return analytics ? analytics->snapshot().at("alerts") : json::array();
    }));
    kit.post(R"(/api/v1/alerts/(\d+)/ack)", true,
             [&engine](const httplib::Request& req, httplib::Response& res, const ApiToken& sender,
                       const std::string&) {
                 const ApiToken* token = &sender;
                 LiveAnalytics* analytics = engine.analytics();
                 int64_t id = 0;
                 try {
                     id = std::stoll(req.matches[1].str());
                 } catch (const std::exception&) {
                 }
                 try {
                     if (!analytics ||
                         !analytics->acknowledge(id, token->name + " (" + toString(token->role) + ")"))
                         return error(res, 404, "no alert " + req.matches[1].str());
                 } catch (const StoreError& failed) {
                     res.set_header("Retry-After", "2");
                     return error(res, 503, failed.what());
                 }
                 reply(res, 200, {{"ok", true}, {"alert", id}});
             });
    kit.server().Get(R"(/api/v1/sessions/(\d+)/report)",
                     [&engine, &kit](const httplib::Request& req, httplib::Response& res) {
                         kit.guarded(req, res, [&] {
                             if (!kit.identify(req, res, true)) return;
                             if (engine.databasePath().empty())
                                 return error(res, 409, "this show has no session database");
                             try {
                                 // A merchandiser's read: its own connection, never the show's writers.
                                 Database db(engine.databasePath());
                                 reply(res, 200, buildSessionReport(db, std::stoll(req.matches[1].str())));
                             } catch (const StoreError& missing) {
                                 error(res, 404, missing.what());
                             } catch (const std::out_of_range&) {
                                 error(res, 404, "no session " + req.matches[1].str());
                             }
                         });
                     });

    // 复盘 notes: anyone but the ingest feed may read and write them (the
    // merchandiser's review, the host's own remarks, an operator's action item).
    auto notesCall = [&engine](httplib::Response& res, const ApiToken* token,
                               const std::function<json(NotesStore&, const ApiToken&)>& body) {
        if (!token) return;
        if (engine.databasePath().empty()) return error(res, 409, "this show has no session database");
        try {
            Database db(engine.databasePath());
            NotesStore notes(db);
            reply(res, 200, body(notes, *token));
        } catch (const StoreError& refused) {
            const std::string why = refused.what();
            error(res, why.rfind("no ", 0) == 0 ? 404 : 400, why);
        } catch (const json::exception&) {
            error(res, 400,
                  "the body must be a JSON object with string fields kind, text, owner, due, status");
        } catch (const std::out_of_range&) {
            error(res, 404, "no such session or note");
        }
    };
    kit.server().Get(R"(/api/v1/sessions/(\d+)/notes)", [notesCall, &kit](const httplib::Request& req,
                                                                          httplib::Response& res) {
        kit.guarded(req, res, [&] {
            notesCall(res, kit.identify(req, res, true), [&](NotesStore& notes, const ApiToken&) {
                json out = json::array();
                for (const SessionNote& n : notes.list(std::stoll(req.matches[1].str())))
                    out.push_back(noteJson(n));
                return out;
            });
        });
    });
    kit.post(R"(/api/v1/sessions/(\d+)/notes)", true,
             [notesCall](const httplib::Request& req, httplib::Response& res, const ApiToken& sender,
                         const std::string& text) {
                 notesCall(res, &sender, [&](NotesStore& notes, const ApiToken& token) {
                     const json body = json::parse(text);
                     const std::string owner = body.value("owner", std::string());
                     return noteJson(
                         notes.add(std::stoll(req.matches[1].str()), body.at("kind").get<std::string>(),
                                   body.at("text").get<std::string>(), owner.empty() ? token.name : owner,
                                   body.value("due", std::string())));
                 });
             });
    kit.post(R"(/api/v1/notes/(\d+))", true,
             [notesCall](const httplib::Request& req, httplib::Response& res, const ApiToken& sender,
                         const std::string& text) {
                 notesCall(res, &sender, [&](NotesStore& notes, const ApiToken&) {
                     const json body = json::parse(text);
                     if (!body.is_object()) throw StoreError("the body must be a JSON object");
                     // Only the fields sent change: {"status":"done"} closes an action, nothing else.
                     auto field = [&](const char* key) -> std::optional<std::string> {
                         const auto found = body.find(key);
                         if (found == body.end()) return std::nullopt;
                         return found->get<std::string>();
                     };
                     return noteJson(
                         notes.edit(std::stoll(req.matches[1].str()),
                                    {field("text"), field("owner"), field("due"), field("status")}));
                 });
             });
    // What the team promised at earlier shows of this title or tag and has not closed yet.
    kit.server().Get(R"(/api/v1/sessions/(\d+)/open-actions)", [notesCall, &kit](const httplib::Request& req,
                                                                                 httplib::Response& res) {
        kit.guarded(req, res, [&] {
            notesCall(res, kit.identify(req, res, true), [&](NotesStore& notes, const ApiToken&) {
                json out = json::array();
                for (const OpenAction& a : notes.openActionsBefore(std::stoll(req.matches[1].str())))
                    out.push_back(openActionJson(a));
                return out;
            });
        });
    });
    kit.server().Delete(
        R"(/api/v1/notes/(\d+))", [notesCall, &kit](const httplib::Request& req, httplib::Response& res) {
            kit.guarded(req, res, [&] {
                notesCall(res, kit.identify(req, res, true), [&](NotesStore& notes, const ApiToken&) {
                    notes.remove(std::stoll(req.matches[1].str()));
                    return json{{"ok", true}};
                });
            });
        });

    // Last: a POST to no route is answered without reading its body.
}

} // namespace hawker::studio::api_routes
