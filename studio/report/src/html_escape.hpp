#pragma once
// Text from the report made safe to put into the page, in element text and in quoted attribute values.

#include <string>
#include <string_view>

namespace hawker::studio::report_html {

/// Appends `text` with & < > " ' as entities, and each control character (other than tab and line breaks)
/// and each byte of invalid UTF-8 as U+FFFD.
void appendEscaped(std::string& out, std::string_view text);
std::string escape(std::string_view text);

} // namespace hawker::studio::report_html
