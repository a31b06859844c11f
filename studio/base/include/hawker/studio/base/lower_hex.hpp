#pragma once
// Bytes as lowercase hexadecimal: how digests are written (viewer hashes,
// webhook signatures).

#include <cstddef>
#include <string>

namespace hawker::studio {

inline std::string lowerHex(const unsigned char* bytes, size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (size_t i = 0; i < size; ++i) {
        out += kDigits[bytes[i] >> 4];
        out += kDigits[bytes[i] & 0x0f];
    }
    return out;
}

} // namespace hawker::studio
