#pragma once
// How every API route is served: who is asking (before a byte of a body is
// read), a body read only up to the limit, JSON nesting checked before any
// parser sees it, and whatever a handler throws turned into one log line and
// a 500 (never an exception in the server's threads).

#include <functional>
#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "hawker/studio/api/control_api.hpp"
#include "hawker/studio/api/request_head.hpp"

namespace hawker::studio {

/// A JSON answer; invalid UTF-8 in it is replaced, never thrown about.
void reply(httplib::Response& res, int status, const nlohmann::json& body);
/// {"ok":false,"error":message} with `status`.
void error(httplib::Response& res, int status, const std::string& message);

class RouteKit {
public:
    using TokenLookup = std::function<const ApiToken*(std::string_view authorization)>;
    using PostHandler = std::function<void(const httplib::Request&, httplib::Response&, const ApiToken&,
                                           const std::string& body)>;
    using Produce = std::function<nlohmann::json(const httplib::Request&)>;

    RouteKit(httplib::Server& server, const HttpLimits& limits, TokenLookup tokenOf);

    httplib::Server& server() { return m_server; }
    const HttpLimits& limits() const { return m_limits; }
    /// Who is asking: null after answering 401 (or 403 for a read by the ingest role).
    const ApiToken* identify(const httplib::Request& req, httplib::Response& res, bool read) const;
    /// Runs `body`; whatever it throws becomes one log line and a 500.
    void guarded(const httplib::Request& req, httplib::Response& res,
                 const std::function<void()>& body) const;
    /// A POST route: identified first, its body read up to the limit, nesting checked.
    void post(const std::string& pattern, bool readRole, PostHandler handler);
    /// Reads the body up to the limit; false after answering 413 or 400.
    bool readBody(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader,
                  std::string& body) const;
    /// A GET answered with what `produce` returns, for any identified reader.
    std::function<void(const httplib::Request&, httplib::Response&)> get(Produce produce) const;

private:
    httplib::Server& m_server;
    const HttpLimits& m_limits;
    TokenLookup m_tokenOf;
};

} // namespace hawker::studio
