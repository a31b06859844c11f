#include "hawker/studio/api/control_api.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "connection_gate.hpp"
#include "gated_server.hpp"
#include "hawker/capture/fault_injection.hpp"
#include "hawker/studio/api/command_body.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/base/untrusted_text.hpp"
#include "hawker/studio/engine/program_engine.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/show/added_sources.hpp"
#include "hawker/studio/show/command_table.hpp"
#include "hawker/studio/show/show_state_json.hpp"
#include "hawker/studio/store/notes_store.hpp"

namespace hawker::studio {

using nlohmann::json;

namespace {

/// Tokens shorter than this are guessable; refuse them at start.
constexpr size_t kMinTokenLength = 16;

/// The regular expression of a command's route (command_table.hpp): a
/// {name} part matches one path segment and becomes that argument.
std::pair<std::string, std::vector<std::string>> routePattern(std::string_view route) {
    std::string pattern = "/api/v1";
    std::vector<std::string> names;
    for (size_t i = 0; i < route.size();) {
        if (route[i] == '{') {
            const size_t close = route.find('}', i);
            names.emplace_back(route.substr(i + 1, close - i - 1));
            pattern += "([A-Za-z0-9_.-]+)";
            i = close + 1;
        } else {
            if (route[i] == '.') pattern += '\\';
            pattern += route[i++];
        }
    }
    return {pattern, names};
}

/// Each role's share of the API: workers serving it at once and requests
/// it may keep waiting (beyond them: 503 with Retry-After). The operator's
/// lane is reserved to the operator, so a flood on any other lane never
/// delays a take; senders without a known token share the last lane.
const std::vector<GateLane> kLanes = {
    {toString(Role::Operator), 2, 16}, {toString(Role::Host), 1, 8}, {toString(Role::Merchandiser), 2, 8},
    {toString(Role::Ingest), 4, 12},   {"anonymous", 1, 8},
};

size_t laneOfRole(Role role) {
    for (size_t i = 0; i + 1 < kLanes.size(); ++i)
        if (kLanes[i].name == toString(role)) return i;
    return kLanes.size() - 1;
}

void reply(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(toJsonText(body), "application/json; charset=utf-8");
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
bool sameSecret(std::string_view a, std::string_view b) {
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i % (b.empty() ? 1 : b.size())]);
    return diff == 0 && !b.empty();
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
      m_server(std::make_unique<GatedServer>(m_limits)) {
    m_limits.maxBodyBytes = m_spec.maxBodyBytes;
    routes();
}

const ApiToken* ControlApi::tokenOf(std::string_view authorization) const {
    const std::optional<std::string_view> given = bearerToken(authorization);
    if (!given) return nullptr;
    const ApiToken* found = nullptr;
    for (const ApiToken& token : m_tokens) // every token compared: the time does not say which matched
        if (sameSecret(*given, token.secret)) found = &token;
    return found;
}

ControlApi::~ControlApi() {
    stop();
}

void ControlApi::bind() {
    // The gate enforces these before the library sees a request; the
    // library's own limits stay as a second line.
    m_server->set_payload_max_length(m_spec.maxBodyBytes);
    m_server->set_read_timeout(m_limits.ioTimeout);
    m_server->set_write_timeout(m_limits.ioTimeout);
    // One request per connection: every request passes the gate, and no
    // idle keep-alive connection holds a worker.
    m_server->set_keep_alive_max_count(1);
    m_server->setGate(std::make_unique<ConnectionGate>(
        m_limits, kLanes,
        [this](const RequestHead& head) {
            const ApiToken* token = tokenOf(head.authorization);
            return token ? laneOfRole(token->role) : kLanes.size() - 1;
        },
        [server = m_server.get()](int socket) { server->serveAdmitted(socket); },
        [](const std::string& line) { logWarning(line); }));
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
    m_server->widenBacklog();
}

void ControlApi::serve() {
    m_thread = std::thread([this] {
        try {
            m_server->listen_after_bind();
        } catch (const std::exception& error) {
            logError(std::string("api stopped: ") + printable(error.what()) +
                     "; the show goes on without it");
        } catch (...) {
            logError("api stopped by an unknown error; the show goes on without it");
        }
    });
    logInfo("api listening on http://" + m_spec.bind + ":" + std::to_string(m_port) + "/api/v1/");
}

void ControlApi::stop() {
    if (m_server) m_server->stop();
    if (m_thread.joinable()) m_thread.join();
    if (m_server) m_server->stopGate();
}

void ControlApi::routes() {
    httplib::Server& server = *m_server;

    // Who is asking: nullptr after answering 401 (or 403 for a read by the ingest role).
    auto identify = [this](const httplib::Request& req, httplib::Response& res,
                           bool read) -> const ApiToken* {
        const std::string header = req.get_header_value("Authorization");
        if (!bearerToken(header)) {
            res.set_header("WWW-Authenticate", "Bearer");
            error(res, 401, "missing bearer token (Authorization: Bearer <token>)");
            return nullptr;
        }
        const ApiToken* found = tokenOf(header);
        if (!found) {
            res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            error(res, 401, "unknown token");
            return nullptr;
        }
        if (read && found->role == Role::Ingest) {
            error(res, 403, "the ingest role may only send events");
            return nullptr;
        }
        return found;
    };

    // Every handler runs inside this: whatever it throws becomes one log line
    // and a 500, never an exception in the server's threads.
    auto guarded = [](const httplib::Request& req, httplib::Response& res,
                      const std::function<void()>& body) {
        try {
            capture::injectFault("api.handler");
            body();
        } catch (const std::exception& failure) {
            logError("api " + printable(req.method) + " " + printable(req.path, 120) +
                     " failed: " + printable(failure.what()));
            res.headers.clear();
            error(res, 500, "internal error; the show goes on (see the log)");
        } catch (...) {
            logError("api " + printable(req.method) + " " + printable(req.path, 120) + " failed");
            res.headers.clear();
            error(res, 500, "internal error; the show goes on (see the log)");
        }
    };

    // A POST: the sender is identified before a byte of the body is read,
    // the body is read only up to the limit (whether it came with a length
    // or in chunks), and nested JSON is refused before anything parses it.
    using PostHandler = std::function<void(const httplib::Request&, httplib::Response&, const ApiToken&,
                                           const std::string& body)>;
    auto post = [this, &server, identify, guarded](const std::string& pattern, bool readRole,
                                                   PostHandler handler) {
        server.Post(pattern, [this, identify, guarded, readRole,
                              handler](const httplib::Request& req, httplib::Response& res,
                                       const httplib::ContentReader& reader) {
            guarded(req, res, [&] {
                const ApiToken* token = identify(req, res, readRole);
                if (!token) return;
                std::string body;
                bool tooLarge = false;
                const bool complete = reader([&](const char* data, size_t length) {
                    if (body.size() + length > m_limits.maxBodyBytes) {
                        tooLarge = true;
                        return false;
                    }
                    body.append(data, length);
                    return true;
                });
                if (tooLarge) {
                    logWarning("api: 413 for " + printable(req.path, 120) + ", the body passed " +
                               std::to_string(m_limits.maxBodyBytes) + " bytes while being read");
                    return error(res, 413,
                                 "the body is larger than " + std::to_string(m_limits.maxBodyBytes) +
                                     " bytes");
                }
                // The connection's stream stops reading at the body deadline,
                // so a trickling body ends here too.
                if (!complete)
                    return error(
                        res, 400,
                        "the body was cut short, its chunks are malformed, or it did not arrive within " +
                            std::to_string(m_limits.bodyTimeout.count()) + " s");
                if (!jsonNestingWithin(body, m_limits.maxJsonDepth))
                    return error(res, 400,
                                 "the JSON body nests deeper than " + std::to_string(m_limits.maxJsonDepth) +
                                     " levels");
                handler(req, res, *token, body);
            });
        });
    };

    auto runCommand = [this](const std::string& name, const std::string& text, const ApiToken& sender,
                             httplib::Response& res, std::map<std::string, std::string> pathArgs) {
        const ApiToken* token = &sender;
        std::string problem;
        std::optional<Command> command = commandFromBody(name, text, problem);
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

    // Every command with a route gets it; all are also at /commands/{name}.
    for (const CommandSpec& spec : commandTable()) {
        if (spec.route.empty()) continue;
        auto [pattern, names] = routePattern(spec.route);
        const std::string commandName(spec.name);
        post(pattern, false,
             [runCommand, commandName, names = names](const httplib::Request& req, httplib::Response& res,
                                                      const ApiToken& token, const std::string& body) {
                 std::map<std::string, std::string> pathArgs;
                 for (size_t i = 0; i < names.size(); ++i)
                     pathArgs[names[i]] = req.matches[i + 1].str();
                 runCommand(commandName, body, token, res, std::move(pathArgs));
             });
    }
    post(R"(/api/v1/commands/([a-z.]+))", false,
         [runCommand](const httplib::Request& req, httplib::Response& res, const ApiToken& token,
                      const std::string& body) { runCommand(req.matches[1].str(), body, token, res, {}); });

    auto getJson = [identify, guarded](auto produce) {
        return [identify, guarded, produce](const httplib::Request& req, httplib::Response& res) {
            guarded(req, res, [&] {
                if (!identify(req, res, true)) return;
                reply(res, 200, produce(req));
            });
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
                                      {"approved_by", approval != state->approvals.end()
                                                          ? json(approval->second.who + " (" +
                                                                 toString(approval->second.role) + ")")
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
                   for (const CommandSpec& spec : commandTable()) {
                       json roles = json::array();
                       for (const RoleInfo& info : allRoles())
                           if (info.person && (spec.roles & roleBit(info.role))) roles.push_back(info.name);
                       json args = json::array();
                       for (const ArgSpec& arg : spec.args) {
                           json one = {{"name", arg.name},
                                       {"type", toString(arg.type)},
                                       {"required", arg.required},
                                       {"help", arg.help}};
                           if (arg.type == ArgType::Whole || arg.type == ArgType::Number) {
                               one["min"] = arg.min;
                               one["max"] = arg.max;
                           }
                           if (arg.type == ArgType::Id || arg.type == ArgType::Text)
                               one["max_bytes"] = arg.maxBytes;
                           if (arg.type == ArgType::Choice) one["choices"] = arg.choices;
                           args.push_back(std::move(one));
                       }
                       out.push_back(
                           {{"command", spec.name},
                            {"roles", roles},
                            {"route", spec.route.empty() ? "/api/v1/commands/" + std::string(spec.name)
                                                         : "/api/v1" + std::string(spec.route)},
                            {"args", args},
                            {"accepts_fields", spec.moreArgs},
                            {"summary", spec.summary}});
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
                                      {"role", toString(e.actor.role)},
                                      {"command", e.command},
                                      {"ok", e.ok},
                                      {"message", e.message}});
                   }
                   return out;
               }));

