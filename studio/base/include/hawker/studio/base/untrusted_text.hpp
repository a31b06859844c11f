#pragma once
// Text that came from outside (a request path, a header, a JSON body) on its
// way into a log line, an error message or a JSON answer. Dumping JSON with a
// stray byte, or logging a path with an escape sequence, must neither throw
// nor let the sender write to the operator's terminal.

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace hawker::studio {

/// JSON text of `value`; invalid UTF-8 inside strings becomes U+FFFD instead
/// of throwing, so an answer can always be written.
std::string toJsonText(const nlohmann::json& value, int indent = -1);

/// `text` for one log line or message: control characters, backslashes and
/// invalid UTF-8 are written as \xNN escapes, and it is cut at `maxBytes`
/// (on a code point boundary) with "…" appended.
std::string printable(std::string_view text, size_t maxBytes = 160);

/// True when `text` holds an ASCII control byte (below 0x20, or DEL): what an id, a name,
/// a URL or a device name from outside must not carry into a log line or a command line.
bool hasControlBytes(std::string_view text);

/// True when `text` nests objects and arrays no deeper than `maxDepth`
/// (brackets inside strings do not count). Checked before untrusted JSON is
/// parsed, so the cost of a hostile document is one linear scan.
bool jsonNestingWithin(std::string_view text, int maxDepth);

} // namespace hawker::studio
