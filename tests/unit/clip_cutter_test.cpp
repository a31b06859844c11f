// Clips cut from a recording made by Hawker's own encoder and recording
// output: frame-exact length, a keyframe first, pictures equal to the
// recording's at the same times, and nothing left behind when a cut fails.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <opencv2/imgproc.hpp>

#include "../../capture/src/h264_parameter_sets.hpp"
#include "hawker/capture/audio_encoder.hpp"
#include "hawker/capture/clip_cutter.hpp"
#include "hawker/capture/encoder.hpp"
#include "hawker/capture/output.hpp"
#include "temp_dir.hpp"

namespace {

using namespace hawker::capture;

constexpr int kWidth = 360, kHeight = 640, kFps = 30;

/// A picture that differs from frame to frame: a gradient and a block whose place is the frame number.
cv::Mat programPicture(int64_t index) {
    cv::Mat i420(kHeight * 3 / 2, kWidth, CV_8UC1, cv::Scalar(128));
    cv::Mat y = i420.rowRange(0, kHeight);
    for (int r = 0; r < kHeight; ++r)
        y.row(r).setTo(cv::Scalar(40 + (r * 150 / kHeight)));
    const int x = static_cast<int>((index * 7) % (kWidth - 60)),
              top = static_cast<int>((index * 13) % (kHeight - 60));
    cv::rectangle(y, cv::Rect(x, top, 60, 60), cv::Scalar(235), cv::FILLED);
    return i420;
}

/// Records `seconds` of program at 30 fps to an MKV with the show's encoder and recording output.
void record(const std::filesystem::path& path, int seconds, int keyintSeconds = 2) {
    EncoderSettings settings;
    settings.width = kWidth;
    settings.height = kHeight;
    settings.fps = kFps;
    settings.bitrateKbps = 1500;
    settings.keyintSeconds = keyintSeconds;
    std::unique_ptr<Output> output;
    Encoder encoder(settings, [&](const EncodedPacket& packet) { output->push(packet); });
    AudioEncoder sound(
        {}, [&](const EncodedPacket& packet) { output->push(packet); }, "rec");
    encoder.start();
    sound.start();
    OutputConfig config;
    config.id = "rec";
    config.kind = OutputKind::Record;
    config.target = path.string();
    output =
        std::make_unique<Output>(config, std::vector<StreamDescription>{encoder.stream(), sound.stream()});
    output->start();
    for (int64_t n = 0; n < int64_t{seconds} * kFps; ++n) {
        ProgramTick tick;
        tick.index = n;
        tick.picture = std::make_shared<const cv::Mat>(programPicture(n));
        const int samples = audioSamplesInTick(48000, kFps, n);
        for (int s = 0; s < samples; ++s) {
            const double t = static_cast<double>(n * 48000 / kFps + s) / 48000.0;
            tick.audioLeft.push_back(static_cast<float>(0.3 * std::sin(2 * M_PI * 440 * t)));
            tick.audioRight.push_back(tick.audioLeft.back());
        }
        sound.push(tick.audioLeft, tick.audioRight);
        encoder.push(std::move(tick));
    }
    encoder.finish();
    sound.finish();
    output->stop();
}

double psnr(const cv::Mat& a, const cv::Mat& b) {
    return cv::PSNR(a, b);
}

struct Decoded {
    int frames = 0, errors = 0;
    bool firstIsKey = false;
    double audioSeconds = 0;
};

/// Every frame of a clip decoded, as a player would.
Decoded decodeAll(const std::filesystem::path& path) {
    Decoded out;
    AVFormatContext* format = nullptr;
    if (avformat_open_input(&format, path.c_str(), nullptr, nullptr) < 0) return out;
    avformat_find_stream_info(format, nullptr);
    const int video = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    const int audio = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    const AVCodec* codec = avcodec_find_decoder(format->streams[video]->codecpar->codec_id);
    AVCodecContext* decoder = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(decoder, format->streams[video]->codecpar);
    decoder->err_recognition = AV_EF_EXPLODE;
    avcodec_open2(decoder, codec, nullptr);
    AVPacket* packet = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    bool first = true;
    auto receive = [&] {
        for (;;) {
            const int got = avcodec_receive_frame(decoder, frame);
            if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return;
            if (got < 0) {
                ++out.errors;
                return;
            }
            if (frame->decode_error_flags) ++out.errors;
            ++out.frames;
        }
    };
    while (av_read_frame(format, packet) >= 0) {
        if (packet->stream_index == video) {
            if (first) out.firstIsKey = (packet->flags & AV_PKT_FLAG_KEY) != 0;
            first = false;
            if (avcodec_send_packet(decoder, packet) < 0) ++out.errors;
            receive();
        } else if (packet->stream_index == audio) {
            out.audioSeconds +=
                static_cast<double>(packet->duration) * av_q2d(format->streams[audio]->time_base);
        }
        av_packet_unref(packet);
    }
    avcodec_send_packet(decoder, nullptr);
    receive();
    av_frame_free(&frame);
    av_packet_free(&packet);
    avcodec_free_context(&decoder);
    avformat_close_input(&format);
    return out;
}

class ClipCutterTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new TempDir("hawker-clips");
        s_recording = (s_dir->path / "program.mkv").string();
        record(s_recording, 8);
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }
    static TempDir* s_dir;
    static std::string s_recording;
};
TempDir* ClipCutterTest::s_dir = nullptr;
std::string ClipCutterTest::s_recording;

