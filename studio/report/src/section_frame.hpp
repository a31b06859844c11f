#pragma once
// What every section of the page shares: its <section> with a heading in English and Chinese, and the note
// it shows when the report has nothing for it.

#include <string>

namespace hawker::studio::report_html {

struct Heading {
    const char* en;
    const char* zh;
};

/// A metric's key in the report and its label in both languages.
struct MetricLabel {
    const char* key;
    const char* en;
    const char* zh;
};

/// Opens `<section id="ID">` with its <h2>; `aside` (HTML) is set to the heading's right.
void openSection(std::string& out, const char* id, Heading heading, const std::string& aside = {});
void closeSection(std::string& out);
/// A muted line in place of a section's content; `html` is inserted as it is.
void emptyNote(std::string& out, const std::string& html);

} // namespace hawker::studio::report_html
