// Encodes per destination: the canvas fitted into another frame size with its
// bars, a rendition scaled on its own thread that drops only its own frames,
// the show's outputs grouped into shared encodes, and [outputs.encode] read
// from the show file.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "hawker/capture/audio_encoder.hpp"
#include "hawker/capture/canvas_fit.hpp"
#include "hawker/capture/frame_pool.hpp"
#include "hawker/capture/scaled_feed.hpp"
#include "hawker/studio/engine/encode_set.hpp"
#include "hawker/studio/show/profile_check.hpp"
#include "hawker/studio/show/show_file.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
}

using namespace hawker;
using namespace hawker::studio;

namespace {

/// A contiguous I420 picture of one colour.
std::shared_ptr<const cv::Mat> flatPicture(int width, int height, uint8_t y, uint8_t u, uint8_t v) {
    auto picture = std::make_shared<cv::Mat>(height * 3 / 2, width, CV_8UC1);
    capture::PlaneSet planes = capture::i420Planes(*picture, width, height);
    planes[0].setTo(y);
    planes[1].setTo(u);
    planes[2].setTo(v);
    return picture;
}

capture::ProgramTick tickOf(int64_t index, std::shared_ptr<const cv::Mat> picture) {
    capture::ProgramTick tick;
    tick.index = index;
    tick.picture = std::move(picture);
    tick.audioLeft.assign(1600, 0.0f);
    tick.audioRight.assign(1600, 0.0f);
    return tick;
}

capture::EncoderSettings smallSettings(int width, int height) {
    capture::EncoderSettings s;
    s.width = width;
    s.height = height;
    s.preset = "ultrafast";
    s.bitrateKbps = 300;
    s.keyintSeconds = 1;
    return s;
}

const char* kShow = R"(
[canvas]
width = 1080
height = 1920
[encoder]
preset = "faster"
bitrate_kbps = 4500
[[sources]]
id = "cam"
format = "lavfi"
url = "testsrc2"
[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cam", rect = [0, 0, 1080, 1920] } ]
)";

ShowSpec parse(const std::string& outputs) {
    return parseShow(std::string(kShow) + outputs, "show.toml", "/shows");
}

std::string errorOf(const std::string& outputs) {
    try {
        parse(outputs);
    } catch (const ShowFileError& error) {
        return error.what();
    }
    ADD_FAILURE() << "no error for:\n" << outputs;
    return {};
}

} // namespace

TEST(CanvasFit, SameAspectFillsTheFrameOtherAspectsGetCentredBars) {
    EXPECT_EQ(capture::fittedRect({1080, 1920}, {720, 1280}), cv::Rect(0, 0, 720, 1280));
    EXPECT_EQ(capture::fittedRect({1080, 1920}, {1080, 1920}), cv::Rect(0, 0, 1080, 1920));
    // Portrait show, landscape destination: pillarbox, the picture 1080 high.
    EXPECT_EQ(capture::fittedRect({1080, 1920}, {1920, 1080}), cv::Rect(656, 0, 608, 1080));
    // Landscape show, portrait destination: letterbox.
    EXPECT_EQ(capture::fittedRect({1920, 1080}, {1080, 1920}), cv::Rect(0, 656, 1080, 608));
    // Every edge even, as 4:2:0 chroma wants.
    const cv::Rect odd = capture::fittedRect({1080, 1920}, {854, 480});
    EXPECT_EQ(odd.x % 2 + odd.y % 2 + odd.width % 2 + odd.height % 2, 0) << odd;
}

