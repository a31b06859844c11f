#include "hawker/studio/api/control_api.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "hawker/studio/added_sources.hpp"
#include "hawker/studio/command_policy.hpp"
#include "hawker/studio/log.hpp"
#include "hawker/studio/program_engine.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/show_state_json.hpp"
#include "hawker/studio/store/notes_store.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

/// Tokens shorter than this are guessable; refuse them at start.
constexpr size_t kMinTokenLength = 16;

/// Fixed routes: POST path → command. Outputs and the generic form carry
/// their target in the path.
const std::vector<std::pair<std::string, std::string>> kCommandRoutes = {
    {"/api/v1/preview", "preview"},
    {"/api/v1/take", "take"},
    {"/api/v1/cut", "cut"},
    {"/api/v1/transition", "transition"},
    {"/api/v1/cards/show", "card.show"},
    {"/api/v1/cards/hide", "card.hide"},
    {"/api/v1/cards/update", "card.update"},
    {"/api/v1/offers/start", "offer.start"},
    {"/api/v1/offers/stop", "offer.stop"},
    {"/api/v1/offers/sell", "offer.sell"},
    {"/api/v1/offers/hide", "offer.hide"},
    {"/api/v1/graphics/show", "graphic.show"},
    {"/api/v1/graphics/hide", "graphic.hide"},
    {"/api/v1/audio/gain", "audio.gain"},
    {"/api/v1/audio/mute", "audio.mute"},
    {"/api/v1/rundown/next", "rundown.next"},
    {"/api/v1/rundown/goto", "rundown.goto"},
    {"/api/v1/approvals", "approve"},
    {"/api/v1/approvals/revoke", "approval.revoke"},
    {"/api/v1/coupons/issue", "coupon.issue"},
    {"/api/v1/coupons/redeem", "coupon.redeem"},
    {"/api/v1/show/stop", "show.stop"},
};

void reply(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json; charset=utf-8");
}

void error(httplib::Response& res, int status, const std::string& message) {
    reply(res, status, {{"ok", false}, {"error", message}});
}

std::string secretFromFile(const ApiTokenSpec& token) {
    std::ifstream in(token.tokenFile);
    if (!in)
        throw std::runtime_error("api token " + token.name + ": cannot read " + token.tokenFile.string());
    std::ostringstream text;
    text << in.rdbuf();
    try {
        const toml::table table = toml::parse(text.str(), token.tokenFile.string());
        const toml::node* node = table.get(token.tokenKey);
        if (!node || !node->is_string())
            throw std::runtime_error("api token " + token.name + ": " + token.tokenFile.string() +
                                     " has no key '" + token.tokenKey + "'");
        return node->as_string()->get();
    } catch (const toml::parse_error& e) {
        // Never quote the file: it holds secrets.
        throw std::runtime_error("api token " + token.name + ": " + token.tokenFile.string() +
                                 " is not valid TOML (line " + std::to_string(e.source().begin.line) + ")");
    }
}

/// Compares in time independent of where the strings differ.
bool sameSecret(const std::string& a, const std::string& b) {
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i % (b.empty() ? 1 : b.size())]);
    return diff == 0 && !b.empty();
}

/// The body's fields as command arguments; nullopt + message when it is not a flat JSON object.
std::optional<Command> commandFromBody(const std::string& name, const std::string& body,
                                       std::string& problem) {
    json parsed = json::object();
    if (!body.empty()) {
        parsed = json::parse(body, nullptr, false);
        if (parsed.is_discarded()) {
            problem = "the body is not valid JSON";
            return std::nullopt;
        }
        if (!parsed.is_object()) {
            problem = "the body must be a JSON object of arguments";
            return std::nullopt;
        }
    }
    Command command = Command::named(name, {});
    for (const auto& [key, value] : parsed.items()) {
        std::string text;
        if (value.is_string())
            text = value.get<std::string>();
        else if (value.is_number_integer() || value.is_number_unsigned())
            text = value.dump();
        else if (value.is_number_float())
            text = value.dump();
        else if (value.is_boolean())
            text = value.get<bool>() ? "true" : "false";
        else {
            problem = "argument '" + key + "' must be a string, a number or true/false";
            return std::nullopt;
        }
        if (key == "scene") {
            command.scene = text;
        } else if (key == "transition" && (name == "take" || name == "transition")) {
            command.transition = parseTransition(text);
            if (!command.transition) {
                problem = "transition must be cut or fade";
                return std::nullopt;
            }
        } else if (key == "duration_ms" && (name == "take" || name == "transition")) {
            char* end = nullptr;
            const long ms = std::strtol(text.c_str(), &end, 10);
            if (text.empty() || *end || ms < 0 || ms > 10000) {
                problem = "duration_ms must be a whole number 0..10000";
                return std::nullopt;
            }
            command.transitionMs = static_cast<int>(ms);
        } else {
            command.args[key] = text;
        }
    }
    return command;
}

