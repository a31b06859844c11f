#pragma once
// Secrets never leave: the one function that masks stream keys, API tokens
// and the credentials inside URLs before any text is logged, answered,
// stored or shown. Every path out of the program (the log, the API, the
// timeline and audit rows, the stored show state, the report, the console,
// stdout) passes its text through maskSecrets().

#include <string>

namespace hawker::studio {

/// What a masked secret becomes.
inline constexpr const char* kMask = "****";

/// From now on `secret` (and its percent-encoded form) is replaced by "****"
/// wherever it appears in masked text. Secrets shorter than 4 bytes are not
/// kept: they would mask ordinary words.
void registerSecret(const std::string& secret);

/// Registers the credentials a URL carries (the password of `user:pass@`, the
/// values of secret query parameters), so that they stay masked where a peer
/// or FFmpeg quotes them without the URL around them. Values shorter than 8
/// bytes are only masked inside URLs.
void registerUrlSecrets(const std::string& url);

/// `text` with every registered secret masked, and in every URL inside it
/// (`scheme://...`, anywhere in a longer message) the `user:pass@` part and
/// the values of secret query parameters masked. A query parameter is secret
/// when its name (any case) is passphrase, streamid, key, token, secret,
/// password, passwd, pwd, pass, auth, sign, signature or credential, or ends
/// in key, token, secret, password, passphrase or pwd (stream_key,
/// access_token, txSecret). Other parameters (latency, mode, pbkeylen, ...)
/// stay as they are.
std::string maskSecrets(std::string text);

/// Whether a query parameter of this name holds a secret (see maskSecrets).
bool isSecretParameter(const std::string& name);

} // namespace hawker::studio