TEST(CanvasFit, ThePictureIsScaledAndTheBarsAreTheBackgroundEveryTime) {
    capture::CanvasFitter fitter({108, 192}, {192, 108}, capture::YuvBackground{40, 110, 150});
    const cv::Rect placed = fitter.placed();
    ASSERT_EQ(placed, cv::Rect(66, 0, 60, 108));
    for (uint8_t luma : {200, 90}) {
        // The second frame may come in the first one's pooled buffer: its bars are painted again.
        std::shared_ptr<const cv::Mat> out = fitter.fit(*flatPicture(108, 192, luma, 60, 190));
        ASSERT_EQ(out->cols, 192);
        ASSERT_EQ(out->rows, 108 * 3 / 2);
        cv::Mat buffer = *std::const_pointer_cast<cv::Mat>(out);
        const capture::PlaneSet planes = capture::i420Planes(buffer, 192, 108);
        EXPECT_EQ(planes[0].at<uint8_t>(50, 10), 40) << "left bar";
        EXPECT_EQ(planes[0].at<uint8_t>(50, 180), 40) << "right bar";
        EXPECT_EQ(planes[1].at<uint8_t>(25, 5), 110);
        EXPECT_EQ(planes[2].at<uint8_t>(25, 90), 150) << "right chroma bar";
        EXPECT_NEAR(planes[0].at<uint8_t>(54, 94), luma, 1) << "the picture";
        EXPECT_NEAR(planes[1].at<uint8_t>(27, 47), 60, 1);
        EXPECT_NEAR(planes[2].at<uint8_t>(27, 47), 190, 1);
    }
    EXPECT_THROW(capture::CanvasFitter({108, 192}, {71, 128}, {}), std::invalid_argument);
    EXPECT_THROW(fitter.fit(*flatPicture(100, 100, 0, 0, 0)), std::invalid_argument);
}

TEST(ScaledFeed, OfflineEveryFrameIsScaledAndEncoded) {
    std::atomic<int> packets{0};
    capture::Encoder encoder(smallSettings(64, 112), [&](const capture::EncodedPacket& p) {
        if (p.kind == capture::StreamKind::Video) ++packets;
    });
    encoder.start();
    capture::ScaledFeed feed("64x112", {128, 224}, {64, 112}, {}, {&encoder}, true);
    feed.start();
    const auto picture = flatPicture(128, 224, 120, 128, 128);
    for (int i = 0; i < 90; ++i)
        feed.push(tickOf(i, picture));
    feed.finish();
    encoder.finish();
    EXPECT_EQ(packets.load(), 90);
    EXPECT_EQ(feed.stats().framesDropped, 0u);
    EXPECT_EQ(encoder.stats().framesDropped, 0u);
    EXPECT_GE(feed.stats().scaleMsMedian, 0);
}

TEST(Encoder, LiveTheQueueHoldsASecondOverTheWarmUpThenEightTicks) {
    using capture::Encoder;
    EXPECT_EQ(Encoder::queueLimit(1, 30), 30u);
    EXPECT_EQ(Encoder::queueLimit(150, 30), 30u) << "the first 5 s of ticks";
    EXPECT_EQ(Encoder::queueLimit(151, 30), 30u) << "then it comes down a tick every 3";
    EXPECT_EQ(Encoder::queueLimit(153, 30), 29u);
    EXPECT_EQ(Encoder::queueLimit(150 + 65, 30), 9u);
    EXPECT_EQ(Encoder::queueLimit(150 + 66, 30), Encoder::kMaxQueue) << "down to 8 in 66 ticks (2.2 s)";
    EXPECT_EQ(Encoder::steadyFrom(30), 150u + 66u) << "the latency figures count from the first tick at 8";
    EXPECT_EQ(Encoder::queueLimit(Encoder::steadyFrom(30) - 1, 30), Encoder::kMaxQueue + 1);
    EXPECT_EQ(Encoder::steadyFrom(2), 10u)
        << "a rate under 8 has no easing: the steady state starts after 5 s";
    EXPECT_EQ(Encoder::queueLimit(100000, 30), Encoder::kMaxQueue);
    EXPECT_EQ(Encoder::queueLimit(100, 2), Encoder::kMaxQueue) << "never below the usual limit";
    // Not started: nothing takes from the queue, so the warm-up's 30 are taken and the rest dropped.
    Encoder encoder(smallSettings(64, 112), [](const capture::EncodedPacket&) {});
    const auto picture = flatPicture(64, 112, 120, 128, 128);
    int taken = 0;
    for (int i = 0; i < 40; ++i)
        taken += encoder.tryPush(tickOf(i, picture)) ? 1 : 0;
    EXPECT_EQ(taken, 30);
    EXPECT_EQ(encoder.framesDropped(), 10u);
}

