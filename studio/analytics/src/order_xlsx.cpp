// XLSX order exports: the archive is opened with libzip and its XML read with
// libxml2's streaming reader, so a 200,000-row sheet never becomes a DOM.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "hawker/studio/analytics/order_sheets.hpp"

namespace hawker::studio {

namespace {

/// An archive member larger than this is refused before it is inflated.
constexpr zip_uint64_t kMaxMemberBytes = 512ull << 20;

class Archive {
public:
    explicit Archive(const std::string& bytes) {
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (source) m_zip = zip_open_from_source(source, ZIP_RDONLY, &error);
        if (!m_zip) {
            if (source) zip_source_free(source);
            const std::string why = zip_error_strerror(&error);
            zip_error_fini(&error);
            throw WorkbookError("not a readable XLSX workbook (" + why + ")");
        }
        zip_error_fini(&error);
    }
    ~Archive() { zip_discard(m_zip); }
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;

    bool has(const std::string& name) const { return zip_name_locate(m_zip, name.c_str(), 0) >= 0; }

    std::string read(const std::string& name) const {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat(m_zip, name.c_str(), 0, &stat) != 0) throw WorkbookError("the workbook has no " + name);
        if (!(stat.valid & ZIP_STAT_SIZE) || stat.size > kMaxMemberBytes)
            throw WorkbookError(name + " is larger than 512 MB");
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(m_zip, name.c_str(), 0),
                                                                &zip_fclose);
        if (!file) throw WorkbookError("cannot open " + name + " in the workbook");
        std::string data(stat.size, '\0');
        zip_int64_t got = 0;
        while (got < static_cast<zip_int64_t>(data.size())) {
            const zip_int64_t n = zip_fread(file.get(), data.data() + got, data.size() - got);
            if (n <= 0) throw WorkbookError("cannot inflate " + name);
            got += n;
        }
        return data;
    }

private:
    zip_t* m_zip = nullptr;
};

/// libxml2's pull reader over one XML text, network access off.
class XmlReader {
public:
    /// Keeps `xml`: libxml2 reads it in place as it goes (members are 512 MB at most, within int).
    XmlReader(std::string xml, const std::string& name)
        : m_xml(std::move(xml)), m_name(name),
          m_reader(xmlReaderForMemory(m_xml.data(), static_cast<int>(m_xml.size()), nullptr, "UTF-8",
                                      XML_PARSE_NONET | XML_PARSE_HUGE),
                   &xmlFreeTextReader) {
        if (!m_reader) throw WorkbookError("cannot parse " + name);
    }
    /// Next node; false at the end. Throws on malformed XML.
    bool next() {
        const int status = xmlTextReaderRead(m_reader.get());
        if (status < 0) throw WorkbookError(m_name + " is not well-formed XML");
        return status == 1;
    }
    bool isStart(const char* local) const {
        return xmlTextReaderNodeType(m_reader.get()) == XML_READER_TYPE_ELEMENT && localIs(local);
    }
    bool isEnd(const char* local) const {
        return xmlTextReaderNodeType(m_reader.get()) == XML_READER_TYPE_END_ELEMENT && localIs(local);
    }
    bool isEmpty() const { return xmlTextReaderIsEmptyElement(m_reader.get()) == 1; }
    bool isText() const {
        const int type = xmlTextReaderNodeType(m_reader.get());
        return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
               type == XML_READER_TYPE_CDATA;
    }
    std::string value() const {
        const xmlChar* v = xmlTextReaderConstValue(m_reader.get());
        return v ? reinterpret_cast<const char*>(v) : "";
    }
    std::string attribute(const char* name) const {
        xmlChar* v = xmlTextReaderGetAttribute(m_reader.get(), reinterpret_cast<const xmlChar*>(name));
        if (!v) return {};
        std::string out = reinterpret_cast<const char*>(v);
        xmlFree(v);
        return out;
    }

private:
    bool localIs(const char* local) const {
        const xmlChar* name = xmlTextReaderConstLocalName(m_reader.get());
        return name && xmlStrcmp(name, reinterpret_cast<const xmlChar*>(local)) == 0;
    }
    std::string m_xml;
    std::string m_name;
    std::unique_ptr<xmlTextReader, decltype(&xmlFreeTextReader)> m_reader;
};

