// Where a recording starts. The sound and the pictures are encoded on threads of their own, so the
// sound's first packet (the AAC encoder's priming, timed before zero) may reach an output before the
// pictures' first keyframe or after it. Either way the file must be the same: it starts at the keyframe,
// and sound from before it is passed over. (Before, a late priming packet was written, and the muxer moved
// the whole file one sound frame later: one offline run in several differed from the others.)
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <thread>
#include <vector>

extern "C" {
#include <libavformat/avformat.h>
}

#include <opencv2/imgproc.hpp>

#include "hawker/capture/audio_encoder.hpp"
#include "hawker/capture/encoder.hpp"
#include "hawker/capture/output.hpp"
#include "temp_dir.hpp"

namespace {

using namespace hawker::capture;

constexpr int kWidth = 320, kHeight = 180, kFps = 30, kTicks = 45;

struct Encoded {
    std::vector<EncodedPacket> video, sound;
    std::vector<StreamDescription> streams;
};

/// A second and a half of a moving block and a tone, encoded by the show's own encoders (offline: nothing
/// dropped), the packets kept apart by kind so a test can hand them to an output in any order.
Encoded encodeProgram() {
    Encoded out;
    EncoderSettings settings;
    settings.width = kWidth;
    settings.height = kHeight;
    settings.fps = kFps;
    settings.bitrateKbps = 500;
    settings.keyintSeconds = 1;
    Encoder encoder(settings, [&](const EncodedPacket& packet) { out.video.push_back(packet); });
    AudioEncoder sound(
        {}, [&](const EncodedPacket& packet) { out.sound.push_back(packet); }, "start", true);
    encoder.start();
    sound.start();
    out.streams = {encoder.stream(), sound.stream()};
    for (int64_t n = 0; n < kTicks; ++n) {
        cv::Mat i420(kHeight * 3 / 2, kWidth, CV_8UC1, cv::Scalar(128));
        cv::rectangle(i420, cv::Rect(static_cast<int>(n * 5 % (kWidth - 40)), 60, 40, 40), cv::Scalar(230),
                      cv::FILLED);
        ProgramTick tick;
        tick.index = n;
        tick.picture = std::make_shared<const cv::Mat>(i420);
        std::vector<float> left;
        for (int s = 0; s < audioSamplesInTick(48000, kFps, n); ++s)
            left.push_back(static_cast<float>(0.2 * std::sin(2 * M_PI * 440 * (n * 1600 + s) / 48000.0)));
        sound.push(left, left);
        encoder.push(std::move(tick));
    }
    encoder.finish();
    sound.finish();
    return out;
}

struct FileStart {
    double videoStart = -1, soundStart = -1;
    int videoPackets = 0, soundPackets = 0;
};

FileStart readStart(const std::filesystem::path& path) {
    FileStart out;
    AVFormatContext* format = nullptr;
    if (avformat_open_input(&format, path.c_str(), nullptr, nullptr) < 0) return out;
    avformat_find_stream_info(format, nullptr);
    AVPacket* packet = av_packet_alloc();
    while (av_read_frame(format, packet) >= 0) {
        const AVStream* stream = format->streams[packet->stream_index];
        const double at = static_cast<double>(packet->pts) * av_q2d(stream->time_base);
        const bool video = stream->codecpar->codec_type == AVMEDIA_TYPE_VIDEO;
        double& start = video ? out.videoStart : out.soundStart;
        if (start < 0 || at < start) start = at;
        ++(video ? out.videoPackets : out.soundPackets);
        av_packet_unref(packet);
    }
    av_packet_free(&packet);
    avformat_close_input(&format);
    return out;
}

/// Records the packets in the order given, as one output thread would receive them.
FileStart recordInOrder(const std::filesystem::path& path, const Encoded& program,
                        const std::vector<EncodedPacket>& order, uint64_t* dropped) {
    OutputConfig config;
    config.id = "rec";
    config.kind = OutputKind::Record;
    config.target = path.string();
    Output output(config, program.streams);
    output.start();
    // Connected first, as in a show: an output that connects with packets waiting starts from the newest
    // keyframe among them, which would leave this test's first second out.
    for (int i = 0; i < 500 && output.stats().state != OutputState::Live; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    EXPECT_EQ(output.stats().state, OutputState::Live);
    for (const auto& packet : order)
        output.push(packet);
    output.stop();
    *dropped = output.stats().packetsDropped;
    return readStart(path);
}

TEST(OutputStart, TheFileStartsAtTheFirstKeyframeWhicheverEncoderIsFirst) {
    TempDir dir;
    const Encoded program = encodeProgram();
    ASSERT_EQ(program.video.size(), static_cast<size_t>(kTicks));
    ASSERT_GT(program.sound.size(), 60u);
    ASSERT_TRUE(program.video.front().keyframe);
    // The premise: the sound's first packet is timed before the pictures' first.
    const auto ms = [&](const EncodedPacket& p) {
        const auto& d = program.streams[static_cast<size_t>(p.kind)];
        return av_rescale(p.packet->pts, int64_t{1000} * d.timeBaseNum, d.timeBaseDen);
    };
    ASSERT_LT(ms(program.sound.front()), ms(program.video.front()));

    // The sound first (its encode runs ahead, the usual case), then the pictures.
    std::vector<EncodedPacket> soundFirst = program.sound;
    soundFirst.insert(soundFirst.end(), program.video.begin(), program.video.end());
    // The pictures' keyframe first, then all the sound, then the other pictures.
    std::vector<EncodedPacket> keyframeFirst{program.video.front()};
    keyframeFirst.insert(keyframeFirst.end(), program.sound.begin(), program.sound.end());
    keyframeFirst.insert(keyframeFirst.end(), program.video.begin() + 1, program.video.end());

    uint64_t droppedA = 0, droppedB = 0;
    const FileStart a = recordInOrder(dir.path / "sound-first.mkv", program, soundFirst, &droppedA);
    const FileStart b = recordInOrder(dir.path / "keyframe-first.mkv", program, keyframeFirst, &droppedB);
    EXPECT_EQ(a.videoPackets, kTicks);
    EXPECT_EQ(b.videoPackets, kTicks);
    EXPECT_EQ(a.soundPackets, b.soundPackets) << "the priming packet must be passed over in both orders";
    EXPECT_EQ(a.soundPackets, static_cast<int>(program.sound.size()) - 1);
    EXPECT_DOUBLE_EQ(a.videoStart, 0.0);
    EXPECT_DOUBLE_EQ(b.videoStart, 0.0) << "a late priming packet moved the file one sound frame later";
    EXPECT_DOUBLE_EQ(a.soundStart, b.soundStart);
    // Sound from before the stream began was never part of it: not counted as dropped.
    EXPECT_EQ(droppedA, 0u);
    EXPECT_EQ(droppedB, 0u);
}

} // namespace
