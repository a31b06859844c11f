#include "hawker/studio/base/secret_mask.hpp"
#include "hawker/studio/base/ascii_case.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <mutex>
#include <string_view>
#include <vector>

namespace hawker::studio {

namespace {

std::mutex g_mutex;
std::vector<std::string> g_secrets;
/// A bound on the registry: each source.edit may add a login, and a long show
/// must not grow it without end. Past it, URLs are still masked by shape.
constexpr size_t kMaxSecrets = 4096;

bool isSchemeChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

/// Where a URL that starts at `from` ends inside a longer text: at white
/// space, a quote, an angle bracket, a backslash (JSON escapes) or a control
/// character.
size_t urlEnd(const std::string& text, size_t from) {
    size_t end = from;
    while (end < text.size()) {
        const unsigned char c = static_cast<unsigned char>(text[end]);
        if (c <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>' || c == '\\')
            break;
        ++end;
    }
    return end;
}

std::string percentEncoded(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

/// The parts of one URL (`text[begin, end)`, "://" at `sep`) that hold
/// credentials, as [from, to) ranges into `text`.
std::vector<std::pair<size_t, size_t>> credentialRanges(const std::string& text, size_t sep, size_t end) {
    std::vector<std::pair<size_t, size_t>> ranges;
    const size_t authority = sep + 3;
    // The query starts at the first '?'; a '#' does not end it (an SRT
    // streamid is "#!::r=...").
    const size_t query = std::min(text.find('?', authority), end);
    // user:pass@ ends at the last '@' before the query: a password with an
    // unescaped '/' or '@' is masked whole rather than half.
    const size_t at = text.rfind('@', query == authority ? authority : query - 1);
    if (at != std::string::npos && at >= authority && at < query) ranges.emplace_back(authority, at);
    if (query >= end) return ranges;
    size_t param = query + 1;
    while (param < end) {
        const size_t amp = std::min(text.find('&', param), end);
        const size_t eq = text.find('=', param);
        if (eq != std::string::npos && eq < amp && eq + 1 < amp &&
            isSecretParameter(text.substr(param, eq - param)))
            ranges.emplace_back(eq + 1, amp);
        param = amp + 1;
    }
    return ranges;
}

/// Every URL inside `text` with its credentials masked.
std::string maskUrls(const std::string& text) {
    std::string out;
    size_t copied = 0;
    for (size_t sep = text.find("://"); sep != std::string::npos; sep = text.find("://", sep + 3)) {
        if (sep < copied) continue;
        size_t begin = sep;
        while (begin > copied && isSchemeChar(text[begin - 1]))
            --begin;
        if (begin == sep) continue; // "://" without a scheme
        const size_t end = urlEnd(text, sep + 3);
        size_t from = copied;
        for (const auto& [a, b] : credentialRanges(text, sep, end)) {
            out.append(text, from, a - from);
            out += kMask;
            from = b;
        }
        out.append(text, from, end - from);
        copied = end;
        sep = end > 3 ? end - 3 : end;
    }
    if (copied == 0) return text;
    out.append(text, copied, std::string::npos);
    return out;
}

void addLocked(const std::string& secret) {
    if (secret.size() < 4 || g_secrets.size() >= kMaxSecrets) return;
    if (std::find(g_secrets.begin(), g_secrets.end(), secret) != g_secrets.end()) return;
    g_secrets.push_back(secret);
    // Longest first, so a secret that contains another is masked whole.
    std::stable_sort(g_secrets.begin(), g_secrets.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

} // namespace

bool isSecretParameter(const std::string& name) {
    static const std::array<std::string_view, 13> exact = {
        "passphrase", "streamid", "key",  "token", "secret",    "password",  "passwd",
        "pwd",        "pass",     "auth", "sign",  "signature", "credential"};
    static const std::array<std::string_view, 6> endings = {"key",      "token",      "secret",
                                                            "password", "passphrase", "pwd"};
    const std::string lowered = asciiLower(name);
    if (std::find(exact.begin(), exact.end(), lowered) != exact.end()) return true;
    return std::any_of(endings.begin(), endings.end(), [&](std::string_view ending) {
        return lowered.size() >= ending.size() &&
               lowered.compare(lowered.size() - ending.size(), ending.size(), ending) == 0;
    });
}

void registerSecret(const std::string& secret) {
    std::lock_guard lock(g_mutex);
    addLocked(secret);
    const std::string encoded = percentEncoded(secret);
    if (encoded != secret) addLocked(encoded);
}

void registerUrlSecrets(const std::string& url) {
    const size_t sep = url.find("://");
    if (sep == std::string::npos) return;
    for (const auto& [a, b] : credentialRanges(url, sep, url.size())) {
        std::string value = url.substr(a, b - a);
        // Of user:pass only the password: a user name is no secret, and a
        // short one would mask ordinary words.
        if (url[b] == '@') {
            const size_t colon = value.find(':');
            if (colon == std::string::npos) continue;
            value = value.substr(colon + 1);
        }
        if (value.size() >= 8) registerSecret(value);
    }
}

std::string maskSecrets(std::string text) {
    {
        std::lock_guard lock(g_mutex);
        for (const std::string& secret : g_secrets)
            for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 4))
                text.replace(at, secret.size(), kMask);
    }
    return maskUrls(text);
}

} // namespace hawker::studio
