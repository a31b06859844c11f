#pragma once
// Text files from Chinese spreadsheets and shop back-ends come in UTF-8 (with
// or without Excel's BOM) or in GB18030/GBK. Valid UTF-8 is taken as UTF-8;
// anything else is converted from GB18030 (a superset of GBK and GB2312), and
// the caller is told which one was used.

#include <stdexcept>
#include <string>

namespace hawker::studio {

struct DecodedText {
    std::string text;     ///< UTF-8, without a BOM
    std::string encoding; ///< "utf-8" or "gb18030"
};

/// The bytes are neither UTF-8 nor GB18030.
class EncodingError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Throws EncodingError naming the byte offset of the first byte that fits neither. UTF-8 bytes become
/// the text without a copy (a 200,000-row export is tens of megabytes): pass them with std::move.
DecodedText decodeSpreadsheetText(std::string bytes);

} // namespace hawker::studio
