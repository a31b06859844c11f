// A camera decoded below full (DecodeLevel::Light or Keyframes) that is cued or cut to between two
// keyframes: its decoder starts over from the pictures kept since the last keyframe, decoded again in
// full, so that it shows the present exactly instead of holding a keyframe or showing errors.

#include "hawker/capture/media_source.hpp"

#include "hawker/capture/capture_log.hpp"
#include "media_connection.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
}

namespace hawker::capture {

namespace {

/// Live, a catch-up step decodes for at most this long per new picture (a 30 fps camera sends one every
/// 33 ms), so that the camera's sound and the network's packets are read on time meanwhile.
constexpr int64_t kLiveStepBudgetUs = 20'000;
/// ... and always at least this many pictures, so that it gains on the camera whatever their cost.
constexpr int kLiveStepMinimum = 2;

const char* levelName(DecodeLevel level) {
    return level == DecodeLevel::Keyframes ? "keyframes only" : "light";
}

} // namespace

void MediaSource::startCatchUp(Connection& conn, DecodeLevel from) {
    AVCodecContext* decoder = conn.video.get();
    // Its reference pictures were decoded below full (or not at all): start over from the keyframe.
    avcodec_flush_buffers(decoder);
    conn.catchUp = conn.kept.copy();
    conn.catchUpTotal = conn.catchUp.size();
    conn.catchUpStartUs = steadyMicros();
    conn.catchUpFrom = from;
    m_exact = false;
}

void MediaSource::catchUpStep(Connection& conn, const AVPacket& packet, AVFrame* frame) {
    AVCodecContext* decoder = conn.video.get();
    if ((packet.flags & AV_PKT_FLAG_KEY) != 0) {
        // A keyframe came before the catch-up was through: nothing before it is needed any more.
        avcodec_flush_buffers(decoder);
        conn.catchUp.clear();
    }
    PacketPtr newest = makePacket();
    if (av_packet_ref(newest.get(), &packet) < 0) throw std::bad_alloc();
    conn.catchUp.push_back(std::move(newest));
    ++conn.catchUpTotal;
    const bool stepped = m_slot.mode() == FrameSlot::Mode::Queue;
    const int64_t start = steadyMicros();
    int decoded = 0;
    while (!conn.catchUp.empty() && !m_abort) {
        if (!stepped && decoded >= kLiveStepMinimum && steadyMicros() - start >= kLiveStepBudgetUs) break;
        PacketPtr next = std::move(conn.catchUp.front());
        conn.catchUp.pop_front();
        const bool last = conn.catchUp.empty();
        // Every reference picture in full, with its loop filter; the pictures nothing refers to are never
        // shown (only the one that reaches the present is), so they need no decoding at all.
        decoder->skip_loop_filter = AVDISCARD_DEFAULT;
        decoder->skip_frame = last ? AVDISCARD_DEFAULT : AVDISCARD_NONREF;
        if (avcodec_send_packet(decoder, next.get()) < 0) ++m_framesDropped;
        drainDecoder(conn, decoder, frame, last ? ShowFrames::NewerOnly : ShowFrames::None);
        ++decoded;
    }
    if (!conn.catchUp.empty()) {
        // Live, still behind: the camera's signal is there, its pictures are held on purpose.
        m_lastSkippedUs = steadyMicros();
        return;
    }
    // The decoder holds the present picture, decoded in full from its keyframe on.
    decoder->skip_frame = AVDISCARD_DEFAULT;
    m_exact = true;
    ++m_catchUps;
    log(LogLevel::Info, "source " + m_config.id +
                            " cued between keyframes: caught up from its last keyframe (" +
                            std::to_string(conn.catchUpTotal) + " pictures decoded again in full, " +
                            std::to_string((steadyMicros() - conn.catchUpStartUs) / 1000) +
                            " ms; it was decoded " + levelName(conn.catchUpFrom) + ")");
}

} // namespace hawker::capture
