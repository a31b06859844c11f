#include "gop_replay.hpp"

#include <new>

extern "C" {
#include <libavcodec/packet.h>
}

namespace hawker::capture {

void GopReplay::keep(const AVPacket& packet) {
    if ((packet.flags & AV_PKT_FLAG_KEY) != 0) {
        clear();
        m_complete = true;
    }
    if (!m_complete) return;
    const size_t size = packet.size > 0 ? static_cast<size_t>(packet.size) : 0;
    if (m_packets.size() >= kMaxPackets || m_bytes + size > kMaxBytes) {
        // Past the limits the list cannot reach the present any more: let it go until the next keyframe.
        clear();
        return;
    }
    PacketPtr copy = makePacket();
    if (av_packet_ref(copy.get(), &packet) < 0) throw std::bad_alloc();
    m_bytes += size;
    m_packets.push_back(std::move(copy));
}

void GopReplay::clear() {
    m_packets.clear();
    m_bytes = 0;
    m_complete = false;
}

std::deque<PacketPtr> GopReplay::copy() const {
    std::deque<PacketPtr> out;
    for (const auto& packet : m_packets) {
        PacketPtr ref = makePacket();
        if (av_packet_ref(ref.get(), packet.get()) < 0) throw std::bad_alloc();
        out.push_back(std::move(ref));
    }
    return out;
}

} // namespace hawker::capture