TEST(Encoder, LiveAFullQueueAtTheWarmUpsEndDropsSpreadOutNotInARun) {
    // An encoder that takes exactly one tick per tick, with a full second queued when the warm-up ends:
    // its backlog goes one dropped tick in three, never two in a row (no freeze on air).
    using capture::Encoder;
    size_t queued = 30;
    int dropped = 0, inARow = 0, longestRun = 0;
    for (uint64_t framesIn = 151; framesIn <= 450; ++framesIn) {
        if (queued > 0) --queued; // the encoder takes one
        if (queued >= Encoder::queueLimit(framesIn, 30)) {
            ++dropped;
            longestRun = std::max(longestRun, ++inARow);
        } else {
            ++queued;
            inARow = 0;
        }
    }
    EXPECT_EQ(queued, Encoder::kMaxQueue) << "the backlog is gone: latency back to the usual queue";
    EXPECT_EQ(dropped, 22);
    EXPECT_EQ(longestRun, 1);
}

TEST(ScaledFeed, LiveAFullQueueDropsAndCountsWithoutWaiting) {
    capture::Encoder encoder(smallSettings(64, 112), [](const capture::EncodedPacket&) {});
    encoder.start();
    capture::ScaledFeed feed("64x112", {128, 224}, {64, 112}, {}, {&encoder}, false);
    // Not started: nothing takes from the queue, so it fills and the rest are dropped at once.
    const auto picture = flatPicture(128, 224, 120, 128, 128);
    const auto started = std::chrono::steady_clock::now();
    int taken = 0;
    for (int i = 0; i < 20; ++i)
        taken += feed.push(tickOf(i, picture)) ? 1 : 0;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(500)) << "never waits";
    EXPECT_EQ(taken, 4);
    EXPECT_EQ(feed.stats().framesIn, 20u);
    EXPECT_EQ(feed.stats().framesDropped, 16u);
    feed.finish();
    encoder.finish();
}

/// Audio samples in the packets a sound encode gave, from their durations (AAC: 1024 a packet).
struct AudioCount {
    std::atomic<int64_t> samples{0}, packets{0};
    capture::AudioEncoder::PacketSink sink() {
        return [this](const capture::EncodedPacket& p) {
            EXPECT_EQ(p.kind, capture::StreamKind::Audio);
            samples += p.packet->duration;
            ++packets;
        };
    }
};

TEST(AudioEncoder, EverySamplePushedIsEncoded) {
    AudioCount audio;
    capture::AudioEncoder sound({}, audio.sink(), "test");
    sound.start();
    const std::vector<float> left(1600, 0.1f), right(1600, -0.1f);
    for (int i = 0; i < 20; ++i)
        EXPECT_TRUE(sound.push(left, right));
    sound.finish();
    EXPECT_GE(audio.samples.load(), 20 * 1600);
    EXPECT_LE(audio.samples.load(), 20 * 1600 + 2 * 1024) << "the encoder's priming and last partial frame";
    EXPECT_EQ(sound.packets(), static_cast<uint64_t>(audio.packets.load()));
    EXPECT_EQ(sound.samplesRefused(), 0u);
}

TEST(AudioEncoder, AStarvedThreadsBacklogIsBounded) {
    AudioCount audio;
    capture::AudioEncoder sound({}, audio.sink(), "test");
    // Not started: nothing takes the samples, so they wait up to the limit (10 s) and the rest is refused.
    const std::vector<float> second(48000, 0.0f);
    int taken = 0;
    for (int i = 0; i < 12; ++i)
        taken += sound.push(second, second) ? 1 : 0;
    EXPECT_EQ(taken, 10);
    EXPECT_EQ(sound.samplesRefused(), 2u * 48000);
}

TEST(AudioEncoder, OfflineAPushWaitsForRoomInsteadOfRefusing) {
    AudioCount audio;
    capture::AudioEncoder sound({}, audio.sink(), "test", true);
    sound.start();
    // 15 s pushed at once, more than the 10 s that may wait: the pushes wait for the thread.
    const std::vector<float> second(48000, 0.05f);
    for (int i = 0; i < 15; ++i)
        EXPECT_TRUE(sound.push(second, second));
    sound.finish();
    EXPECT_EQ(sound.samplesRefused(), 0u);
    EXPECT_GE(audio.samples.load(), 15 * 48000);
    EXPECT_LE(audio.samples.load(), 15 * 48000 + 2 * 1024);
}

TEST(AudioEncoder, SamplesInATickAddUpExactly) {
    int64_t total = 0;
    for (int64_t i = 0; i < 30; ++i)
        total += capture::audioSamplesInTick(44100, 30, i);
    EXPECT_EQ(total, 44100);
    EXPECT_EQ(capture::audioSamplesInTick(48000, 30, 7), 1600);
}

