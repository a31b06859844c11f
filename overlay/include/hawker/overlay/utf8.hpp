#pragma once
// UTF-8 checks shared by everything that takes text from outside (graphics,
// catalog rows, viewer events): no overlong forms, no surrogates, nothing
// past U+10FFFF.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hawker::overlay {

/// Length of the valid UTF-8 sequence at `text[i]` with its code point, or 0 when it is invalid.
size_t validUtf8Sequence(std::string_view text, size_t i, uint32_t& codepoint);
/// Valid UTF-8 only: invalid bytes become U+FFFD and control characters are
/// dropped, so a broken name from a spreadsheet cannot upset the renderer.
std::string sanitizeUtf8(std::string_view text);
/// True when `text` is valid UTF-8 throughout.
bool isValidUtf8(std::string_view text);
/// One string per code point.
std::vector<std::string> splitCodepoints(std::string_view utf8);

} // namespace hawker::overlay
