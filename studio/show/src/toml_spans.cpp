// A locating scanner for TOML text: tables, keys, values, array elements.
// Strings are skipped whole (all four kinds), so a '#', ']' or '}' inside one
// is never taken for a comment or the end of a list.

#include "toml_spans.hpp"

#include <cstdint>

#include "hawker/studio/show/show_file_edit.hpp"

namespace hawker::studio::toml_spans {

namespace {

[[noreturn]] void fail(std::string_view text, size_t pos, const std::string& message) {
    size_t line = 1;
    for (size_t i = 0; i < pos && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    throw ShowFileEditError("line " + std::to_string(line) + ": " + message);
}

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

bool isBareKeyChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

size_t skipBlanks(std::string_view text, size_t pos) {
    while (pos < text.size() && isBlank(text[pos]))
        ++pos;
    return pos;
}

size_t skipComment(std::string_view text, size_t pos) {
    if (pos < text.size() && text[pos] == '#')
        while (pos < text.size() && text[pos] != '\n')
            ++pos;
    return pos;
}

/// Blanks, newlines and comments: the space between array elements and between statements.
size_t skipSpace(std::string_view text, size_t pos) {
    while (pos < text.size()) {
        const char c = text[pos];
        if (isBlank(c) || c == '\n' || c == '\r')
            ++pos;
        else if (c == '#')
            pos = skipComment(text, pos);
        else
            break;
    }
    return pos;
}

bool startsWith(std::string_view text, size_t pos, std::string_view what) {
    return text.substr(pos, what.size()) == what;
}

/// Just after the string starting at `pos` (its opening quote).
size_t skipString(std::string_view text, size_t pos) {
    const char quote = text[pos];
    const bool basic = quote == '"';
    const std::string_view triple = basic ? "\"\"\"" : "'''";
    if (startsWith(text, pos, triple)) {
        // Multi-line: ends at the first unescaped triple quote, which may be
        // followed by one or two more quotes that belong to the content.
        size_t i = pos + 3;
        while (i < text.size()) {
            if (basic && text[i] == '\\') {
                i += 2;
                continue;
            }
            if (startsWith(text, i, triple)) {
                i += 3;
                for (int extra = 0; extra < 2 && i < text.size() && text[i] == quote; ++extra)
                    ++i;
                return i;
            }
            ++i;
        }
        fail(text, pos, "unterminated multi-line string");
    }
    for (size_t i = pos + 1; i < text.size(); ++i) {
        if (text[i] == '\n') break;
        if (basic && text[i] == '\\') {
            ++i;
            continue;
        }
        if (text[i] == quote) return i + 1;
    }
    fail(text, pos, "unterminated string");
}

/// A key (bare, quoted, dotted) starting at `pos`; returns just after it.
size_t scanKey(std::string_view text, size_t pos, std::string& key) {
    key.clear();
    while (true) {
        pos = skipBlanks(text, pos);
        if (pos >= text.size()) fail(text, pos, "expected a key");
        if (text[pos] == '"' || text[pos] == '\'') {
            const size_t end = skipString(text, pos);
            key += decodeString(text.substr(pos, end - pos));
            pos = end;
        } else {
            const size_t begin = pos;
            while (pos < text.size() && isBareKeyChar(text[pos]))
                ++pos;
            if (pos == begin) fail(text, pos, "expected a key");
            key += text.substr(begin, pos - begin);
        }
        const size_t after = skipBlanks(text, pos);
        if (after >= text.size() || text[after] != '.') return pos;
        key += '.';
        pos = after + 1;
    }
}

/// `key = value` starting at `pos`. At the top of a table it ends its line (a comment may follow);
/// inside an inline table the table's scanner reads what follows.
KeyValue scanKeyValue(std::string_view text, size_t pos, bool inlineTable) {
    KeyValue kv;
    kv.lineBegin = lineStart(text, pos);
    kv.keyBegin = pos;
    pos = skipBlanks(text, scanKey(text, pos, kv.key));
    if (pos >= text.size() || text[pos] != '=') fail(text, pos, "expected '=' after '" + kv.key + "'");
    kv.valueBegin = skipBlanks(text, pos + 1);
    kv.valueEnd = skipValue(text, kv.valueBegin);
    kv.lineEnd = kv.valueEnd;
    if (!inlineTable) {
        kv.lineEnd = restOfLine(text, kv.valueEnd);
        if (kv.lineEnd == npos)
            fail(text, kv.valueEnd, "expected the end of the line after '" + kv.key + "'");
    }
    return kv;
}

/// The items of a list or an inline table opening at `open`, separated by commas, up to `close`:
/// `item(pos)` reads the one at pos and returns just after it, `comma(end)` hears of a comma after it.
/// Returns the position of `close`.
template <typename Item, typename Comma>
size_t scanItems(std::string_view text, size_t open, char close, const char* what, Item item, Comma comma) {
    size_t pos = skipSpace(text, open + 1);
    while (true) {
        if (pos >= text.size()) fail(text, open, std::string("unterminated ") + what);
        if (text[pos] == close) return pos;
        pos = skipSpace(text, item(pos));
        if (pos < text.size() && text[pos] == ',') {
            comma(pos + 1);
            pos = skipSpace(text, pos + 1);
        } else if (pos >= text.size() || text[pos] != close) {
            fail(text, pos, std::string("expected ',' or '") + close + "' in " + what);
        }
    }
}

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

} // namespace

size_t lineStart(std::string_view text, size_t pos) {
    const size_t newline = pos == 0 ? npos : text.rfind('\n', pos - 1);
    return newline == npos ? 0 : newline + 1;
}

bool startsLine(std::string_view text, size_t pos) {
    for (size_t i = lineStart(text, pos); i < pos; ++i)
        if (!isBlank(text[i])) return false;
    return true;
}

size_t restOfLine(std::string_view text, size_t pos) {
    pos = skipComment(text, skipBlanks(text, pos));
    if (pos < text.size() && text[pos] == '\r') ++pos;
    if (pos >= text.size()) return text.size();
    return text[pos] == '\n' ? pos + 1 : npos;
}

std::string_view indentOf(std::string_view text, size_t pos) {
    const size_t begin = lineStart(text, pos);
    return text.substr(begin, skipBlanks(text, begin) - begin);
}

size_t skipValue(std::string_view text, size_t pos) {
    if (pos >= text.size()) fail(text, pos, "expected a value");
    const char c = text[pos];
    if (c == '"' || c == '\'') return skipString(text, pos);
    if (c == '[') return scanArray(text, pos).close + 1;
    if (c == '{') return scanInlineTable(text, pos).close + 1;
    // Numbers, booleans, dates (which may hold one space): up to what ends a value.
    size_t end = pos;
    while (end < text.size() && std::string_view(",]}#\r\n").find(text[end]) == npos)
        ++end;
    while (end > pos && isBlank(text[end - 1]))
        --end;
    if (end == pos) fail(text, pos, "expected a value");
    return end;
}

Array scanArray(std::string_view text, size_t open) {
    Array array;
    array.open = open;
    array.close = scanItems(
        text, open, ']', "a list",
        [&](size_t pos) {
            Element& element = array.elements.emplace_back();
            element.begin = pos;
            element.end = skipValue(text, pos);
            return element.end;
        },
        [&](size_t commaEnd) { array.elements.back().commaEnd = commaEnd; });
    return array;
}

InlineTable scanInlineTable(std::string_view text, size_t open) {
    InlineTable table;
    table.open = open;
    table.close = scanItems(
        text, open, '}', "an inline table",
        [&](size_t pos) {
            table.keys.push_back(scanKeyValue(text, pos, true));
            return table.keys.back().valueEnd;
        },
        [](size_t) {});
    return table;
}

std::vector<Table> scanDocument(std::string_view text) {
    std::vector<Table> tables(1);
    size_t pos = 0;
    while ((pos = skipSpace(text, pos)) < text.size()) {
        if (text[pos] != '[') {
            KeyValue kv = scanKeyValue(text, pos, false);
            pos = kv.lineEnd;
            tables.back().keys.push_back(std::move(kv));
            continue;
        }
        Table table;
        table.headerBegin = lineStart(text, pos);
        table.arrayOfTables = startsWith(text, pos, "[[");
        pos = skipBlanks(text, scanKey(text, pos + (table.arrayOfTables ? 2 : 1), table.name));
        const std::string_view close = table.arrayOfTables ? "]]" : "]";
        if (!startsWith(text, pos, close)) fail(text, pos, "expected '" + std::string(close) + "'");
        table.bodyBegin = restOfLine(text, pos + close.size());
        if (table.bodyBegin == npos) fail(text, pos, "expected the end of the line after a table header");
        pos = table.bodyBegin;
        tables.push_back(std::move(table));
    }
    return tables;
}

std::string decodeString(std::string_view token) {
    const bool basic = !token.empty() && token[0] == '"';
    if (token.size() < 2 || (token[0] != '"' && token[0] != '\''))
        throw ShowFileEditError("expected a string, got " + std::string(token));
    const bool multiLine = token.size() >= 6 && token.substr(0, 3) == (basic ? "\"\"\"" : "'''");
    std::string_view body = multiLine ? token.substr(3, token.size() - 6) : token.substr(1, token.size() - 2);
    if (multiLine) {
        // A newline right after the opening quotes is not part of the value.
        if (body.substr(0, 2) == "\r\n")
            body.remove_prefix(2);
        else if (body.substr(0, 1) == "\n")
            body.remove_prefix(1);
    }
    if (!basic) return std::string(body);
    std::string out;
    for (size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\') {
            out += body[i];
            continue;
        }
        if (++i >= body.size()) break;
        const char e = body[i];
        switch (e) {
        case 'b':
            out += '\b';
            break;
        case 't':
            out += '\t';
            break;
        case 'n':
            out += '\n';
            break;
        case 'f':
            out += '\f';
            break;
        case 'r':
            out += '\r';
            break;
        case 'e':
            out += '\x1b';
            break;
        case '"':
            out += '"';
            break;
        case '\\':
            out += '\\';
            break;
        case 'u':
        case 'U': {
            const size_t digits = e == 'u' ? 4 : 8;
            const uint32_t cp =
                static_cast<uint32_t>(std::stoul(std::string(body.substr(i + 1, digits)), nullptr, 16));
            appendUtf8(out, cp);
            i += digits;
            break;
        }
        default:
            // A line-ending backslash (multi-line strings): the newline and the
            // blanks that follow it are dropped.
            if (isBlank(e) || e == '\n' || e == '\r') {
                while (i < body.size() && (isBlank(body[i]) || body[i] == '\n' || body[i] == '\r'))
                    ++i;
                --i;
            } else {
                out += e;
            }
        }
    }
    return out;
}

std::string quoteString(std::string_view value) {
    std::string out = "\"";
    for (const char c : value) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                static const char hex[] = "0123456789ABCDEF";
                out += "\\u00";
                out += hex[(c >> 4) & 0xF];
                out += hex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

} // namespace hawker::studio::toml_spans