TEST(EncodeSet, TheSoundIsEncodedOnceForEveryEncodeAndADroppedPictureKeepsIt) {
    const ShowSpec show = parse(R"(
[[outputs]]
id = "big"
kind = "record"
path = "big.mkv"
[[outputs]]
id = "small"
kind = "record"
path = "small.mkv"
[outputs.encode]
width = 54
height = 96
bitrate_kbps = 300
[[outputs]]
id = "other-sound"
kind = "record"
path = "other.mkv"
[outputs.encode]
width = 54
height = 96
audio_kbps = 96
)");
    std::mutex mutex;
    std::map<size_t, std::vector<const AVPacket*>> soundOf; // the packets each encode's outputs got
    std::map<size_t, int64_t> samplesOf;
    EncodeSet set(show, false, [&](size_t encode, const capture::EncodedPacket& p) {
        if (p.kind != capture::StreamKind::Audio) return;
        std::lock_guard lock(mutex);
        soundOf[encode].push_back(p.packet.get());
        samplesOf[encode] += p.packet->duration;
    });
    ASSERT_EQ(set.size(), 3u);
    EXPECT_EQ(set.soundEncodes(), 2u) << "128 kb/s for two encodes, 96 kb/s for the third";
    set.start();
    ASSERT_EQ(set.streams(0).size(), 2u);
    EXPECT_EQ(set.streams(0)[0].kind, capture::StreamKind::Video);
    EXPECT_EQ(set.streams(0)[1].kind, capture::StreamKind::Audio);
    // Live, and faster than any encode takes pictures: most pictures are dropped, no sound is.
    const auto picture = flatPicture(1080, 1920, 120, 128, 128);
    for (int i = 0; i < 60; ++i) {
        capture::ProgramTick tick = tickOf(i, picture);
        set.push(tick);
    }
    set.finish();
    EXPECT_GT(set.framesDropped(), 0u) << "the test meant to overrun the encodes";
    EXPECT_EQ(soundOf[0], soundOf[1]) << "the same packets, encoded once";
    EXPECT_NE(soundOf[0], soundOf[2]);
    for (size_t encode = 0; encode < 3; ++encode) {
        EXPECT_GE(samplesOf[encode], 60 * 1600) << "encode " << encode;
        EXPECT_LE(samplesOf[encode], 60 * 1600 + 2 * 1024) << "encode " << encode;
    }
}

TEST(EncodeSet, EqualOutputsShareAnEncodeDifferentOnesGetTheirOwn) {
    const ShowSpec show = parse(R"(
[[outputs]]
id = "rec"
kind = "record"
path = "rec.mkv"
[[outputs]]
id = "douyin"
kind = "rtmp"
url = "rtmp://127.0.0.1/live"
[[outputs]]
id = "small"
kind = "rtmp"
url = "rtmp://127.0.0.1/small"
[outputs.encode]
width = 720
height = 1280
bitrate_kbps = 2000
[[outputs]]
id = "small-rec"
kind = "record"
path = "small.mkv"
[outputs.encode]
width = 720
height = 1280
bitrate_kbps = 2000
[[outputs]]
id = "small-low"
kind = "record"
path = "low.mkv"
[outputs.encode]
width = 720
height = 1280
bitrate_kbps = 1000
[[outputs]]
id = "faster-keys"
kind = "record"
path = "keys.mkv"
[outputs.encode]
keyint_s = 1
)");
    EncodeSet set(show, true, [](size_t, const capture::EncodedPacket&) {});
    ASSERT_EQ(set.size(), 4u);
    EXPECT_EQ(set.encodeOf(0), set.encodeOf(1)) << "rec and douyin share the program encode";
    EXPECT_EQ(set.encodeOf(2), set.encodeOf(3)) << "equal 720x1280 settings share one encode";
    EXPECT_NE(set.encodeOf(2), set.encodeOf(4)) << "another bitrate is another encode";
    EXPECT_NE(set.encodeOf(0), set.encodeOf(5)) << "another keyframe interval is another encode";
    EXPECT_EQ(set.renditions(), 1u) << "one 720x1280 rendition feeds both 720x1280 encodes";
    const std::vector<EncodeStatus> stats = set.stats();
    EXPECT_EQ(stats[set.encodeOf(0)].id, "program");
    EXPECT_EQ(stats[set.encodeOf(0)].outputs, (std::vector<std::string>{"rec", "douyin"}));
    EXPECT_EQ(stats[set.encodeOf(2)].id, "small");
    EXPECT_EQ(stats[set.encodeOf(2)].outputs, (std::vector<std::string>{"small", "small-rec"}));
    EXPECT_TRUE(stats[set.encodeOf(2)].scaled);
    EXPECT_FALSE(stats[set.encodeOf(5)].scaled);
    EXPECT_EQ(stats[set.encodeOf(5)].id, "faster-keys");
}

