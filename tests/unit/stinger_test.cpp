// The stinger transition: the show file's [stinger] and the transitions that
// name it, the controller's take with a stinger, and the clip decoder (alpha
// kept, size, frames, limits), over tiny clips written here with FFmpeg.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

#include "hawker/capture/av_util.hpp"
#include "hawker/capture/stinger_clip.hpp"
#include "hawker/studio/show/show_controller.hpp"
#include "temp_dir.hpp"

using namespace hawker::studio;
namespace capture = hawker::capture;

namespace {

const Actor kOperator{"tester", Role::Operator};

/// A show with scenes a, b and c, `extra` appended; the stinger's file is made in `dir`.
std::string showText(const std::string& extra) {
    return R"(
[[sources]]
id = "cam"
url = "x"
[[scenes]]
id = "a"
[[scenes]]
id = "b"
[[scenes]]
id = "c"
)" + extra;
}

const char* kStingerTable = R"(
[stinger]
file = "wipe.mov"
point_ms = 400
)";

/// The ShowFileError's message for `text` (fails the test when there is none).
std::string errorOf(const std::string& text, const std::filesystem::path& dir) {
    try {
        parseShow(text, "show.toml", dir);
    } catch (const ShowFileError& error) {
        return error.what();
    }
    ADD_FAILURE() << "no error for:\n" << text;
    return {};
}

// --- the show file --------------------------------------------------------------

TEST(ShowFileStinger, TableAndEveryPlaceATransitionIsNamed) {
    TempDir dir;
    dir.touch("wipe.mov");
    const ShowSpec show = parseShow(showText(R"(
[[scenes]]
id = "d"
transition = "cut"
[stinger]
file = "wipe.mov"
point_ms = 400
[program]
scene = "a"
preview = "b"
transition = "stinger"
[[cues]]
at_s = 2
command = "take"
transition = "stinger"
)"),
                                    "show.toml", dir.path);
    ASSERT_TRUE(show.stinger);
    EXPECT_EQ(show.stinger->file, dir.path / "wipe.mov");
    EXPECT_EQ(show.stinger->pointMs, 400);
    EXPECT_EQ(show.stinger->durationMs, 0); // the engine reads it from the file (settleShow)
    EXPECT_EQ(show.transition, TransitionKind::Stinger);
    EXPECT_EQ(show.findScene("d")->transition, TransitionKind::Cut);
    EXPECT_FALSE(show.findScene("a")->transition);
    ASSERT_EQ(show.cues.size(), 1u);
    EXPECT_EQ(show.cues[0].transition, TransitionKind::Stinger);
    EXPECT_EQ(parseTransition("stinger"), TransitionKind::Stinger);
    EXPECT_STREQ(toString(TransitionKind::Stinger), "stinger");
}

TEST(ShowFileStinger, AStingerWithoutTheTableIsRefusedNamingTheField) {
    TempDir dir;
    EXPECT_NE(errorOf(showText("[program]\ntransition = \"stinger\"\n"), dir.path)
                  .find("show.toml: program.transition: \"stinger\" needs a [stinger] table"),
              std::string::npos);
    const std::string scene =
        errorOf(showText("[[scenes]]\nid = \"d\"\ntransition = \"stinger\"\n"), dir.path);
    EXPECT_NE(scene.find("scenes[3].transition: \"stinger\" needs a [stinger] table"), std::string::npos)
        << scene;
    const std::string cue =
        errorOf(showText("[[cues]]\nat_s = 1\ncommand = \"take\"\ntransition = \"stinger\"\n"), dir.path);
    EXPECT_NE(cue.find("cues[0].transition: \"stinger\" needs a [stinger] table"), std::string::npos) << cue;
    EXPECT_NE(errorOf(showText("[[cues]]\nat_s = 1\ncommand = \"take\"\ntransition = \"wipe\"\n"), dir.path)
                  .find("expected cut, fade or stinger, got 'wipe'"),
              std::string::npos);
}

