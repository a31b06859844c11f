#include "hawker/studio/api/request_head.hpp"

#include <algorithm>
#include <array>

namespace hawker::studio {

namespace {

HeadVerdict refuse(int status, std::string reason) {
    HeadVerdict verdict;
    verdict.kind = HeadVerdict::Kind::Refuse;
    verdict.status = status;
    verdict.reason = std::move(reason);
    return verdict;
}

/// RFC 9110 token characters (method and header names).
bool isTokenChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool isToken(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const char x = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] + 32) : a[i];
        const char y = (b[i] >= 'A' && b[i] <= 'Z') ? static_cast<char>(b[i] + 32) : b[i];
        if (x != y) return false;
    }
    return true;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

/// Where the head ends (the index just past its empty line), or npos.
/// Lines end in CRLF; a bare LF is accepted as well, as the HTTP library does.
size_t headEnd(std::string_view bytes) {
    for (size_t at = bytes.find('\n'); at != std::string_view::npos; at = bytes.find('\n', at + 1)) {
        if (at + 1 < bytes.size() && bytes[at + 1] == '\n') return at + 2;
        if (at + 2 < bytes.size() && bytes[at + 1] == '\r' && bytes[at + 2] == '\n') return at + 3;
    }
    return std::string_view::npos;
}

std::string_view withoutCr(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

bool hasControlCharacter(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
}

constexpr std::array<std::string_view, 5> kMethods = {"GET", "HEAD", "POST", "DELETE", "OPTIONS"};

} // namespace

HeadVerdict examineRequestHead(std::string_view bytes, const HttpLimits& limits) {
    const size_t firstNewline = bytes.find('\n');
    if (firstNewline == std::string_view::npos ? bytes.size() > limits.maxRequestLineBytes
                                               : firstNewline > limits.maxRequestLineBytes + 1)
        return refuse(414, "the request line is longer than " + std::to_string(limits.maxRequestLineBytes) +
                               " bytes");
    const size_t end = headEnd(bytes);
    if (end == std::string_view::npos) {
        if (bytes.size() > limits.maxHeadBytes)
            return refuse(431, "the request head is larger than " + std::to_string(limits.maxHeadBytes) +
                                   " bytes");
        return {};
    }
    if (end > limits.maxHeadBytes + 2)
        return refuse(431,
                      "the request head is larger than " + std::to_string(limits.maxHeadBytes) + " bytes");

    HeadVerdict verdict;
    RequestHead& head = verdict.head;
    std::string_view rest = bytes.substr(0, end);
    const std::string_view requestLine = withoutCr(rest.substr(0, rest.find('\n')));
    rest.remove_prefix(rest.find('\n') + 1);

    const size_t space1 = requestLine.find(' ');
    const size_t space2 = space1 == std::string_view::npos ? space1 : requestLine.find(' ', space1 + 1);
    if (space2 == std::string_view::npos || requestLine.find(' ', space2 + 1) != std::string_view::npos)
        return refuse(400, "the request line must be METHOD TARGET HTTP/1.1");
    const std::string_view method = requestLine.substr(0, space1);
    const std::string_view target = requestLine.substr(space1 + 1, space2 - space1 - 1);
    const std::string_view version = requestLine.substr(space2 + 1);
    if (!isToken(method)) return refuse(400, "the method is not an HTTP token");
    if (std::find(kMethods.begin(), kMethods.end(), method) == kMethods.end())
        return refuse(405, "the API answers GET, HEAD, POST, DELETE and OPTIONS only");
    if (target.empty() || target.front() != '/' || hasControlCharacter(target))
        return refuse(400, "the request target must be a path starting with /, without control characters");
    if (version != "HTTP/1.1" && version != "HTTP/1.0") return refuse(505, "only HTTP/1.0 and HTTP/1.1");
    head.method = method;
    head.target = target;

    size_t headers = 0;
    bool sawLength = false, sawEncoding = false;
    while (!rest.empty()) {
        const size_t newline = rest.find('\n');
        const std::string_view line = withoutCr(rest.substr(0, newline));
        rest.remove_prefix(newline + 1);
        if (line.empty()) break; // the empty line that ends the head
        if (++headers > limits.maxHeaderCount)
            return refuse(431, "more than " + std::to_string(limits.maxHeaderCount) + " header fields");
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos || !isToken(line.substr(0, colon)))
            return refuse(400, "a header field is not NAME: VALUE");
        const std::string_view name = line.substr(0, colon);
        const std::string_view value = trimmed(line.substr(colon + 1));
        if (std::any_of(value.begin(), value.end(), [](char c) {
                const auto byte = static_cast<unsigned char>(c);
                return (byte < 0x20 && c != '\t') || byte == 0x7f;
            }))
            return refuse(400, "a header value holds a control character");
        if (equalsIgnoringCase(name, "content-length")) {
            if (value.empty() || value.size() > 19 ||
                !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return refuse(400, "Content-Length must be a whole number of bytes");
            const uint64_t length = std::stoull(std::string(value));
            if (sawLength && head.contentLength != length)
                return refuse(400, "two different Content-Length headers");
            sawLength = true;
            head.contentLength = length;
        } else if (equalsIgnoringCase(name, "transfer-encoding")) {
            if (sawEncoding || !equalsIgnoringCase(value, "chunked"))
                return refuse(501, "the only transfer coding accepted is a single 'chunked'");
            sawEncoding = true;
            head.chunked = true;
        } else if (equalsIgnoringCase(name, "authorization")) {
            if (!head.authorization.empty()) return refuse(400, "two Authorization headers");
            head.authorization = value;
        }
    }
    if (head.chunked && head.contentLength)
        return refuse(400, "a request cannot have both Content-Length and Transfer-Encoding");
    const bool hasBody = head.chunked || head.contentLength.value_or(0) > 0;
    if (head.method == "POST") {
        if (!head.chunked && !head.contentLength)
            return refuse(411, "a POST needs Content-Length (or a chunked body)");
    } else if (hasBody) {
        return refuse(400, "only a POST may carry a body");
    }
    if (head.contentLength && *head.contentLength > limits.maxBodyBytes)
        return refuse(413, "the body is larger than " + std::to_string(limits.maxBodyBytes) + " bytes");
    verdict.kind = HeadVerdict::Kind::Ready;
    return verdict;
}

std::optional<std::string_view> bearerToken(std::string_view authorization) {
    constexpr std::string_view kScheme = "Bearer ";
    if (authorization.size() <= kScheme.size() ||
        !equalsIgnoringCase(authorization.substr(0, kScheme.size()), kScheme))
        return std::nullopt;
    const std::string_view token = trimmed(authorization.substr(kScheme.size()));
    if (token.empty() || std::any_of(token.begin(), token.end(), [](char c) {
            const auto byte = static_cast<unsigned char>(c);
            return byte <= 0x20 || byte == 0x7f;
        }))
        return std::nullopt;
    return token;
}

} // namespace hawker::studio
