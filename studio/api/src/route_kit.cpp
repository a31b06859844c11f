#include "route_kit.hpp"

#include "hawker/capture/fault_injection.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/base/untrusted_text.hpp"

namespace hawker::studio {

using nlohmann::json;

void reply(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(toJsonText(body), "application/json; charset=utf-8");
}

void error(httplib::Response& res, int status, const std::string& message) {
    reply(res, status, {{"ok", false}, {"error", message}});
}

RouteKit::RouteKit(httplib::Server& server, const HttpLimits& limits, TokenLookup tokenOf)
    : m_server(server), m_limits(limits), m_tokenOf(std::move(tokenOf)) {}

const ApiToken* RouteKit::identify(const httplib::Request& req, httplib::Response& res, bool read) const {
    const std::string header = req.get_header_value("Authorization");
    if (!bearerToken(header)) {
        res.set_header("WWW-Authenticate", "Bearer");
        error(res, 401, "missing bearer token (Authorization: Bearer <token>)");
        return nullptr;
    }
    const ApiToken* found = m_tokenOf(header);
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
}

void RouteKit::guarded(const httplib::Request& req, httplib::Response& res,
                       const std::function<void()>& body) const {
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
}

void RouteKit::post(const std::string& pattern, bool readRole, PostHandler handler) {
    m_server.Post(pattern, [this, readRole, handler](const httplib::Request& req, httplib::Response& res,
                                                     const httplib::ContentReader& reader) {
        guarded(req, res, [&] {
            const ApiToken* token = identify(req, res, readRole);
            if (!token) return;
            std::string body;
            if (!readBody(req, res, reader, body)) return;
            if (!jsonNestingWithin(body, m_limits.maxJsonDepth))
                return error(res, 400,
                             "the JSON body nests deeper than " + std::to_string(m_limits.maxJsonDepth) +
                                 " levels");
            handler(req, res, *token, body);
        });
    });
}

bool RouteKit::readBody(const httplib::Request& req, httplib::Response& res,
                        const httplib::ContentReader& reader, std::string& body) const {
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
        error(res, 413, "the body is larger than " + std::to_string(m_limits.maxBodyBytes) + " bytes");
        return false;
    }
    // The connection's stream stops reading at the body deadline, so a
    // trickling body ends here too.
    if (!complete) {
        error(res, 400,
              "the body was cut short, its chunks are malformed, or it did not arrive within " +
                  std::to_string(m_limits.bodyTimeout.count()) + " s");
        return false;
    }
    return true;
}

std::function<void(const httplib::Request&, httplib::Response&)> RouteKit::get(Produce produce) const {
    return [this, produce](const httplib::Request& req, httplib::Response& res) {
        guarded(req, res, [&] {
            if (!identify(req, res, true)) return;
            reply(res, 200, produce(req));
        });
    };
}

} // namespace hawker::studio
