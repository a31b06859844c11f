#include "section_frame.hpp"

#include "report_format.hpp"

namespace hawker::studio::report_html {

void openSection(std::string& out, const char* id, Heading heading, const std::string& aside) {
    out += format("<section id=\"%s\">\n<h2>%s <span class=\"zh\">%s</span>", id, heading.en, heading.zh);
    if (!aside.empty()) out += "<span class=\"aside\">" + aside + "</span>";
    out += "</h2>\n";
}

void closeSection(std::string& out) {
    out += "</section>\n";
}

void emptyNote(std::string& out, const std::string& html) {
    out += "<p class=\"empty\">" + html + "</p>\n";
}

} // namespace hawker::studio::report_html