TEST_F(ClipCutterTest, SmartCutIsFrameExactStartsOnAKeyframeAndCopiesTheMiddle) {
    const std::string clip = (s_dir->path / "clip.mp4").string();
    ClipCut cut;
    cut.input = s_recording;
    cut.output = clip;
    cut.fromMs = 1234; // mid-GOP: the recording's keyframes are at 0, 2, 4, 6 s
    cut.toMs = 6789;
    double lastProgress = -1;
    int progressCalls = 0;
    cut.progress = [&](double p) {
        EXPECT_GE(p, lastProgress);
        lastProgress = p;
        ++progressCalls;
    };
    const ClipCutResult result = cutClip(cut);
    // The recording's frames are at shift + n × 33.3 ms (Matroska's milliseconds; the shift is where
    // its first frame landed, after the audio's priming).
    const int64_t shift = probeRecording(s_recording).firstMs;
    const auto frameMs = [&](int64_t n) {
        return shift + std::llround(static_cast<double>(n) * 1000.0 / kFps);
    };
    int64_t first = 0;
    while (frameMs(first) < cut.fromMs)
        ++first;
    int64_t expectedFrames = 0;
    while (frameMs(first + expectedFrames) < cut.toMs)
        ++expectedFrames;
    EXPECT_EQ(result.frames, expectedFrames);
    EXPECT_NEAR(result.durationSeconds, (6789 - 1234) / 1000.0, 1.0 / kFps);
    EXPECT_EQ(result.firstFrameMs, frameMs(first));
    // The frames up to the keyframe at 2 s are encoded again, the rest copied.
    EXPECT_EQ(result.encodedFrames, 60 - first);
    EXPECT_EQ(result.copiedFrames, expectedFrames - (60 - first));
    EXPECT_TRUE(result.audio);
    EXPECT_EQ(lastProgress, 1.0);
    EXPECT_GT(progressCalls, 10);
    EXPECT_FALSE(std::filesystem::exists(clip + ".part"));

    const Decoded decoded = decodeAll(clip);
    EXPECT_EQ(decoded.frames, expectedFrames);
    EXPECT_EQ(decoded.errors, 0);
    EXPECT_TRUE(decoded.firstIsKey);
    EXPECT_NEAR(decoded.audioSeconds, result.durationSeconds, 0.05);

    const RecordingSpan span = probeRecording(clip);
    EXPECT_EQ(span.width, kWidth);
    EXPECT_EQ(span.height, kHeight);
    // The first and last frames are the recording's at those times.
    const int64_t lastMs = frameMs(first + expectedFrames - 1);
    EXPECT_GE(psnr(grabFrame(clip, 0), grabFrame(s_recording, result.firstFrameMs)), 35.0);
    EXPECT_GE(psnr(grabFrame(clip, (expectedFrames - 1) * 1000 / kFps), grabFrame(s_recording, lastMs)),
              35.0);
    // A frame either side of the first differs from it: the test would see an off-by-one.
    EXPECT_LT(psnr(grabFrame(clip, 0), grabFrame(s_recording, result.firstFrameMs + 34)), 35.0);
}

TEST_F(ClipCutterTest, ACutOnAKeyframeCopiesEverything) {
    const std::string clip = (s_dir->path / "keyframe.mp4").string();
    const int64_t keyframe = probeRecording(s_recording).firstMs + 2000;
    ClipCut cut{s_recording, clip, keyframe, keyframe + 2000, {}, {}, nullptr};
    const ClipCutResult result = cutClip(cut);
    EXPECT_EQ(result.frames, 60);
    EXPECT_EQ(result.encodedFrames, 0);
    EXPECT_EQ(result.copiedFrames, 60);
    const Decoded decoded = decodeAll(clip);
    EXPECT_EQ(decoded.frames, 60);
    EXPECT_EQ(decoded.errors, 0);
}

