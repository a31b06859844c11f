#include "hawker/studio/report/report_html.hpp"

#include <string>

#include "hawker/studio/base/translations.hpp"
#include "html_escape.hpp"
#include "report_fields.hpp"
#include "report_sections.hpp"
#include "report_style.hpp"

namespace hawker::studio {

std::string renderReportHtml(const nlohmann::json& report) {
    using namespace report_html;
    const json& session = memberOf(report, "session");
    std::string title = textAt(session, "title");
    std::string out;
    out.reserve(64 * 1024);
    out += std::string("<!DOCTYPE html>\n<html lang=\"") + i18n::languageCode(i18n::currentLanguage()) +
           "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<title>" +
           escape(title.empty() ? std::string(i18n::tr("report.untitled")) : title) + " · " +
           i18n::tr("report.title_suffix") + "</title>\n<style>\n";
    out += reportStyle();
    out += "</style>\n</head>\n<body>\n<main>\n";

    renderSummary(out, report);
    renderFunnel(out, memberOf(report, "summary"));
    renderCharts(out, report);
    renderProducts(out, report);
    renderCardShowings(out, report);
    renderSegments(out, report);
    renderOffers(out, report);
    renderReconciliation(out, report);
    renderComparison(out, report);
    renderAb(out, report);
    renderReview(out, report);
    renderAlerts(out, report);
    renderTopComments(out, report);
    renderTimeline(out, report);

    out += std::string("<footer>") + i18n::tr("report.footer") + "</footer>\n</main>\n</body>\n</html>\n";
    return out;
}

} // namespace hawker::studio