/// The text of <si> or <is>: its <t> runs, without phonetic guides (<rPh>).
std::string stringItem(XmlReader& xml, const char* end) {
    std::string text;
    bool inText = false, inPhonetic = false;
    while (xml.next()) {
        if (xml.isEnd(end)) break;
        if (xml.isStart("rPh"))
            inPhonetic = !xml.isEmpty();
        else if (xml.isEnd("rPh"))
            inPhonetic = false;
        else if (xml.isStart("t"))
            inText = !xml.isEmpty();
        else if (xml.isEnd("t"))
            inText = false;
        else if (inText && !inPhonetic && xml.isText())
            text += xml.value();
    }
    return text;
}

std::vector<std::string> sharedStrings(const Archive& zip) {
    std::vector<std::string> strings;
    if (!zip.has("xl/sharedStrings.xml")) return strings;
    XmlReader xml(zip.read("xl/sharedStrings.xml"), "xl/sharedStrings.xml");
    while (xml.next())
        if (xml.isStart("si")) strings.push_back(xml.isEmpty() ? std::string() : stringItem(xml, "si"));
    return strings;
}

/// Whether a number format shows a date: the built-in date ids, or a code with
/// date letters outside quotes and [colour] brackets.
bool isDateFormat(int id, const std::string& code) {
    if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
    bool quoted = false, bracket = false;
    for (char ch : code) {
        if (ch == '"')
            quoted = !quoted;
        else if (!quoted && ch == '[')
            bracket = true;
        else if (!quoted && ch == ']')
            bracket = false;
        else if (!quoted && !bracket && std::string_view("ymdhsYMDHS").find(ch) != std::string_view::npos)
            return true;
    }
    return false;
}

/// For each cell style index (the s attribute), whether it shows a date.
std::vector<bool> dateStyles(const Archive& zip) {
    std::vector<bool> styles;
    if (!zip.has("xl/styles.xml")) return styles;
    XmlReader xml(zip.read("xl/styles.xml"), "xl/styles.xml");
    std::map<int, std::string> codes;
    bool inCellXfs = false;
    while (xml.next()) {
        if (xml.isStart("numFmt")) {
            codes[std::atoi(xml.attribute("numFmtId").c_str())] = xml.attribute("formatCode");
        } else if (xml.isStart("cellXfs")) {
            inCellXfs = !xml.isEmpty();
        } else if (xml.isEnd("cellXfs")) {
            inCellXfs = false;
        } else if (inCellXfs && xml.isStart("xf")) {
            const int id = std::atoi(xml.attribute("numFmtId").c_str());
            const auto code = codes.find(id);
            styles.push_back(isDateFormat(id, code == codes.end() ? "" : code->second));
        }
    }
    return styles;
}

/// The first worksheet named by the workbook (through its relationships).
std::string firstSheetPath(const Archive& zip) {
    std::string id;
    {
        XmlReader xml(zip.read("xl/workbook.xml"), "xl/workbook.xml");
        while (xml.next() && id.empty())
            if (xml.isStart("sheet")) id = xml.attribute("r:id");
    }
    if (!id.empty() && zip.has("xl/_rels/workbook.xml.rels")) {
        XmlReader xml(zip.read("xl/_rels/workbook.xml.rels"), "xl/_rels/workbook.xml.rels");
        while (xml.next()) {
            if (xml.isStart("Relationship") && xml.attribute("Id") == id) {
                std::string target = xml.attribute("Target");
                if (target.rfind("/", 0) == 0) return target.substr(1);
                return "xl/" + target;
            }
        }
    }
    if (zip.has("xl/worksheets/sheet1.xml")) return "xl/worksheets/sheet1.xml";
    throw WorkbookError("the workbook names no worksheet");
}

/// "BC12" → 54 (0-based column); -1 when there are no letters.
int columnIndex(const std::string& reference) {
    int column = 0;
    size_t i = 0;
    for (; i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z'; ++i)
        column = column * 26 + (reference[i] - 'A' + 1);
    return i == 0 ? -1 : column - 1;
}

/// A number as a spreadsheet user sees it: 1.2345E+17 written out in full when whole.
std::string numberText(const std::string& raw) {
    if (raw.find_first_of("eE") == std::string::npos) return raw;
    const double value = std::strtod(raw.c_str(), nullptr);
    if (std::floor(value) == value && std::fabs(value) < 9.0e15) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
        return buffer;
    }
    return raw;
}

} // namespace