    // Viewer events (docs/DESIGN.md): the ingest role only; acknowledged once committed.
    post(R"(/api/v1/sessions/(\d+)/events)", false,
         [this](const httplib::Request& req, httplib::Response& res, const ApiToken& sender,
                const std::string& body) {
             const ApiToken* token = &sender;
             if (token->role != Role::Ingest) return error(res, 403, "only an ingest token may send events");
             EventIngest* ingest = m_engine.ingest();
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
                 logError(std::string("events not stored: ") + failed.what());
                 error(res, 500,
                       "the events could not be stored; nothing of this batch was acknowledged, retry");
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
    post(R"(/api/v1/alerts/(\d+)/ack)", true,
         [this](const httplib::Request& req, httplib::Response& res, const ApiToken& sender,
                const std::string&) {
             const ApiToken* token = &sender;
             LiveAnalytics* analytics = m_engine.analytics();
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
    server.Get(R"(/api/v1/sessions/(\d+)/report)",
               [this, identify, guarded](const httplib::Request& req, httplib::Response& res) {
                   guarded(req, res, [&] {
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
               });

    // 复盘 notes: anyone but the ingest feed may read and write them (the
    // merchandiser's review, the host's own remarks, an operator's action item).
    auto notesCall = [this](httplib::Response& res, const ApiToken* token,
                            const std::function<json(NotesStore&, const ApiToken&)>& body) {
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
               [notesCall, noteJson, identify, guarded](const httplib::Request& req, httplib::Response& res) {
                   guarded(req, res, [&] {
                       notesCall(res, identify(req, res, true), [&](NotesStore& notes, const ApiToken&) {
                           json out = json::array();
                           for (const SessionNote& n : notes.list(std::stoll(req.matches[1].str())))
                               out.push_back(noteJson(n));
                           return out;
                       });
                   });
               });
    post(R"(/api/v1/sessions/(\d+)/notes)", true,
         [notesCall, noteJson](const httplib::Request& req, httplib::Response& res, const ApiToken& sender,
                               const std::string& text) {
             notesCall(res, &sender, [&](NotesStore& notes, const ApiToken& token) {
                 const json body = json::parse(text);
                 const std::string owner = body.value("owner", std::string());
                 return noteJson(
                     notes.add(std::stoll(req.matches[1].str()), body.at("kind").get<std::string>(),
                               body.at("text").get<std::string>(), owner.empty() ? token.name : owner));
             });
         });
    post(R"(/api/v1/notes/(\d+))", true,
         [notesCall, noteJson](const httplib::Request& req, httplib::Response& res, const ApiToken& sender,
                               const std::string& text) {
             notesCall(res, &sender, [&](NotesStore& notes, const ApiToken&) {
                 const json body = json::parse(text);
                 return noteJson(notes.edit(std::stoll(req.matches[1].str()),
                                            body.at("text").get<std::string>(),
                                            body.value("owner", std::string())));
             });
         });
    server.Delete(R"(/api/v1/notes/(\d+))",
                  [notesCall, identify, guarded](const httplib::Request& req, httplib::Response& res) {
                      guarded(req, res, [&] {
                          notesCall(res, identify(req, res, true), [&](NotesStore& notes, const ApiToken&) {
                              notes.remove(std::stoll(req.matches[1].str()));
                              return json{{"ok", true}};
                          });
                      });
                  });

    // Last: a POST to no route is answered without reading its body.
    server.Post(".*", [](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader&) {
        error(res, 404, "no such endpoint: POST " + printable(req.path, 120) + " (see docs/API.md)");
    });

    // These run for every answer; they must not throw whatever the request
    // held (a path with invalid UTF-8 or escape sequences is escaped first).
    server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        try {
            if (!res.body.empty()) return;
            if (res.status == 404)
                error(res, 404,
                      "no such endpoint: " + printable(req.method) + " " + printable(req.path, 120) +
                          " (see docs/API.md)");
            else if (res.status == 413)
                error(res, 413, "the body is too large");
            else
                error(res, res.status, "request failed");
        } catch (...) {
            res.set_content(R"({"ok":false,"error":"request failed"})", "application/json; charset=utf-8");
        }
    });
    server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        try {
            logError("api " + printable(req.method) + " " + printable(req.path, 120) + " failed");
            error(res, 500, "internal error; the show goes on (see the log)");
        } catch (...) {
            res.status = 500;
        }
    });
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        try {
            // Answered requests are many under ingest; the log keeps the
            // ones that went wrong at the default level.
            logLine(res.status < 400 ? LogLevel::Debug : LogLevel::Info,
                    "api " + printable(req.method) + " " + printable(req.path, 120) + " -> " +
                        std::to_string(res.status));
        } catch (...) {
        }
    });
}

} // namespace hawker::studio