TEST(EncodeSet, OfflineEachEncodeMakesEveryFrameAtItsOwnSize) {
    ShowSpec show = parse(R"(
[[outputs]]
id = "canvas"
kind = "record"
path = "a.mkv"
[[outputs]]
id = "half"
kind = "record"
path = "b.mkv"
[outputs.encode]
width = 540
height = 960
[[outputs]]
id = "wide"
kind = "record"
path = "c.mkv"
[outputs.encode]
width = 960
height = 540
background = "#204080"
)");
    // Small and fast for a unit test; the same shapes as a real show.
    show.width = 216;
    show.height = 384;
    for (auto* settings : {&show.encoder, &*show.outputs[1].encode, &*show.outputs[2].encode}) {
        settings->preset = "ultrafast";
        settings->bitrateKbps = 300;
    }
    show.encoder.width = 216;
    show.encoder.height = 384;
    show.outputs[1].encode->width = 108;
    show.outputs[1].encode->height = 192;
    show.outputs[2].encode->width = 192;
    show.outputs[2].encode->height = 108;
    std::mutex mutex;
    std::map<size_t, int> videoPackets;
    EncodeSet set(show, true, [&](size_t encode, const capture::EncodedPacket& packet) {
        std::lock_guard lock(mutex);
        if (packet.kind == capture::StreamKind::Video) ++videoPackets[encode];
    });
    set.start();
    const auto picture = flatPicture(216, 384, 120, 128, 128);
    for (int i = 0; i < 60; ++i)
        set.push(tickOf(i, picture));
    set.finish();
    ASSERT_EQ(set.size(), 3u);
    for (size_t output = 0; output < 3; ++output) {
        const size_t encode = set.encodeOf(output);
        EXPECT_EQ(videoPackets[encode], 60) << show.outputs[output].id;
        const auto streams = set.streams(encode);
        EXPECT_EQ(streams[0].parameters->width, show.encodeOf(show.outputs[output]).width);
        EXPECT_EQ(streams[0].parameters->height, show.encodeOf(show.outputs[output]).height);
    }
    const std::vector<EncodeStatus> stats = set.stats();
    EXPECT_EQ(stats[2].placed, cv::Rect(66, 0, 60, 108)) << "pillarboxed";
    for (const EncodeStatus& encode : stats)
        EXPECT_EQ(encode.dropped, 0u) << encode.id;
    EXPECT_EQ(mostDropped(stats), 0u);
}

TEST(ShowFileEncode, AnOutputsEncodeIsTheShowsEncoderWithItsOwnValuesOver) {
    const ShowSpec show = parse(R"(
[[outputs]]
id = "main"
kind = "record"
path = "main.mkv"
[[outputs]]
id = "small"
kind = "record"
path = "small.mkv"
[outputs.encode]
width = 720
height = 1280
bitrate_kbps = 2000
keyint_s = 1
profile = "main"
background = "#102030"
)");
    EXPECT_FALSE(show.outputs[0].encode);
    EXPECT_EQ(show.encodeOf(show.outputs[0]), show.encoder);
    ASSERT_TRUE(show.outputs[1].encode);
    const capture::EncoderSettings& small = *show.outputs[1].encode;
    EXPECT_EQ(small.width, 720);
    EXPECT_EQ(small.height, 1280);
    EXPECT_EQ(small.bitrateKbps, 2000);
    EXPECT_EQ(small.keyintSeconds, 1);
    EXPECT_EQ(small.profile, "main");
    EXPECT_EQ(small.preset, "faster") << "from [encoder]";
    EXPECT_EQ(small.fps, 30) << "the program's frames";
    EXPECT_EQ(show.outputs[1].letterbox.r, 0x10);
    EXPECT_EQ(show.outputs[1].letterbox.b, 0x30);
}

