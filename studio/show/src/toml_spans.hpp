#pragma once
// Where things are in a TOML text, as byte offsets (internal to studio/show).
// toml++ reads the show file but forgets its comments and layout, so it
// cannot write the file back; the show-file writer edits the original text
// instead, and this scanner tells it where each table, key, value, array
// element and inline-table key starts and ends. It only locates: the text
// has already been parsed (and validated) by toml++, so the scanner trusts
// its grammar and stops with ShowFileEditError ("line N: ...") on what it
// does not understand rather than guessing.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hawker::studio::toml_spans {

inline constexpr size_t npos = std::string_view::npos;

/// `key = value`, at the top of a table or inside an inline table.
struct KeyValue {
    std::string key;   ///< dotted and unquoted: "layers", "a.b"
    size_t lineBegin;  ///< the start of the line it is on
    size_t keyBegin;   ///< its first character
    size_t valueBegin; ///< the value's first character
    size_t valueEnd;   ///< just after the value
    size_t lineEnd;    ///< just after the rest of its line (spaces, comment, newline); inline: valueEnd
};

/// A table: the root (name ""), `[name]` or `[[name]]`, with its own keys.
struct Table {
    std::string name; ///< dotted and unquoted: "scenes.layers"
    bool arrayOfTables = false;
    size_t headerBegin = 0; ///< the start of the header's line (the root: 0)
    size_t bodyBegin = 0;   ///< just after the header's line
    std::vector<KeyValue> keys;
    /// Just after its last key's line, else after its header: where its own text ends (the blank
    /// lines and comments that follow belong to what comes next).
    size_t contentEnd() const { return keys.empty() ? bodyBegin : keys.back().lineEnd; }
};

struct Element {
    size_t begin, end;
    size_t commaEnd = npos; ///< just after the comma that follows it; npos when none does
};

struct Array {
    size_t open = 0, close = 0; ///< the '[' and the ']'
    std::vector<Element> elements;
};

struct InlineTable {
    size_t open = 0, close = 0; ///< the '{' and the '}'
    std::vector<KeyValue> keys;
};

/// Every table of the document in the order of the text, the root first.
std::vector<Table> scanDocument(std::string_view text);
/// The array whose '[' is at `open`.
Array scanArray(std::string_view text, size_t open);
/// The inline table whose '{' is at `open`.
InlineTable scanInlineTable(std::string_view text, size_t open);
/// Just after the value that starts at `pos`.
size_t skipValue(std::string_view text, size_t pos);

/// The value of a string token (any of the four kinds); throws when it is not a string.
std::string decodeString(std::string_view token);
/// `value` as a TOML basic string, quotes included.
std::string quoteString(std::string_view value);

/// The start of the line `pos` is on.
size_t lineStart(std::string_view text, size_t pos);
/// Only spaces and tabs between the start of the line and `pos`.
bool startsLine(std::string_view text, size_t pos);
/// After spaces, tabs and a comment from `pos`: just after the newline, or npos when something else
/// follows on the line. The end of the text counts as a newline.
size_t restOfLine(std::string_view text, size_t pos);
/// The spaces and tabs that start the line `pos` is on.
std::string_view indentOf(std::string_view text, size_t pos);

} // namespace hawker::studio::toml_spans
