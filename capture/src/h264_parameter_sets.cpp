#include "h264_parameter_sets.hpp"

#include <algorithm>

namespace hawker::capture::h264 {

namespace {
constexpr int kNalSps = 7, kNalPps = 8;
constexpr size_t kNone = static_cast<size_t>(-1);

int nalType(const Bytes& nal) {
    return nal.empty() ? -1 : nal[0] & 0x1f;
}

void putLength(Bytes& out, size_t length, int lengthSize) {
    for (int shift = (lengthSize - 1) * 8; shift >= 0; shift -= 8)
        out.push_back(static_cast<uint8_t>(length >> shift));
}
} // namespace

bool isAnnexB(const uint8_t* data, size_t size) {
    if (size >= 3 && data[0] == 0 && data[1] == 0 && data[2] == 1) return true;
    return size >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] == 1;
}

std::vector<Bytes> splitAnnexB(const uint8_t* data, size_t size) {
    std::vector<Bytes> nals;
    size_t i = 0, start = kNone;
    auto finish = [&](size_t end) {
        // Trailing zero bytes before the next start code belong to no NAL.
        while (end > start && data[end - 1] == 0)
            --end;
        if (end > start) nals.emplace_back(data + start, data + end);
    };
    while (i + 2 < size) {
        if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
            if (start != kNone) finish(i);
            i += 3;
            start = i;
            continue;
        }
        ++i;
    }
    if (start != kNone) finish(size);
    return nals;
}

std::optional<ParameterSets> parseExtradata(const uint8_t* data, size_t size) {
    ParameterSets sets;
    if (!data || size == 0) return std::nullopt;
    if (isAnnexB(data, size)) {
        for (Bytes& nal : splitAnnexB(data, size)) {
            if (nalType(nal) == kNalSps)
                sets.sps.push_back(std::move(nal));
            else if (nalType(nal) == kNalPps)
                sets.pps.push_back(std::move(nal));
        }
    } else {
        // avcC: version, profile, compatibility, level, 0xfc | lengthSize-1,
        // 0xe0 | SPS count, then each SPS (16-bit size), PPS count, each PPS.
        if (size < 7 || data[0] != 1) return std::nullopt;
        sets.lengthSize = (data[4] & 3) + 1;
        size_t at = 5;
        auto readList = [&](size_t count, std::vector<Bytes>& into) {
            for (size_t k = 0; k < count; ++k) {
                if (at + 2 > size) return false;
                const size_t length = (size_t{data[at]} << 8) | data[at + 1];
                at += 2;
                if (at + length > size) return false;
                into.emplace_back(data + at, data + at + length);
                at += length;
            }
            return true;
        };
        if (!readList(data[at++] & 0x1f, sets.sps) || at >= size) return std::nullopt;
        if (!readList(data[at++], sets.pps)) return std::nullopt;
    }
    if (sets.sps.empty() || sets.pps.empty()) return std::nullopt;
    return sets;
}

Bytes buildAvcC(const std::vector<const ParameterSets*>& sets, int lengthSize) {
    std::vector<const Bytes*> sps, pps;
    for (const ParameterSets* s : sets) {
        for (const Bytes& nal : s->sps)
            sps.push_back(&nal);
        for (const Bytes& nal : s->pps)
            pps.push_back(&nal);
    }
    Bytes out;
    if (sps.empty()) return out;
    const Bytes& first = *sps.front();
    int level = 0;
    for (const Bytes* nal : sps)
        level = std::max(level, levelOf(*nal));
    out.push_back(1);
    out.push_back(first.size() > 1 ? first[1] : 0);
    out.push_back(first.size() > 2 ? first[2] : 0);
    out.push_back(static_cast<uint8_t>(level));
    out.push_back(static_cast<uint8_t>(0xfc | (lengthSize - 1)));
    out.push_back(static_cast<uint8_t>(0xe0 | sps.size()));
    for (const Bytes* nal : sps) {
        putLength(out, nal->size(), 2);
        out.insert(out.end(), nal->begin(), nal->end());
    }
    out.push_back(static_cast<uint8_t>(pps.size()));
    for (const Bytes* nal : pps) {
        putLength(out, nal->size(), 2);
        out.insert(out.end(), nal->begin(), nal->end());
    }
    // High profiles carry chroma format and bit depths after the lists.
    const int profile = profileOf(first);
    if (profile == 100 || profile == 110 || profile == 122 || profile == 144) {
        out.push_back(0xfc | 1); // 4:2:0
        out.push_back(0xf8);     // 8-bit luma
        out.push_back(0xf8);     // 8-bit chroma
        out.push_back(0);        // no SPS extensions
    }
    return out;
}

Bytes annexBToLengthPrefixed(const uint8_t* data, size_t size, int lengthSize) {
    Bytes out;
    out.reserve(size + 16);
    for (const Bytes& nal : splitAnnexB(data, size)) {
        if (nalType(nal) == kNalSps || nalType(nal) == kNalPps) continue;
        putLength(out, nal.size(), lengthSize);
        out.insert(out.end(), nal.begin(), nal.end());
    }
    return out;
}

std::optional<int> spsId(const Bytes& sps) {
    // After the NAL header, profile_idc, constraint flags and level_idc comes
    // seq_parameter_set_id as an unsigned Exp-Golomb code.
    size_t bit = 4 * 8;
    auto readBit = [&]() -> std::optional<int> {
        if (bit / 8 >= sps.size()) return std::nullopt;
        const int value = (sps[bit / 8] >> (7 - bit % 8)) & 1;
        ++bit;
        return value;
    };
    int zeros = 0;
    for (;;) {
        const auto b = readBit();
        if (!b) return std::nullopt;
        if (*b) break;
        if (++zeros > 5) return std::nullopt; // an id is at most 31
    }
    int value = 0;
    for (int k = 0; k < zeros; ++k) {
        const auto b = readBit();
        if (!b) return std::nullopt;
        value = (value << 1) | *b;
    }
    return (1 << zeros) - 1 + value;
}

int profileOf(const Bytes& sps) {
    return sps.size() > 1 ? sps[1] : 0;
}

int levelOf(const Bytes& sps) {
    return sps.size() > 3 ? sps[3] : 0;
}

} // namespace hawker::capture::h264
