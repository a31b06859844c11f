#pragma once
// The state of one connection of a MediaSource (one open input), shared by
// the files that implement MediaSource and by nothing else.

#include <atomic>
#include <chrono>
#include <deque>
#include <optional>
#include <vector>

#include "hawker/capture/av_util.hpp"
#include "hawker/capture/frame_pool.hpp"
#include "hawker/capture/media_source.hpp"
#include "hawker/capture/rendition_scaler.hpp"

#include "gop_replay.hpp"

namespace hawker::capture {

struct MediaSource::Connection {
    Connection(const std::atomic<bool>& abort, const std::atomic<bool>& drop) : guard(abort, &drop) {}
    InterruptGuard guard;
    InputFormatPtr input;
    CodecContextPtr video, audio;
    int videoIndex = -1, audioIndex = -1;
    SwsPtr toI420;
    std::shared_ptr<FramePool> converted; ///< buffers for frames that toI420 converts
    RenditionScaler scaler;
    SwrPtr resampler;
    std::vector<float> audioL, audioR;
    std::optional<int64_t> baseUs; ///< first timestamp of this connection (or loop)
    int64_t frameDurationUs = 33333;
    bool realtime = false;
    std::optional<std::chrono::steady_clock::time_point> paceStart;
    int64_t paceOriginUs = 0;
    bool loopable = false;
    /// A keyframe of the video came on this connection: what comes before one
    /// (a camera joined mid-stream) refers to pictures this connection never had.
    bool keyframeSeen = false;
    int packetsBeforeKeyframe = 0;
    /// FFmpeg's messages while reading before that keyframe (its parser complains about each picture that
    /// refers to parameter sets not seen yet): counted, the first kept, logged once with the skip.
    int messagesBeforeKeyframe = 0;
    std::string firstMessageBeforeKeyframe;
    /// The video's packets since its last keyframe, for a catch-up.
    GopReplay kept;
    /// A catch-up under way: the packets still to decode again in full, oldest first.
    std::deque<PacketPtr> catchUp;
    size_t catchUpTotal = 0;    ///< how many it has decoded and still holds
    int64_t catchUpStartUs = 0; ///< when it started (steady clock)
    DecodeLevel catchUpFrom = DecodeLevel::Light;
};

} // namespace hawker::capture