TEST(ShowFileStinger, BadTablesAreRefused) {
    TempDir dir;
    EXPECT_NE(errorOf(showText(kStingerTable), dir.path).find("stinger.file: no such file: "),
              std::string::npos);
    dir.touch("wipe.mov");
    EXPECT_NE(
        errorOf(showText("[stinger]\nfile = \"wipe.mov\"\n"), dir.path).find("stinger.point_ms: missing"),
        std::string::npos);
    EXPECT_NE(errorOf(showText("[stinger]\nfile = \"wipe.mov\"\npoint_ms = -1\n"), dir.path)
                  .find("stinger.point_ms: -1 is out of range 0..5000"),
              std::string::npos);
    EXPECT_NE(errorOf(showText("[stinger]\nfile = \"wipe.mov\"\npoint_ms = 6000\n"), dir.path)
                  .find("stinger.point_ms: 6000 is out of range 0..5000"),
              std::string::npos);
    EXPECT_NE(errorOf(showText("[stinger]\nfile = \"wipe.mov\"\npoint_ms = 10\nlength = 3\n"), dir.path)
                  .find("stinger.length: unknown key"),
              std::string::npos);
}

// --- the controller -------------------------------------------------------------

ShowSpec stingerShow(const std::filesystem::path& dir, const std::string& more = "") {
    ShowSpec show =
        parseShow(showText(std::string(kStingerTable) + "[program]\nscene = \"a\"\npreview = \"b\"\n" +
                           "transition_ms = 300\n" + more),
                  "show.toml", dir);
    show.stinger->durationMs = 1000; // as settleShow reads it from the file
    return show;
}

TEST(ShowControllerStinger, ATakeWithAStingerLastsTheClip) {
    TempDir dir;
    dir.touch("wipe.mov");
    const ShowSpec show = stingerShow(dir.path);
    ShowController controller(show);
    std::vector<std::string> timeline;
    controller.setTimelineHook([&](const TimelineRow& row) { timeline.push_back(row.text()); });
    Command take = Command::take();
    take.transition = TransitionKind::Stinger;
    take.transitionMs = 200; // a fade's length: a stinger lasts as long as its clip
    ASSERT_TRUE(controller.execute(take, kOperator, 2000).ok);
    const auto state = controller.snapshot();
    EXPECT_EQ(state->program, "b");
    ASSERT_TRUE(state->active);
    EXPECT_EQ(state->active->kind, TransitionKind::Stinger);
    EXPECT_EQ(state->active->fromScene, "a");
    EXPECT_EQ(state->active->toScene, "b");
    EXPECT_EQ(state->active->startMs, 2000);
    EXPECT_EQ(state->active->durationMs, 1000);
    controller.settle(2999);
    EXPECT_TRUE(controller.snapshot()->active);
    controller.settle(3000);
    EXPECT_FALSE(controller.snapshot()->active);
    ASSERT_EQ(timeline.size(), 1u);
    EXPECT_EQ(timeline[0], "b (stinger)");
}

TEST(ShowControllerStinger, TheIncomingScenesTransitionWhenTheTakeNamesNone) {
    TempDir dir;
    dir.touch("wipe.mov");
    const ShowSpec show = parseShow(showText(std::string(kStingerTable) + R"(
[[scenes]]
id = "s"
transition = "stinger"
[program]
scene = "a"
preview = "s"
transition = "fade"
)"),
                                    "show.toml", dir.path);
    ShowSpec settled = show;
    settled.stinger->durationMs = 800;
    ShowController controller(settled);
    ASSERT_TRUE(controller.execute(Command::take(), kOperator, 0).ok); // s comes on with its stinger
    ASSERT_TRUE(controller.snapshot()->active);
    EXPECT_EQ(controller.snapshot()->active->kind, TransitionKind::Stinger);
    EXPECT_EQ(controller.snapshot()->active->durationMs, 800);
    ASSERT_TRUE(controller.execute(Command::take(), kOperator, 100).ok); // a has none: the show's fade
    ASSERT_TRUE(controller.snapshot()->active);
    EXPECT_EQ(controller.snapshot()->active->kind, TransitionKind::Fade);
    Command cut = Command::take();
    cut.transition = TransitionKind::Cut; // a take that names one uses it
    ASSERT_TRUE(controller.execute(cut, kOperator, 200).ok);
    EXPECT_FALSE(controller.snapshot()->active);
}

