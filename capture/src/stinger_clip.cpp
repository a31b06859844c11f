#include "hawker/capture/stinger_clip.hpp"

#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "hawker/capture/av_util.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

namespace hawker::capture {

namespace {

constexpr int kMaxSide = 8192;

struct OpenedClip {
    InputFormatPtr input;
    int stream = -1;
    const AVCodec* codec = nullptr;
    StingerClipInfo info;
};

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
    throw std::runtime_error(path + ": " + why);
}

/// VP9 keeps alpha in a second stream of its own that only libvpx decodes; Matroska marks it.
bool vp9WithAlpha(const AVStream* stream) {
    const AVDictionaryEntry* mode = av_dict_get(stream->metadata, "alpha_mode", nullptr, 0);
    return stream->codecpar->codec_id == AV_CODEC_ID_VP9 && mode && std::string(mode->value) == "1";
}

bool hasAlpha(int format) {
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(format));
    return desc && (desc->flags & AV_PIX_FMT_FLAG_ALPHA);
}

OpenedClip openClip(const std::string& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) refuse(path, "no such file");
    AVFormatContext* raw = nullptr;
    const int opened = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
    if (opened < 0) refuse(path, "cannot open: " + avErrorText(opened));
    OpenedClip clip;
    clip.input.reset(raw);
    if (avformat_find_stream_info(raw, nullptr) < 0) refuse(path, "not a video FFmpeg can read");
    clip.stream = av_find_best_stream(raw, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (clip.stream < 0) refuse(path, "has no video stream");
    const AVStream* stream = raw->streams[clip.stream];
    const AVCodecParameters* par = stream->codecpar;
    StingerClipInfo& info = clip.info;
    if (vp9WithAlpha(stream)) {
        // FFmpeg's own VP9 decoder drops the alpha stream; libvpx-vp9 decodes both.
        clip.codec = avcodec_find_decoder_by_name("libvpx-vp9");
        if (!clip.codec)
            refuse(path, "is VP9 with alpha, which needs FFmpeg's libvpx-vp9 decoder (missing here)");
        info.alpha = true;
    } else {
        clip.codec = avcodec_find_decoder(par->codec_id);
        info.alpha = hasAlpha(par->format);
    }
    if (!clip.codec)
        refuse(path, std::string("no decoder for its ") + avcodec_get_name(par->codec_id) + " video");
    info.codec = clip.codec->name;
    info.width = par->width;
    info.height = par->height;
    if (info.width <= 0 || info.height <= 0 || info.width > kMaxSide || info.height > kMaxSide)
        refuse(path, "has a picture of " + std::to_string(info.width) + "x" + std::to_string(info.height));
    if (!info.alpha) {
        const char* format = av_get_pix_fmt_name(static_cast<AVPixelFormat>(par->format));
        refuse(path, "has no alpha channel (" + info.codec + ", " + (format ? format : "unknown pixels") +
                         "); a stinger needs one: QuickTime Animation or PNG in .mov, ProRes 4444, or VP9 "
                         "with alpha in .webm");
    }
    if (stream->duration != AV_NOPTS_VALUE && stream->duration > 0)
        info.durationMs = av_rescale_q(stream->duration, stream->time_base, AVRational{1, 1000});
    else if (raw->duration != AV_NOPTS_VALUE && raw->duration > 0)
        info.durationMs = raw->duration / 1000;
    if (info.durationMs <= 0) refuse(path, "does not say how long it is");
    if (stream->avg_frame_rate.num > 0 && stream->avg_frame_rate.den > 0)
        info.fps = av_q2d(stream->avg_frame_rate);
    return clip;
}

std::string megabytes(int64_t bytes) {
    return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MB";
}

/// Converts decoded pictures to BGRA at one size, whatever their format.
class ToBgra {
public:
    explicit ToBgra(cv::Size size) : m_size(size) {}
    ToBgra(const ToBgra&) = delete;
    ToBgra& operator=(const ToBgra&) = delete;
    ~ToBgra() { sws_freeContext(m_sws); }

