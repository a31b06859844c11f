#pragma once
// The report page's style sheet. Its text is studio/report/assets/report.css, compiled into the library at
// build time (cmake/embed_text.cmake writes the definition), so the page can inline it and stay one
// self-contained file without reading anything from disk.

#include <string_view>

namespace hawker::studio::report_html {

/// The exact bytes of assets/report.css.
std::string_view reportStyle();

} // namespace hawker::studio::report_html