TEST(ShowControllerStinger, StingerIsTheDefaultAndIsRefusedWithoutAClip) {
    TempDir dir;
    dir.touch("wipe.mov");
    const ShowSpec show = stingerShow(dir.path);
    ShowController controller(show);
    ASSERT_TRUE(
        controller.execute(Command::setTransition(TransitionKind::Stinger, std::nullopt), kOperator, 0).ok);
    EXPECT_EQ(controller.snapshot()->transition, TransitionKind::Stinger);
    ASSERT_TRUE(controller.execute(Command::take(), kOperator, 10).ok);
    EXPECT_EQ(controller.snapshot()->active->kind, TransitionKind::Stinger);

    // From the API: the argument's choices include it.
    const ShowSpec plain = parseShow(showText(""), "show.toml", dir.path);
    ShowController without(plain);
    const CommandResult take =
        without.execute(Command::named("take", {{"transition", "stinger"}}), kOperator, 0);
    EXPECT_FALSE(take.ok);
    EXPECT_NE(take.message.find("no [stinger]"), std::string::npos) << take.message;
    EXPECT_EQ(without.snapshot()->program, "a"); // nothing changed
    EXPECT_FALSE(
        without.execute(Command::setTransition(TransitionKind::Stinger, std::nullopt), kOperator, 0).ok);
    EXPECT_FALSE(without.execute(Command::named("take", {{"transition", "wipe"}}), kOperator, 0).ok);
}

// --- the clip decoder -------------------------------------------------------------

/// Writes `frames` pictures of width x height at `fps` with `codec` in
/// `pixels`, each drawn in 8-bit RGBA by `draw(frame index, picture)`.
void writeClip(const std::filesystem::path& path, const char* codecName, AVPixelFormat pixels, int width,
               int height, int frames, int fps, const std::function<void(int, cv::Mat&)>& draw) {
    using namespace hawker::capture;
    AVFormatContext* raw = nullptr;
    checkAv(avformat_alloc_output_context2(&raw, nullptr, nullptr, path.c_str()), "output");
    OutputFormatPtr out(raw);
    const AVCodec* codec = avcodec_find_encoder_by_name(codecName);
    ASSERT_NE(codec, nullptr) << codecName;
    CodecContextPtr encoder(avcodec_alloc_context3(codec));
    encoder->width = width;
    encoder->height = height;
    encoder->pix_fmt = pixels;
    encoder->time_base = AVRational{1, fps};
    encoder->framerate = AVRational{fps, 1};
    if (raw->oformat->flags & AVFMT_GLOBALHEADER) encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    checkAv(avcodec_open2(encoder.get(), codec, nullptr), "open encoder");
    AVStream* stream = avformat_new_stream(raw, nullptr);
    checkAv(avcodec_parameters_from_context(stream->codecpar, encoder.get()), "parameters");
    stream->time_base = encoder->time_base;
    // What ffmpeg's command line does for a picture with alpha: WebM marks the stream.
    if (std::string(codecName) == "libvpx-vp9") av_dict_set(&stream->metadata, "alpha_mode", "1", 0);
    checkAv(avio_open(&raw->pb, path.c_str(), AVIO_FLAG_WRITE), "avio_open");
    checkAv(avformat_write_header(raw, nullptr), "header");
    SwsPtr sws(sws_getContext(width, height, AV_PIX_FMT_RGBA, width, height, pixels, SWS_POINT, nullptr,
                              nullptr, nullptr));
    PacketPtr packet = makePacket();
    auto drain = [&] {
        while (avcodec_receive_packet(encoder.get(), packet.get()) >= 0) {
            packet->duration = 1; // one frame: the clip's length counts its last frame too
            av_packet_rescale_ts(packet.get(), encoder->time_base, stream->time_base);
            packet->stream_index = stream->index;
            checkAv(av_interleaved_write_frame(raw, packet.get()), "write");
        }
    };
    for (int i = 0; i < frames; ++i) {
        cv::Mat rgba(height, width, CV_8UC4, cv::Scalar(0, 0, 0, 0));
        draw(i, rgba);
        FramePtr frame = makeFrame();
        frame->width = width;
        frame->height = height;
        frame->format = pixels;
        frame->pts = i;
        checkAv(av_frame_get_buffer(frame.get(), 0), "frame buffer");
        const uint8_t* src[4] = {rgba.data, nullptr, nullptr, nullptr};
        const int srcStride[4] = {static_cast<int>(rgba.step), 0, 0, 0};
        sws_scale(sws.get(), src, srcStride, 0, height, frame->data, frame->linesize);
        checkAv(avcodec_send_frame(encoder.get(), frame.get()), "send frame");
        drain();
    }
    avcodec_send_frame(encoder.get(), nullptr);
    drain();
    checkAv(av_write_trailer(raw), "trailer");
    avio_closep(&raw->pb);
}

