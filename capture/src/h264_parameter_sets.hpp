#pragma once
// H.264 parameter sets between the two ways FFmpeg carries them: "avcC"
// (ISO 14496-15, what Matroska and MP4 store; NAL units with a length
// prefix) and Annex B (start codes; what libx264 hands out). A clip joins
// frames of two encoders, the recording's and its own, so its sample entry
// must carry both encoders' parameter sets; they are told apart by their ids.

#include <cstdint>
#include <optional>
#include <vector>

namespace hawker::capture::h264 {

using Bytes = std::vector<uint8_t>;

struct ParameterSets {
    std::vector<Bytes> sps, pps; ///< NAL units without prefix or start code
    int lengthSize = 4;          ///< bytes of each NAL's length prefix in samples
};

/// The NAL units of an Annex B buffer (start codes removed).
std::vector<Bytes> splitAnnexB(const uint8_t* data, size_t size);
/// True when the buffer starts with a start code (00 00 01 or 00 00 00 01).
bool isAnnexB(const uint8_t* data, size_t size);
/// The parameter sets of codec extradata in either form; nullopt when there are none.
std::optional<ParameterSets> parseExtradata(const uint8_t* data, size_t size);
/// An avcC record with every SPS and PPS of `sets` (profile from the first
/// SPS, level the highest of them).
Bytes buildAvcC(const std::vector<const ParameterSets*>& sets, int lengthSize);
/// Annex B NAL units as length-prefixed ones, parameter sets left out (they
/// are in the sample entry).
Bytes annexBToLengthPrefixed(const uint8_t* data, size_t size, int lengthSize);
/// seq_parameter_set_id of an SPS NAL; nullopt when it cannot be read.
std::optional<int> spsId(const Bytes& sps);
/// profile_idc and level_idc of an SPS NAL.
int profileOf(const Bytes& sps);
int levelOf(const Bytes& sps);

} // namespace hawker::capture::h264
