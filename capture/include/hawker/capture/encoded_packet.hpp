#pragma once
// An encoded packet as the encoders fan it out to every output, and what a
// muxer needs to know of the stream it belongs to.

#include <memory>

extern "C" {
struct AVCodecContext;
struct AVCodecParameters;
struct AVPacket;
}

namespace hawker::capture {

enum class StreamKind { Video = 0, Audio = 1 };

struct EncodedPacket {
    std::shared_ptr<const AVPacket> packet; ///< shared by all outputs; each muxer takes its own reference
    StreamKind kind = StreamKind::Video;
    bool keyframe = false;
};

/// Codec parameters and time base of one encoded stream, for the muxers.
struct StreamDescription {
    StreamKind kind;
    std::shared_ptr<const AVCodecParameters> parameters;
    int timeBaseNum, timeBaseDen;
};

/// The stream an opened encoder produces.
StreamDescription describeStream(const AVCodecContext* codec, StreamKind kind);

/// `packet`'s data moved into a packet the outputs share (`packet` is left empty for the next one).
EncodedPacket sharePacket(AVPacket* packet, StreamKind kind);

} // namespace hawker::capture