/// A red square sweeping right over a clear picture (RGBA): 8 pixels a frame, 16x16 at (8k, 10).
void sweep(int index, cv::Mat& rgba) {
    rgba(cv::Rect(8 * index, 10, 16, 16)).setTo(cv::Scalar(255, 0, 0, 255));
}

struct Decoded {
    std::vector<cv::Mat> pictures;
    std::vector<int64_t> ptsMs;
};

Decoded decode(const std::filesystem::path& path, cv::Size size, capture::StingerClipLimits limits = {}) {
    Decoded out;
    const int count =
        capture::decodeStingerClip(path.string(), size, limits, [&](const cv::Mat& bgra, int64_t ms) {
            out.pictures.push_back(bgra.clone());
            out.ptsMs.push_back(ms);
        });
    EXPECT_EQ(static_cast<size_t>(count), out.pictures.size());
    return out;
}

/// Checks the sweep decoded at twice its size: the square's middle is opaque red, far from it clear.
void expectSweep(const Decoded& clip, int frames) {
    ASSERT_EQ(clip.pictures.size(), static_cast<size_t>(frames));
    for (int k = 0; k < frames; ++k) {
        const cv::Mat& picture = clip.pictures[static_cast<size_t>(k)];
        ASSERT_EQ(picture.size(), cv::Size(128, 72));
        ASSERT_EQ(picture.type(), CV_8UC4);
        const cv::Vec4b inside = picture.at<cv::Vec4b>(36, 16 * k + 16); // BGRA
        EXPECT_EQ(inside, cv::Vec4b(0, 0, 255, 255)) << "frame " << k;
        EXPECT_EQ(picture.at<cv::Vec4b>(70, 16 * k + 16)[3], 0) << "frame " << k << " below the square";
        EXPECT_EQ(clip.ptsMs[static_cast<size_t>(k)], k * 1000 / 30) << "frame " << k;
    }
}

TEST(StingerClip, QuickTimeAnimationKeepsAlphaAtTheSizeAsked) {
    TempDir dir;
    const auto path = dir.path / "wipe.mov";
    writeClip(path, "qtrle", AV_PIX_FMT_ARGB, 64, 36, 6, 30, sweep);
    const capture::StingerClipInfo info = capture::probeStingerClip(path.string());
    EXPECT_EQ(info.codec, "qtrle");
    EXPECT_TRUE(info.alpha);
    EXPECT_EQ(info.width, 64);
    EXPECT_EQ(info.height, 36);
    EXPECT_EQ(info.durationMs, 200);
    EXPECT_DOUBLE_EQ(info.fps, 30);
    expectSweep(decode(path, cv::Size(128, 72)), 6);
}