int statusFor(const CommandResult& result) {
    switch (result.failure) {
    case CommandResult::Failure::None:
        return 200;
    case CommandResult::Failure::Invalid:
        return 400;
    case CommandResult::Failure::NotAllowed:
        return 403;
    case CommandResult::Failure::Conflict:
        return 409;
    case CommandResult::Failure::NotDurable:
        return 503;
    }
    return 409;
}

json outputsJson(const EngineStatus& status) {
    json out = json::array();
    for (const auto& o : status.outputs)
        out.push_back({{"id", o.id},
                       {"kind", toString(o.kind)},
                       {"state", toString(o.state)},
                       {"target", o.target}, // masked: never a stream key
                       {"packets", o.packetsSent},
                       {"dropped", o.packetsDropped},
                       {"reconnects", o.reconnects},
                       {"kbps", o.kbps},
                       {"last_error", o.lastError}});
    return out;
}

json sourcesJson(const EngineStatus& status) {
    json out = json::array();
    for (const auto& s : status.sources)
        out.push_back({{"id", s.id},
                       {"state", toString(s.state)},
                       {"frames", s.framesDecoded},
                       {"reconnects", s.reconnects},
                       {"lost_ms", s.lostMs}});
    return out;
}

} // namespace

std::vector<ApiToken> resolveApiTokens(const ApiSpec& api) {
    std::vector<ApiToken> tokens;
    for (const ApiTokenSpec& spec : api.tokens) {
        std::string secret;
        if (!spec.tokenEnv.empty()) {
            const char* value = std::getenv(spec.tokenEnv.c_str());
            if (!value || !*value)
                throw std::runtime_error("api token " + spec.name + ": environment variable " +
                                         spec.tokenEnv + " is not set");
            secret = value;
        } else {
            secret = secretFromFile(spec);
        }
        if (secret.size() < kMinTokenLength)
            throw std::runtime_error("api token " + spec.name + " is shorter than " +
                                     std::to_string(kMinTokenLength) +
                                     " characters; use a long random token");
        for (const ApiToken& other : tokens)
            if (other.secret == secret)
                throw std::runtime_error("api tokens " + other.name + " and " + spec.name +
                                         " are the same; each role needs its own token");
        registerSecret(secret);
        tokens.push_back({spec.name, spec.role, secret});
    }
    return tokens;
}

ControlApi::ControlApi(ProgramEngine& engine, const ApiSpec& spec, std::vector<ApiToken> tokens)
    : m_engine(engine), m_spec(spec), m_tokens(std::move(tokens)),
      m_server(std::make_unique<httplib::Server>()) {
    routes();
}

ControlApi::~ControlApi() {
    stop();
}

void ControlApi::bind() {
    m_server->set_payload_max_length(m_spec.maxBodyBytes);
    if (m_spec.port == 0) {
        m_port = m_server->bind_to_any_port(m_spec.bind);
        if (m_port <= 0) throw std::runtime_error("api: cannot bind " + m_spec.bind);
    } else {
        if (!m_server->bind_to_port(m_spec.bind, m_spec.port))
            throw std::runtime_error("api: cannot listen on " + m_spec.bind + ":" +
                                     std::to_string(m_spec.port) +
                                     " (in use, or not an address of this machine)");
        m_port = m_spec.port;
    }
}

void ControlApi::serve() {
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
    logInfo("api listening on http://" + m_spec.bind + ":" + std::to_string(m_port) + "/api/v1/");
}

void ControlApi::stop() {
    if (m_server) m_server->stop();
    if (m_thread.joinable()) m_thread.join();
}

