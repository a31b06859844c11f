#include "hawker/capture/encoded_packet.hpp"

#include <stdexcept>

extern "C" {
#include <libavcodec/avcodec.h>
}

namespace hawker::capture {

StreamDescription describeStream(const AVCodecContext* codec, StreamKind kind) {
    if (!codec) throw std::logic_error("a stream is described once its encoder has started");
    AVCodecParameters* parameters = avcodec_parameters_alloc();
    avcodec_parameters_from_context(parameters, codec);
    std::shared_ptr<const AVCodecParameters> shared(parameters, [](const AVCodecParameters* p) {
        auto* mutableP = const_cast<AVCodecParameters*>(p);
        avcodec_parameters_free(&mutableP);
    });
    return StreamDescription{kind, shared, codec->time_base.num, codec->time_base.den};
}

EncodedPacket sharePacket(AVPacket* packet, StreamKind kind) {
    EncodedPacket out;
    out.kind = kind;
    out.keyframe = (packet->flags & AV_PKT_FLAG_KEY) != 0;
    AVPacket* owned = av_packet_alloc();
    av_packet_move_ref(owned, packet);
    out.packet = std::shared_ptr<const AVPacket>(owned, [](const AVPacket* p) {
        auto* mutableP = const_cast<AVPacket*>(p);
        av_packet_free(&mutableP);
    });
    return out;
}

} // namespace hawker::capture