TEST(StingerClip, PngInMovKeepsAlpha) {
    TempDir dir;
    const auto path = dir.path / "wipe.mov";
    writeClip(path, "png", AV_PIX_FMT_RGBA, 64, 36, 5, 30, sweep);
    EXPECT_EQ(capture::probeStingerClip(path.string()).codec, "png");
    expectSweep(decode(path, cv::Size(128, 72)), 5);
}

TEST(StingerClip, Vp9WithAlphaIsDecodedByLibvpx) {
    TempDir dir;
    const auto path = dir.path / "wipe.webm";
    if (!avcodec_find_encoder_by_name("libvpx-vp9")) GTEST_SKIP() << "no libvpx-vp9 encoder here";
    writeClip(path, "libvpx-vp9", AV_PIX_FMT_YUVA420P, 64, 36, 4, 30, sweep);
    const capture::StingerClipInfo info = capture::probeStingerClip(path.string());
    EXPECT_EQ(info.codec, "libvpx-vp9");
    EXPECT_TRUE(info.alpha);
    const Decoded clip = decode(path, cv::Size(128, 72));
    ASSERT_EQ(clip.pictures.size(), 4u);
    for (size_t k = 0; k < clip.pictures.size(); ++k) {
        // Lossy: the square's middle is mostly opaque and red, the corner far from it clear.
        const cv::Vec4b inside = clip.pictures[k].at<cv::Vec4b>(36, 16 * static_cast<int>(k) + 16);
        EXPECT_GT(inside[3], 200) << "frame " << k;
        EXPECT_GT(inside[2], 180) << "frame " << k;
        EXPECT_LT(clip.pictures[k].at<cv::Vec4b>(70, 120)[3], 30) << "frame " << k;
    }
}

TEST(StingerClip, APictureWithoutAlphaOrNoFileIsRefused) {
    TempDir dir;
    const auto opaque = dir.path / "opaque.mov";
    writeClip(opaque, "qtrle", AV_PIX_FMT_RGB24, 64, 36, 3, 30, sweep);
    try {
        capture::probeStingerClip(opaque.string());
        ADD_FAILURE() << "an opaque clip was taken";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("has no alpha channel (qtrle, rgb24)"), std::string::npos)
            << error.what();
    }
    EXPECT_THROW(capture::probeStingerClip((dir.path / "none.mov").string()), std::runtime_error);
    dir.touch("junk.mov");
    EXPECT_THROW(capture::probeStingerClip((dir.path / "junk.mov").string()), std::runtime_error);
}

TEST(StingerClip, LimitsAreCheckedBeforeAnythingIsDecoded) {
    TempDir dir;
    const auto path = dir.path / "wipe.mov";
    writeClip(path, "qtrle", AV_PIX_FMT_ARGB, 64, 36, 6, 30, sweep); // 200 ms
    int handed = 0;
    auto count = [&](const cv::Mat&, int64_t) { ++handed; };
    capture::StingerClipLimits shorter;
    shorter.maxDurationMs = 150;
    try {
        capture::decodeStingerClip(path.string(), cv::Size(128, 72), shorter, count);
        ADD_FAILURE() << "a clip over the length limit was decoded";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("is 200 ms long; a stinger may last 150 ms at most"),
                  std::string::npos)
            << error.what();
    }
    capture::StingerClipLimits smaller;
    smaller.maxBytes = 128 * 72 * 4 * 5; // five frames of the six
    try {
        capture::decodeStingerClip(path.string(), cv::Size(128, 72), smaller, count);
        ADD_FAILURE() << "a clip over the memory limit was decoded";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("6 frames at 128x72"), std::string::npos) << error.what();
    }
    EXPECT_EQ(handed, 0); // refused from the header, before the first picture
    smaller.maxBytes = 128 * 72 * 4 * 6;
    EXPECT_EQ(capture::decodeStingerClip(path.string(), cv::Size(128, 72), smaller, count), 6);
}

} // namespace