void ControlApi::routes() {
    httplib::Server& server = *m_server;

    // Who is asking: nullptr after answering 401 (or 403 for a read by the ingest role).
    auto identify = [this](const httplib::Request& req, httplib::Response& res,
                           bool read) -> const ApiToken* {
        const std::string header = req.get_header_value("Authorization");
        const std::string prefix = "Bearer ";
        if (header.compare(0, prefix.size(), prefix) != 0) {
            res.set_header("WWW-Authenticate", "Bearer");
            error(res, 401, "missing bearer token (Authorization: Bearer <token>)");
            return nullptr;
        }
        const std::string given = header.substr(prefix.size());
        const ApiToken* found = nullptr;
        for (const ApiToken& token : m_tokens)
            if (sameSecret(given, token.secret)) found = &token;
        if (!found) {
            res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            error(res, 401, "unknown token");
            return nullptr;
        }
        if (read && found->role == "ingest") {
            error(res, 403, "the ingest role may only send events");
            return nullptr;
        }
        return found;
    };

    auto runCommand = [this, identify](const std::string& name, const httplib::Request& req,
                                       httplib::Response& res, std::map<std::string, std::string> pathArgs) {
        const ApiToken* token = identify(req, res, false);
        if (!token) return;
        std::string problem;
        std::optional<Command> command = commandFromBody(name, req.body, problem);
        if (!command) return error(res, 400, problem);
        for (auto& [key, value] : pathArgs)
            command->args[key] = value;
        const CommandResult result = m_engine.execute(*command, Actor{token->name, token->role});
        json body = {{"ok", result.ok}, {"command", name}};
        body[result.ok ? "message" : "error"] = result.message;
        body["state_version"] = m_engine.controller().snapshot()->version;
        // Not stored yet: when to look again. The command itself took effect
        // and must not be sent again (its message says so).
        if (result.failure == CommandResult::Failure::NotDurable) res.set_header("Retry-After", "2");
        reply(res, statusFor(result), body);
    };

    for (const auto& [path, name] : kCommandRoutes) {
        const std::string commandName = name;
        server.Post(path, [runCommand, commandName](const httplib::Request& req, httplib::Response& res) {
            runCommand(commandName, req, res, {});
        });
    }
    server.Post(R"(/api/v1/outputs/([A-Za-z0-9_.-]+)/(start|stop))", [runCommand](const httplib::Request& req,
                                                                                  httplib::Response& res) {
        runCommand("output." + req.matches[2].str(), req, res, {{"output", req.matches[1].str()}});
    });
    server.Post(R"(/api/v1/commands/([a-z.]+))",
                [runCommand](const httplib::Request& req, httplib::Response& res) {
                    runCommand(req.matches[1].str(), req, res, {});
                });

    auto getJson = [identify](auto produce) {
        return [identify, produce](const httplib::Request& req, httplib::Response& res) {
            if (!identify(req, res, true)) return;
            reply(res, 200, produce(req));
        };
    };
    server.Get("/api/v1/state", getJson([this](const httplib::Request&) {
                   const auto state = m_engine.controller().snapshot();
                   json out = showStateToJson(*state, m_engine.show(), m_engine.programMs());
                   const EngineStatus status = m_engine.status();
                   out["outputs"] = outputsJson(status);
                   out["sources"] = sourcesJson(status);
                   out["session_id"] = m_engine.sessionId();
                   out["running"] = status.running;
                   return out;
               }));
    server.Get("/api/v1/scenes", getJson([this](const httplib::Request&) {
                   const auto state = m_engine.controller().snapshot();
                   json out = json::array();
                   for (const SceneSpec& scene : liveScenes(m_engine.show(), *state))
                       out.push_back({{"id", scene.id},
                                      {"name", scene.name},
                                      {"hotkey", scene.hotkey},
                                      {"program", scene.id == state->program},
                                      {"preview", scene.id == state->preview}});
                   return out;
               }));
    server.Get("/api/v1/rundown", getJson([this](const httplib::Request&) {
                   return showStateToJson(*m_engine.controller().snapshot(), m_engine.show(),
                                          m_engine.programMs())
                       .at("rundown");
               }));
    server.Get("/api/v1/offers", getJson([this](const httplib::Request&) {
                   json out = showStateToJson(*m_engine.controller().snapshot(), m_engine.show(),
                                              m_engine.programMs());
                   json planned = json::array();
                   for (const OfferSpec& o : m_engine.show().offers)
                       planned.push_back({{"id", o.id},
                                          {"sku", o.sku},
                                          {"title", o.title},
                                          {"price_cents", o.dealPriceCents},
                                          {"quantity", o.quantity},
                                          {"per_buyer_limit", o.perBuyerLimit},
                                          {"prelaunch_s", o.prelaunchSeconds},
                                          {"duration_s", o.durationSeconds}});
                   return json{{"running", out.at("offers")},
                               {"planned", planned},
                               {"coupons", out.at("coupons")},
                               {"promotions", out.at("promotions")}};
               }));
    server.Get("/api/v1/products", getJson([this](const httplib::Request&) {
                   const auto state = m_engine.controller().snapshot();
                   json out = json::array();
                   for (const ProductSpec& p : m_engine.show().products) {
                       auto approval = state->approvals.find("card:" + p.sku);
                       out.push_back({{"sku", p.sku},
                                      {"name", p.name},
                                      {"price_cents", p.priceCents},
                                      {"stock", p.stock ? json(*p.stock) : json(nullptr)},
                                      {"approved", approval != state->approvals.end()},
                                      {"approved_by",
                                       approval != state->approvals.end()
                                           ? json(approval->second.who + " (" + approval->second.role + ")")
                                           : json(nullptr)}});
                   }
                   return out;
               }));
    server.Get("/api/v1/outputs",
               getJson([this](const httplib::Request&) { return outputsJson(m_engine.status()); }));
    server.Get("/api/v1/session", getJson([this](const httplib::Request&) {
                   json resumable = json::array();
                   for (const ResumableSession& s : m_engine.resumable())
                       resumable.push_back(
                           {{"id", s.id}, {"title", s.title}, {"last_seen_utc_ms", s.lastSeenUtcMs}});
                   return json{{"id", m_engine.sessionId()},
                               {"program_ms", m_engine.programMs()},
                               {"resumed_after_gap_ms", m_engine.resumedAfterGapMs()},
                               {"resumable", resumable}};
               }));
    server.Get("/api/v1/commands", getJson([](const httplib::Request&) {
                   json out = json::array();
                   for (const std::string& name : knownCommands()) {
                       json roles = json::array();
                       for (const char* role : {"operator", "host", "merchandiser", "ingest"})
                           if (mayRun(role, name)) roles.push_back(role);
                       out.push_back({{"command", name}, {"roles", roles}});
                   }
                   return out;
               }));
    server.Get("/api/v1/audit", getJson([this](const httplib::Request& req) {
                   size_t limit = 100;
                   if (req.has_param("limit"))
                       limit = std::strtoul(req.get_param_value("limit").c_str(), nullptr, 10);
                   limit = std::min<size_t>(std::max<size_t>(limit, 1), 1000);
                   const auto audit = m_engine.controller().audit();
                   json out = json::array();
                   for (size_t i = audit.size() > limit ? audit.size() - limit : 0; i < audit.size(); ++i) {
                       const AuditEntry& e = audit[i];
                       out.push_back({{"utc_ms", e.utcMs},
                                      {"program_ms", e.programMs},
                                      {"who", e.actor.who},
                                      {"role", e.actor.role},
                                      {"command", e.command},
                                      {"ok", e.ok},
                                      {"message", e.message}});
                   }
                   return out;
               }));

    // Viewer events (DESIGN.md): the ingest role only; acknowledged once committed.
    server.Post(R"(/api/v1/sessions/(\d+)/events)", [this, identify](const httplib::Request& req,
                                                                     httplib::Response& res) {
        const ApiToken* token = identify(req, res, false);
        if (!token) return;
        if (token->role != "ingest") return error(res, 403, "only an ingest token may send events");
        EventIngest* ingest = m_engine.ingest();
        if (!ingest) return error(res, 409, "this show has no session database (run it with --db)");
        int64_t session = 0;
        try {
            session = std::stoll(req.matches[1].str());
        } catch (const std::exception&) {
            return error(res, 404, "no session " + req.matches[1].str());
        }
        if (!ingest->sessionExists(session)) return error(res, 404, "no session " + std::to_string(session));
        try {
            reply(res, 200, ingest->ingestBatch(session, req.body));
        } catch (const BatchError& bad) {
            error(res, 400, bad.what());
        } catch (const IngestBusy& busy) {
            res.set_header("Retry-After", "1");
            error(res, 503, busy.what());
        } catch (const StoreError& failed) {
            logError(std::string("events not stored: ") + failed.what());
            error(res, 500, "the events could not be stored; nothing of this batch was acknowledged, retry");
        }
    });
    server.Get("/api/v1/metrics", getJson([this](const httplib::Request&) {
                   const LiveAnalytics* analytics = m_engine.analytics();
                   return analytics ? analytics->snapshot() : json{{"error", "no session database"}};
               }));
    server.Get("/api/v1/alerts", getJson([this](const httplib::Request&) {
                   const LiveAnalytics* analytics = m_engine.analytics();
                   return analytics ? analytics->snapshot().at("alerts") : json::array();
               }));
    server.Post(R"(/api/v1/alerts/(\d+)/ack)",
                [this, identify](const httplib::Request& req, httplib::Response& res) {
                    const ApiToken* token = identify(req, res, true);
                    if (!token) return;
                    LiveAnalytics* analytics = m_engine.analytics();
                    int64_t id = 0;
                    try {
                        id = std::stoll(req.matches[1].str());
                    } catch (const std::exception&) {
                    }
                    try {
                        if (!analytics || !analytics->acknowledge(id, token->name + " (" + token->role + ")"))
                            return error(res, 404, "no alert " + req.matches[1].str());
                    } catch (const StoreError& failed) {
                        res.set_header("Retry-After", "2");
                        return error(res, 503, failed.what());
                    }
                    reply(res, 200, {{"ok", true}, {"alert", id}});
                });
    server.Get(R"(/api/v1/sessions/(\d+)/report)",
               [this, identify](const httplib::Request& req, httplib::Response& res) {
                   if (!identify(req, res, true)) return;
                   if (m_engine.databasePath().empty())
                       return error(res, 409, "this show has no session database");
                   try {
                       // A merchandiser's read: its own connection, never the show's writers.
                       Database db(m_engine.databasePath());
                       reply(res, 200, buildSessionReport(db, std::stoll(req.matches[1].str())));
                   } catch (const StoreError& missing) {
                       error(res, 404, missing.what());
                   } catch (const std::out_of_range&) {
                       error(res, 404, "no session " + req.matches[1].str());
                   }
               });

    // 复盘 notes: anyone but the ingest feed may read and write them (the
    // merchandiser's review, the host's own remarks, an operator's action item).
    auto withNotes = [this, identify](const httplib::Request& req, httplib::Response& res,
                                      const std::function<json(NotesStore&, const ApiToken&)>& body) {
        const ApiToken* token = identify(req, res, true);
        if (!token) return;
        if (m_engine.databasePath().empty()) return error(res, 409, "this show has no session database");
        try {
            Database db(m_engine.databasePath());
            NotesStore notes(db);
            reply(res, 200, body(notes, *token));
        } catch (const StoreError& refused) {
            const std::string why = refused.what();
            error(res, why.rfind("no ", 0) == 0 ? 404 : 400, why);
        } catch (const json::exception&) {
            error(res, 400, "the body must be a JSON object with string fields kind, text, owner");
        } catch (const std::out_of_range&) {
            error(res, 404, "no such session or note");
        }
    };
    auto noteJson = [](const SessionNote& n) {
        return json{{"id", n.id},     {"session_id", n.sessionId}, {"kind", n.kind},
                    {"text", n.text}, {"owner", n.owner},          {"utc_ms", n.utcMs}};
    };
    server.Get(R"(/api/v1/sessions/(\d+)/notes)",
               [withNotes, noteJson](const httplib::Request& req, httplib::Response& res) {
                   withNotes(req, res, [&](NotesStore& notes, const ApiToken&) {
                       json out = json::array();
                       for (const SessionNote& n : notes.list(std::stoll(req.matches[1].str())))
                           out.push_back(noteJson(n));
                       return out;
                   });
               });
    server.Post(R"(/api/v1/sessions/(\d+)/notes)", [withNotes, noteJson](const httplib::Request& req,
                                                                         httplib::Response& res) {
        withNotes(req, res, [&](NotesStore& notes, const ApiToken& token) {
            const json body = json::parse(req.body);
            const std::string owner = body.value("owner", std::string());
            return noteJson(notes.add(std::stoll(req.matches[1].str()), body.at("kind").get<std::string>(),
                                      body.at("text").get<std::string>(),
                                      owner.empty() ? token.name : owner));
        });
    });
    server.Post(R"(/api/v1/notes/(\d+))", [withNotes, noteJson](const httplib::Request& req,
                                                                httplib::Response& res) {
        withNotes(req, res, [&](NotesStore& notes, const ApiToken&) {
            const json body = json::parse(req.body);
            return noteJson(notes.edit(std::stoll(req.matches[1].str()), body.at("text").get<std::string>(),
                                       body.value("owner", std::string())));
        });
    });
    server.Delete(R"(/api/v1/notes/(\d+))", [withNotes](const httplib::Request& req, httplib::Response& res) {
        withNotes(req, res, [&](NotesStore& notes, const ApiToken&) {
            notes.remove(std::stoll(req.matches[1].str()));
            return json{{"ok", true}};
        });
    });

    server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        if (res.status == 404)
            error(res, 404, "no such endpoint: " + req.method + " " + req.path + " (see docs/API.md)");
        else if (res.status == 413)
            error(res, 413, "the body is too large");
        else
            error(res, res.status, "request failed");
    });
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        error(res, 500, "internal error; the show goes on (see the log)");
    });
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        logInfo("api " + req.method + " " + req.path + " -> " + std::to_string(res.status));
    });
}

} // namespace hawker::studio
