#pragma once
// The sections of the report page, in the order the page shows them (renderReportHtml calls them in this
// order). Each appends its <section> to `out`, or nothing when the report has no such part, and reads only
// its own part of the report.

#include <string>

#include "report_fields.hpp"

namespace hawker::studio::report_html {

/// The session header, KPI tiles and summary figures (summary_section.cpp).
void renderSummary(std::string& out, const json& report);
/// The conversion funnel from the report's "summary" (funnel_section.cpp).
void renderFunnel(std::string& out, const json& summary);
/// Viewers, GMV and comments per minute over what was on air (charts_section.cpp).
void renderCharts(std::string& out, const json& report);
/// Products by GMV (products_section.cpp).
void renderProducts(std::string& out, const json& report);
/// Rundown segments, planned against actual (segments_section.cpp).
void renderSegments(std::string& out, const json& report);
/// Flash sales and offers (offers_section.cpp).
void renderOffers(std::string& out, const json& report);
/// Orders seen live against the platform's export (reconciliation_section.cpp).
void renderReconciliation(std::string& out, const json& report);
/// Earlier sessions with the same title or tag (comparison_sections.cpp).
void renderComparison(std::string& out, const json& report);
/// A/B tests: the conversion of two variants and whether the difference is significant
/// (comparison_sections.cpp).
void renderAb(std::string& out, const json& report);
/// The review notes and action items (review_section.cpp).
void renderReview(std::string& out, const json& report);
/// "card_showings": each time a product card was on air, ranked by GMV per minute.
void renderCardShowings(std::string& out, const json& report);
/// The open action items of earlier shows of the same title or tag ("open_actions"), at the top of the
/// summary; nothing when there are none.
void renderOpenActions(std::string& out, const json& report);
/// Alerts raised during the show (show_log_sections.cpp).
void renderAlerts(std::string& out, const json& report);
/// Top comments (show_log_sections.cpp).
void renderTopComments(std::string& out, const json& report);
/// The on-air log (show_log_sections.cpp).
void renderTimeline(std::string& out, const json& report);

} // namespace hawker::studio::report_html
