#include "hawker/studio/base/text_encoding.hpp"

#include <cerrno>
#include <iconv.h>

#include "hawker/overlay/utf8.hpp"

namespace hawker::studio {

namespace {

/// glibc's iconv, closed on every path.
class Converter {
public:
    Converter() : m_cd(iconv_open("UTF-8", "GB18030")) {
        if (m_cd == reinterpret_cast<iconv_t>(-1)) throw EncodingError("this system's iconv has no GB18030");
    }
    ~Converter() { iconv_close(m_cd); }
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;

    std::string convert(const std::string& in) {
        std::string out(in.size() * 2 + 16, '\0'); // a GB18030 character never grows past 2× in UTF-8
        char* src = const_cast<char*>(in.data());
        size_t srcLeft = in.size();
        char* dst = out.data();
        size_t dstLeft = out.size();
        if (iconv(m_cd, &src, &srcLeft, &dst, &dstLeft) == static_cast<size_t>(-1)) {
            const size_t offset = in.size() - srcLeft;
            throw EncodingError(std::string("the file is neither UTF-8 nor GB18030/GBK (") +
                                (errno == EINVAL ? "it ends inside a character" : "bad bytes") + " at byte " +
                                std::to_string(offset) + ")");
        }
        out.resize(out.size() - dstLeft);
        return out;
    }

private:
    iconv_t m_cd;
};

} // namespace

DecodedText decodeSpreadsheetText(std::string bytes) {
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    if (bytes.rfind(bom, 0) == 0) {
        bytes.erase(0, bom.size());
        if (!overlay::isValidUtf8(bytes))
            throw EncodingError("the file starts with a UTF-8 mark but is not valid UTF-8");
        return {std::move(bytes), "utf-8"};
    }
    if (overlay::isValidUtf8(bytes)) return {std::move(bytes), "utf-8"};
    return {Converter().convert(bytes), "gb18030"};
}

} // namespace hawker::studio
