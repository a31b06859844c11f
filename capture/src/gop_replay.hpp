#pragma once
// The packets of a camera's picture since its last keyframe, so that a cue or a cut to a camera decoded
// below full (DecodeLevel::Light or Keyframes) can decode them again in full and show the present picture
// exactly, instead of holding the last keyframe or showing decoding errors until the next one. Kept at
// every level: a camera cued, uncued and cued again within one keyframe interval still has them. They are
// references to the demuxer's own packets, not copies. Shared by the files that implement MediaSource and
// by its unit tests.

#include <cstddef>
#include <deque>

#include "hawker/capture/av_util.hpp"

namespace hawker::capture {

class GopReplay {
public:
    /// What is kept at most: 10 s of pictures at 60 fps, and 32 MiB (10 s of a 25 Mb/s camera). A camera
    /// whose keyframes are further apart cannot catch up: cued, it waits for its next keyframe instead.
    static constexpr size_t kMaxPackets = 600;
    static constexpr size_t kMaxBytes = size_t{32} << 20;

    /// Keeps a reference to `packet`, the camera's next video packet. A keyframe starts the list over; a
    /// packet before the first keyframe, or one past the limits, is not kept, and the list is then no longer
    /// `complete` until the next keyframe.
    void keep(const AVPacket& packet);
    /// Forgets everything (the stream started over: a file looped).
    void clear();
    /// Whether the kept packets run from a keyframe to the last packet given, with none left out.
    bool complete() const { return m_complete && !m_packets.empty(); }
    size_t size() const { return m_packets.size(); }
    size_t bytes() const { return m_bytes; }
    /// New references to the kept packets, oldest first; the list goes on as before.
    std::deque<PacketPtr> copy() const;

private:
    std::deque<PacketPtr> m_packets;
    size_t m_bytes = 0;
    bool m_complete = false;
};

} // namespace hawker::capture
