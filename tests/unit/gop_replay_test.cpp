// The pictures a camera decoded below full keeps for a catch-up (capture/src/gop_replay.hpp).
#include <gtest/gtest.h>

#include "gop_replay.hpp"

extern "C" {
#include <libavcodec/packet.h>
}

namespace {

using hawker::capture::GopReplay;
using hawker::capture::makePacket;
using hawker::capture::PacketPtr;

/// A packet of `size` bytes, each `fill`, a keyframe when `key`.
PacketPtr packetOf(int size, uint8_t fill, bool key) {
    PacketPtr packet = makePacket();
    EXPECT_EQ(av_new_packet(packet.get(), size), 0);
    std::fill_n(packet->data, size, fill);
    if (key) packet->flags |= AV_PKT_FLAG_KEY;
    return packet;
}

TEST(GopReplay, KeepsNothingBeforeTheFirstKeyframe) {
    GopReplay kept;
    kept.keep(*packetOf(100, 1, false));
    kept.keep(*packetOf(100, 2, false));
    EXPECT_FALSE(kept.complete());
    EXPECT_EQ(kept.size(), 0u);
}

TEST(GopReplay, KeepsFromTheKeyframeInOrderAndAKeyframeStartsOver) {
    GopReplay kept;
    kept.keep(*packetOf(100, 1, true));
    kept.keep(*packetOf(50, 2, false));
    kept.keep(*packetOf(25, 3, false));
    EXPECT_TRUE(kept.complete());
    EXPECT_EQ(kept.size(), 3u);
    EXPECT_EQ(kept.bytes(), 175u);
    kept.keep(*packetOf(80, 4, true));
    EXPECT_TRUE(kept.complete());
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept.bytes(), 80u);
    kept.keep(*packetOf(10, 5, false));
    auto packets = kept.copy();
    ASSERT_EQ(packets.size(), 2u);
    EXPECT_EQ(packets[0]->data[0], 4);
    EXPECT_TRUE(packets[0]->flags & AV_PKT_FLAG_KEY);
    EXPECT_EQ(packets[1]->data[0], 5);
    // A copy leaves the list as it was: a second cue within the same keyframe interval has it too.
    EXPECT_TRUE(kept.complete());
    EXPECT_EQ(kept.size(), 2u);
    EXPECT_EQ(packets[1]->data, kept.copy()[1]->data) << "a reference, not a copy of the bytes";
    kept.clear();
    EXPECT_FALSE(kept.complete());
    EXPECT_EQ(kept.bytes(), 0u);
    kept.keep(*packetOf(10, 6, false));
    EXPECT_FALSE(kept.complete()) << "after a clear, only a keyframe starts a usable list again";
}

TEST(GopReplay, AKeptPacketOutlivesTheDemuxersOwn) {
    GopReplay kept;
    {
        PacketPtr key = packetOf(64, 7, true);
        kept.keep(*key);
        av_packet_unref(key.get()); // the read loop reuses its packet at once
    }
    auto packets = kept.copy();
    ASSERT_EQ(packets.size(), 1u);
    ASSERT_EQ(packets[0]->size, 64);
    EXPECT_EQ(packets[0]->data[63], 7);
}

TEST(GopReplay, PastItsLimitsItLetsGoUntilTheNextKeyframe) {
    GopReplay kept;
    kept.keep(*packetOf(10, 1, true));
    for (size_t i = 1; i < GopReplay::kMaxPackets; ++i)
        kept.keep(*packetOf(10, 2, false));
    EXPECT_TRUE(kept.complete());
    EXPECT_EQ(kept.size(), GopReplay::kMaxPackets);
    kept.keep(*packetOf(10, 3, false)); // one too many: it can no longer reach the present
    EXPECT_FALSE(kept.complete());
    EXPECT_EQ(kept.size(), 0u);
    kept.keep(*packetOf(10, 4, false));
    EXPECT_FALSE(kept.complete());
    kept.keep(*packetOf(10, 5, true));
    EXPECT_TRUE(kept.complete());

    // The byte limit, with big pictures: 32 MiB.
    GopReplay big;
    const int picture = 4 << 20;
    big.keep(*packetOf(picture, 1, true));
    for (int i = 1; i < 8; ++i)
        big.keep(*packetOf(picture, 2, false));
    EXPECT_TRUE(big.complete());
    EXPECT_EQ(big.bytes(), GopReplay::kMaxBytes);
    big.keep(*packetOf(1, 3, false));
    EXPECT_FALSE(big.complete());
    EXPECT_EQ(big.bytes(), 0u);
}

} // namespace