std::string excelSerialToText(double serial) {
    // Day 25569 is 1970-01-01 in Excel's 1900 system (which counts a 29 Feb 1900 that never was).
    const auto totalSeconds = static_cast<int64_t>(std::llround((serial - 25569.0) * 86400.0));
    const int64_t days = totalSeconds >= 0 ? totalSeconds / 86400 : (totalSeconds - 86399) / 86400;
    const int64_t seconds = totalSeconds - days * 86400;
    const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
    const auto y = static_cast<int>(date.year());
    const auto m = static_cast<unsigned>(date.month());
    const auto d = static_cast<unsigned>(date.day());
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld",
                  static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                  static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
                  static_cast<long long>(seconds % 60));
    return buffer;
}

Sheet readXlsxSheet(const std::string& bytes, const std::string& file) {
    const Archive zip(bytes);
    const std::vector<std::string> shared = sharedStrings(zip);
    const std::vector<bool> dates = dateStyles(zip);
    const std::string path = firstSheetPath(zip);
    XmlReader xml(zip.read(path), path);
    Sheet sheet;
    sheet.file = file;
    sheet.encoding = "xlsx";
    SheetRow* row = nullptr;
    int nextColumn = 0;
    while (xml.next()) {
        if (xml.isStart("row")) {
            const int number = std::atoi(xml.attribute("r").c_str());
            sheet.rows.push_back({number > 0 ? number : static_cast<int>(sheet.rows.size()) + 1, {}, {}});
            row = &sheet.rows.back();
            nextColumn = 0;
            if (xml.isEmpty()) row = nullptr;
        } else if (xml.isEnd("row")) {
            row = nullptr;
        } else if (row && xml.isStart("c")) {
            int column = columnIndex(xml.attribute("r"));
            if (column < 0) column = nextColumn;
            if (column > 16383) throw WorkbookError(path + ": a cell beyond column XFD");
            nextColumn = column + 1;
            const std::string type = xml.attribute("t");
            const std::string style = xml.attribute("s");
            std::string raw, text;
            if (!xml.isEmpty()) {
                if (type == "inlineStr") {
                    while (xml.next() && !xml.isEnd("c"))
                        if (xml.isStart("is") && !xml.isEmpty()) raw = stringItem(xml, "is");
                } else {
                    bool inValue = false;
                    while (xml.next() && !xml.isEnd("c")) {
                        if (xml.isStart("v"))
                            inValue = !xml.isEmpty();
                        else if (xml.isEnd("v"))
                            inValue = false;
                        else if (inValue && xml.isText())
                            raw += xml.value();
                    }
                }
            }
            if (type == "s") {
                const long index = std::strtol(raw.c_str(), nullptr, 10);
                if (raw.empty() || index < 0 || static_cast<size_t>(index) >= shared.size())
                    throw WorkbookError(path + ": a cell names shared string " + raw +
                                        ", which does not exist");
                text = shared[static_cast<size_t>(index)];
            } else if (type == "inlineStr" || type == "str" || type == "e" || type == "d") {
                text = raw; // "d": already an ISO 8601 date text
            } else if (type == "b") {
                text = raw == "1" ? "TRUE" : "FALSE";
            } else {
                const long s = style.empty() ? -1 : std::strtol(style.c_str(), nullptr, 10);
                const bool isDate =
                    s >= 0 && static_cast<size_t>(s) < dates.size() && dates[static_cast<size_t>(s)];
                text = isDate && !raw.empty() ? excelSerialToText(std::strtod(raw.c_str(), nullptr))
                                              : numberText(raw);
            }
            if (row->cells.size() <= static_cast<size_t>(column)) row->cells.resize(column + 1);
            row->cells[static_cast<size_t>(column)] = std::move(text);
        }
    }
    // A row that ends before the header's last column has empty cells there.
    const size_t width = sheet.rows.empty() ? 0 : sheet.rows[0].cells.size();
    for (SheetRow& r : sheet.rows)
        if (r.cells.size() < width) r.cells.resize(width);
    std::erase_if(sheet.rows, [](const SheetRow& r) {
        return std::all_of(r.cells.begin(), r.cells.end(), [](const std::string& c) { return c.empty(); });
    });
    return sheet;
}

Sheet readOrderSheet(std::string bytes, const std::string& file) {
    if (bytes.rfind("PK\x03\x04", 0) == 0) {
        try {
            return readXlsxSheet(bytes, file);
        } catch (const WorkbookError& error) {
            throw WorkbookError(file + ": " + error.what());
        }
    }
    try {
        return readCsvSheet(std::move(bytes), file);
    } catch (const std::exception& error) {
        throw std::runtime_error(file + ": " + error.what());
    }
}

} // namespace hawker::studio
