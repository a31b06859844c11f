#pragma once
// The session report as one self-contained HTML page: what `hawker report --html` writes and what a
// merchandiser opens, offline, after the show.

#include <string>

#include <nlohmann/json.hpp>

namespace hawker::studio {

/// One self-contained HTML page (inline CSS, inline SVG charts, no scripts or external resources, opens
/// offline in any browser) of a session report. `report` has the shape of `hawker report --json` plus the
/// report sections (kpis, onair, comparison, ab, notes, alerts, top_comments, ...). Every key is optional:
/// a missing section is left out, a null or non-numeric value is shown as "—". Never throws on the
/// report's content; all text from it is HTML-escaped (and invalid UTF-8 replaced by U+FFFD).
std::string renderReportHtml(const nlohmann::json& report);

} // namespace hawker::studio
