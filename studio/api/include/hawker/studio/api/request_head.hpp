#pragma once
// The head of an HTTP request (request line and headers), examined before
// anything else happens to it: before a thread is given to it, before the
// body is read, before authentication. Pure functions over bytes, so the
// request gate and the fuzzer share them.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hawker::studio {

/// What the control API accepts from a connection.
struct HttpLimits {
    size_t maxBodyBytes = 1 << 20;     ///< [api] max_body_bytes
    size_t maxHeadBytes = 16 * 1024;   ///< request line and headers together
    size_t maxRequestLineBytes = 4096; ///< method, target and version
    size_t maxHeaderCount = 64;
    int maxJsonDepth = 32; ///< nesting of objects and arrays in a body
    /// The whole head must arrive within this time of the connection's
    /// accept; a slow or idle client is answered 408 and closed.
    std::chrono::milliseconds headTimeout{3000};
    /// Reading a body or writing an answer may stall this long per call.
    std::chrono::seconds ioTimeout{5};
    /// A whole body must arrive within this time of its first byte.
    std::chrono::seconds bodyTimeout{10};
};

/// The parts of a head the gate decides on.
struct RequestHead {
    std::string method, target;
    std::string authorization; ///< the Authorization header's value (empty when absent)
    std::optional<uint64_t> contentLength;
    bool chunked = false;
};

/// The gate's reading of the bytes that arrived so far.
struct HeadVerdict {
    enum class Kind {
        Incomplete, ///< the head has not ended yet and is within its limits
        Ready,      ///< a complete, acceptable head: `head` is filled
        Refuse      ///< answer `status` with `reason` and close
    };
    Kind kind = Kind::Incomplete;
    int status = 0;
    std::string reason;
    RequestHead head;
};

/// Examines the start of a connection's bytes (the head and possibly some
/// body after it) against `limits`.
HeadVerdict examineRequestHead(std::string_view bytes, const HttpLimits& limits);

/// The token of an "Authorization: Bearer <token>" value; nullopt for any
/// other scheme, an empty token or one with spaces or control characters.
std::optional<std::string_view> bearerToken(std::string_view authorization);

} // namespace hawker::studio
