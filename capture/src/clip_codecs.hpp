#pragma once
// The codecs a clip cut opens: the recording's decoders, the H.264 encoder
// for the frames it encodes again, and the AAC encoder with its sample FIFO.

#include <cstdint>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/audio_fifo.h>
}

#include "hawker/capture/av_util.hpp"

namespace hawker::capture::clip {

CodecContextPtr openDecoder(const AVStream* stream);

/// The frame rate of a video stream (average, else real, else 30).
AVRational frameRateOf(const AVStream* stream);

/// libx264 for frames of `source`'s size, at `rate`. `spsId` keeps its
/// parameter sets apart from the recording's; `profileIdc` and `levelIdc`
/// match the recording's (0: x264's own). `keyframeSeconds` 0: only the first.
CodecContextPtr openVideoEncoder(const AVCodecParameters* source, AVRational rate, int spsId, int profileIdc,
                                 int levelIdc, int keyframeSeconds);

/// AAC at the recording's rate and channels (its bitrate, else 128 kbps).
CodecContextPtr openAudioEncoder(const AVCodecContext* decoder, int64_t bitRate);

struct FifoDeleter {
    void operator()(AVAudioFifo* fifo) const { av_audio_fifo_free(fifo); }
};
using AudioFifoPtr = std::unique_ptr<AVAudioFifo, FifoDeleter>;

} // namespace hawker::capture::clip
