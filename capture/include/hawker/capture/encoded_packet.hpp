#pragma once
// An encoded packet as the encoder fans it out to every output.

#include <memory>

extern "C" {
struct AVPacket;
}

namespace hawker::capture {

enum class StreamKind { Video = 0, Audio = 1 };

struct EncodedPacket {
    std::shared_ptr<const AVPacket> packet; ///< shared by all outputs; each muxer takes its own reference
    StreamKind kind = StreamKind::Video;
    bool keyframe = false;
};

} // namespace hawker::capture