TEST_F(ClipCutterTest, ACutInsideOneGopIsEncodedWhole) {
    const std::string clip = (s_dir->path / "short.mp4").string();
    ClipCut cut{s_recording, clip, 2500, 3500, {}, {}, nullptr};
    const ClipCutResult result = cutClip(cut);
    EXPECT_EQ(result.frames, 30);
    EXPECT_EQ(result.encodedFrames, 30);
    EXPECT_EQ(decodeAll(clip).errors, 0);
    EXPECT_GE(psnr(grabFrame(clip, 500), grabFrame(s_recording, result.firstFrameMs + 500)), 35.0);
}

TEST_F(ClipCutterTest, DrawingOnFramesEncodesEveryFrameWithTheDrawing) {
    const std::string clip = (s_dir->path / "drawn.mp4").string();
    ClipCut cut{s_recording, clip, 1000, 5000, {}, {}, nullptr};
    int drawn = 0;
    cut.drawOnFrame = [&](cv::Mat& bgr, int64_t) {
        cv::rectangle(bgr, cv::Rect(0, kHeight - 100, kWidth, 100), cv::Scalar(0, 0, 255), cv::FILLED);
        ++drawn;
    };
    const ClipCutResult result = cutClip(cut);
    EXPECT_EQ(result.frames, 120);
    EXPECT_EQ(result.copiedFrames, 0);
    EXPECT_EQ(drawn, 120);
    const cv::Mat last = grabFrame(clip, 3900);
    const cv::Vec3b band = last.at<cv::Vec3b>(kHeight - 50, kWidth / 2);
    EXPECT_GT(band[2], 200);
    EXPECT_LT(band[0], 60);
}

TEST_F(ClipCutterTest, ACancelledOrImpossibleCutLeavesNoFile) {
    const std::string clip = (s_dir->path / "cancelled.mp4").string();
    std::atomic<bool> cancel{false};
    ClipCut cut{s_recording,
                clip,
                500,
                7000,
                {},
                [&](double p) {
                    if (p > 0.3) cancel = true;
                },
                &cancel};
    EXPECT_THROW(cutClip(cut), std::runtime_error);
    EXPECT_FALSE(std::filesystem::exists(clip));
    EXPECT_FALSE(std::filesystem::exists(clip + ".part"));

    ClipCut outside{s_recording, clip, 60000, 61000, {}, {}, nullptr};
    EXPECT_THROW(cutClip(outside), std::runtime_error);
    EXPECT_FALSE(std::filesystem::exists(clip));
    ClipCut missing{(s_dir->path / "nothing.mkv").string(), clip, 0, 1000, {}, {}, nullptr};
    EXPECT_THROW(cutClip(missing), std::runtime_error);
    ClipCut empty{s_recording, clip, 3000, 3000, {}, {}, nullptr};
    EXPECT_THROW(cutClip(empty), std::runtime_error);
    EXPECT_FALSE(std::filesystem::exists(clip));
}

TEST_F(ClipCutterTest, ProbeFindsTheRecordingsSpan) {
    const RecordingSpan span = probeRecording(s_recording);
    EXPECT_GE(span.firstMs, 0);
    EXPECT_LT(span.firstMs, 40); // the audio's priming, at most
    EXPECT_NEAR(span.endMs - span.firstMs, 8000, 40);
    EXPECT_EQ(span.width, kWidth);
}

TEST(H264ParameterSets, ReadsAnIdAndJoinsTwoEncodersSets) {
    using namespace hawker::capture::h264;
    // SPS id 0 is the Exp-Golomb code "1"; id 1 is "010".
    const Bytes sps0 = {0x67, 100, 0, 40, 0b10000000};
    const Bytes sps1 = {0x67, 100, 0, 31, 0b01000000};
    EXPECT_EQ(spsId(sps0), 0);
    EXPECT_EQ(spsId(sps1), 1);
    ParameterSets a{{sps0}, {{0x68, 0xce}}, 4}, b{{sps1}, {{0x68, 0xde}}, 4};
    const Bytes avcC = buildAvcC({&a, &b}, 4);
    const auto back = parseExtradata(avcC.data(), avcC.size());
    ASSERT_TRUE(back);
    ASSERT_EQ(back->sps.size(), 2u);
    ASSERT_EQ(back->pps.size(), 2u);
    EXPECT_EQ(back->sps[1], sps1);
    EXPECT_EQ(avcC[3], 40); // the higher level of the two
    const uint8_t annexB[] = {0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 1, 0x65, 9, 9, 9};
    const Bytes samples = annexBToLengthPrefixed(annexB, sizeof annexB, 4);
    EXPECT_EQ(samples, (Bytes{0, 0, 0, 4, 0x65, 9, 9, 9}));
}

} // namespace