TEST(ShowFileEncode, BadEncodesAreRefusedByName) {
    const std::string head =
        "[[outputs]]\nid = \"o\"\nkind = \"record\"\npath = \"o.mkv\"\n[outputs.encode]\n";
    EXPECT_NE(errorOf(head + "width = 721\nheight = 1280\n").find("outputs[0].encode.width: must be even"),
              std::string::npos);
    EXPECT_NE(errorOf(head + "width = 2160\nheight = 3840\n").find("would scale the 1080x1920 canvas up"),
              std::string::npos);
    EXPECT_NE(errorOf(head + "fps = 60\n").find("outputs[0].encode.fps"), std::string::npos);
    EXPECT_NE(errorOf(head + "background = \"blue\"\n").find("expected #RRGGBB"), std::string::npos);
    EXPECT_NE(errorOf(head + "preset = \"warp\"\n").find("unknown x264 preset"), std::string::npos);
    // A landscape frame wider than the portrait canvas is fine: the picture is scaled down into it.
    EXPECT_NO_THROW(parse(head + "width = 1920\nheight = 1080\n"));
}

TEST(ProfileCheck, TheSafeAreaOfAPillarboxedOutputFollowsItsBars) {
    ShowSpec show = parse(R"(
[[outputs]]
id = "phone"
kind = "rtmp"
url = "rtmp://127.0.0.1/a"
profile = "douyin"
[[outputs]]
id = "phone-small"
kind = "rtmp"
url = "rtmp://127.0.0.1/b"
profile = "douyin"
[outputs.encode]
width = 720
height = 1280
[[outputs]]
id = "wide"
kind = "rtmp"
url = "rtmp://127.0.0.1/c"
profile = "douyin"
[outputs.encode]
width = 1920
height = 1080
)");
    const cv::Rect full = *safeAreaOnCanvas(show, show.outputs[0]);
    const cv::Rect small = *safeAreaOnCanvas(show, show.outputs[1]);
    // Douyin's app covers 12 % top, 15 % right, 28 % bottom, 4 % left of the frame.
    EXPECT_EQ(full, cv::Rect(43, 230, 1080 - 43 - 162, 1920 - 230 - 538));
    EXPECT_NEAR(small.x, full.x, 2);
    EXPECT_NEAR(small.y, full.y, 2);
    EXPECT_NEAR(small.width, full.width, 3);
    EXPECT_NEAR(small.height, full.height, 3);
    // In a 1920x1080 frame the side cover falls on the bars: the whole width of the canvas shows.
    const cv::Rect wide = *safeAreaOnCanvas(show, show.outputs[2]);
    EXPECT_EQ(wide.x, 0);
    EXPECT_EQ(wide.width, 1080);
    EXPECT_NEAR(wide.y, 0.12 * 1920, 3);
}

TEST(ShowFileEncode, OffAirCamerasDecodeLightUnlessTheShowSaysFull) {
    EXPECT_TRUE(parse("").lightOffAirDecode);
    EXPECT_FALSE(parse("[program]\nmultiview_decode = \"full\"\n").lightOffAirDecode);
    EXPECT_NE(errorOf("[program]\nmultiview_decode = \"fast\"\n")
                  .find("program.multiview_decode: expected light or full"),
              std::string::npos);
}

TEST(EncodeSet, X264ChoosesItsThreadsUnlessTheShowFileSays) {
    const ShowSpec show = parse(R"(
[[outputs]]
id = "big"
kind = "record"
path = "big.mkv"
[[outputs]]
id = "small"
kind = "record"
path = "small.mkv"
[outputs.encode]
width = 720
height = 1280
[[outputs]]
id = "told"
kind = "record"
path = "told.mkv"
[outputs.encode]
width = 720
height = 1280
threads = 1
)");
    ASSERT_EQ(show.outputs.size(), 3u);
    EXPECT_EQ(show.encoder.threads, 0) << "x264's own choice";
    ASSERT_TRUE(show.outputs[1].encode && show.outputs[2].encode);
    EXPECT_EQ(show.outputs[1].encode->threads, 0);
    EXPECT_EQ(show.outputs[2].encode->threads, 1);
    EXPECT_FALSE(*show.outputs[1].encode == *show.outputs[2].encode) << "told otherwise, its own encode";
    EXPECT_NE(
        errorOf(
            "[[outputs]]\nid = \"x\"\nkind = \"record\"\npath = \"x.mkv\"\n[outputs.encode]\nthreads = -1\n")
            .find("threads"),
        std::string::npos);
}