    cv::Mat convert(const AVFrame& frame) {
        const auto format = static_cast<AVPixelFormat>(frame.format);
        m_sws = sws_getCachedContext(m_sws, frame.width, frame.height, format, m_size.width, m_size.height,
                                     AV_PIX_FMT_BGRA, SWS_BICUBIC, nullptr, nullptr, nullptr);
        if (!m_sws) throw std::runtime_error("its pictures cannot be converted to BGRA");
        const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(format);
        if (desc && !(desc->flags & AV_PIX_FMT_FLAG_RGB)) {
            // YUV (ProRes, VP9): the clip's own matrix and range, BT.709 for HD when it names none.
            int space = frame.colorspace;
            if (space == AVCOL_SPC_UNSPECIFIED || space == AVCOL_SPC_RGB)
                space = frame.height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601;
            const int full = frame.color_range == AVCOL_RANGE_JPEG;
            sws_setColorspaceDetails(m_sws, sws_getCoefficients(space), full,
                                     sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
        }
        cv::Mat bgra(m_size, CV_8UC4);
        uint8_t* dst[4] = {bgra.data, nullptr, nullptr, nullptr};
        const int dstStride[4] = {static_cast<int>(bgra.step), 0, 0, 0};
        sws_scale(m_sws, frame.data, frame.linesize, 0, frame.height, dst, dstStride);
        return bgra;
    }

private:
    cv::Size m_size;
    SwsContext* m_sws = nullptr;
};

} // namespace

StingerClipInfo probeStingerClip(const std::string& path) {
    return openClip(path).info;
}

int decodeStingerClip(const std::string& path, cv::Size size, const StingerClipLimits& limits,
                      const StingerFrameSink& sink) {
    if (size.width <= 0 || size.height <= 0) throw std::invalid_argument("decodeStingerClip: empty size");
    OpenedClip clip = openClip(path);
    const StingerClipInfo& info = clip.info;
    // Both limits from the header, before a picture is decoded.
    if (info.durationMs > limits.maxDurationMs)
        refuse(path, "is " + std::to_string(info.durationMs) + " ms long; a stinger may last " +
                         std::to_string(limits.maxDurationMs) + " ms at most");
    const int64_t frameBytes = int64_t{size.width} * size.height * 4;
    const int64_t maxFrames = limits.maxBytes / frameBytes;
    // The container's count where it keeps one (.mov does), else the length at the average rate.
    const AVStream* stream = clip.input->streams[clip.stream];
    const int64_t expected = stream->nb_frames > 0
                                 ? stream->nb_frames
                                 : std::llround(static_cast<double>(info.durationMs) * info.fps / 1000.0);
    if (expected > maxFrames)
        refuse(path, "would take " + megabytes(expected * frameBytes) + " decoded (" +
                         std::to_string(expected) + " frames at " + std::to_string(size.width) + "x" +
                         std::to_string(size.height) + "); the limit is " + megabytes(limits.maxBytes));

    CodecContextPtr decoder(avcodec_alloc_context3(clip.codec));
    checkAv(avcodec_parameters_to_context(decoder.get(), stream->codecpar), "decoder parameters");
    checkAv(avcodec_open2(decoder.get(), clip.codec, nullptr), "open stinger decoder");
    ToBgra toBgra(size);
    PacketPtr packet = makePacket();
    FramePtr frame = makeFrame();
    int frames = 0;
    int64_t firstPts = AV_NOPTS_VALUE;
    auto receive = [&] {
        while (avcodec_receive_frame(decoder.get(), frame.get()) >= 0) {
            // Again at every picture, before it is converted and handed on: a header can be wrong.
            if (frames + 1 > maxFrames)
                refuse(path, "takes more than " + megabytes(limits.maxBytes) + " decoded at " +
                                 std::to_string(size.width) + "x" + std::to_string(size.height));
            int64_t pts = frame->best_effort_timestamp;
            if (pts == AV_NOPTS_VALUE) pts = frame->pts;
            int64_t ptsMs = 0;
            if (pts != AV_NOPTS_VALUE) {
                if (firstPts == AV_NOPTS_VALUE) firstPts = pts;
                ptsMs =
                    av_rescale_q_rnd(pts - firstPts, stream->time_base, AVRational{1, 1000}, AV_ROUND_DOWN);
            }
            if (ptsMs > limits.maxDurationMs)
                refuse(path, "runs past " + std::to_string(limits.maxDurationMs) + " ms");
            sink(toBgra.convert(*frame), ptsMs);
            ++frames;
            av_frame_unref(frame.get());
        }
    };
    while (true) {
        const int read = av_read_frame(clip.input.get(), packet.get());
        if (read < 0) break;
        if (packet->stream_index == clip.stream) {
            int sent = avcodec_send_packet(decoder.get(), packet.get());
            if (sent == AVERROR(EAGAIN)) { // the decoder's output is full: take it, then send again
                receive();
                sent = avcodec_send_packet(decoder.get(), packet.get());
            }
            av_packet_unref(packet.get());
            if (sent < 0) refuse(path, "cannot be decoded: " + avErrorText(sent));
            receive();
        } else {
            av_packet_unref(packet.get());
        }
    }
    avcodec_send_packet(decoder.get(), nullptr);
    receive();
    if (frames == 0) refuse(path, "has no picture that could be decoded");
    return frames;
}

} // namespace hawker::capture
