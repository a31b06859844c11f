#include "hawker/capture/image_decoder.hpp"

#include <algorithm>
#include <filesystem>

#include "hawker/capture/av_util.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

namespace hawker::capture {

namespace {
constexpr int kMaxDecodedSide = 16384;
}

cv::Mat decodeImage(const std::string& path, int maxSide, std::string& error) {
    try {
        AVFormatContext* raw = nullptr;
        const int opened = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
        if (opened < 0) {
            error = "cannot open: " + avErrorText(opened);
            return {};
        }
        InputFormatPtr input(raw);
        if (avformat_find_stream_info(raw, nullptr) < 0 || raw->nb_streams == 0) {
            error = "not a picture FFmpeg can read";
            return {};
        }
        const int index = av_find_best_stream(raw, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
        if (index < 0) {
            error = "not a picture FFmpeg can read";
            return {};
        }
        const AVCodecParameters* par = raw->streams[index]->codecpar;
        const AVCodec* codec = avcodec_find_decoder(par->codec_id);
        if (!codec || par->width <= 0 || par->height <= 0) {
            error = "not a picture FFmpeg can read";
            return {};
        }
        if (par->width > kMaxDecodedSide || par->height > kMaxDecodedSide) {
            error = "is " + std::to_string(par->width) + "x" + std::to_string(par->height) + ", too large";
            return {};
        }
        CodecContextPtr decoder(avcodec_alloc_context3(codec));
        checkAv(avcodec_parameters_to_context(decoder.get(), par), "decoder parameters");
        // A 10000x10000 JPEG decodes at 1/8 of its size straight away instead
        // of holding hundreds of megabytes of pixels.
        if (maxSide > 0 && codec->max_lowres > 0) {
            int lowres = 0;
            while (lowres < codec->max_lowres && std::max(par->width, par->height) >> (lowres + 1) >= maxSide)
                ++lowres;
            decoder->lowres = lowres;
        }
        checkAv(avcodec_open2(decoder.get(), codec, nullptr), "open decoder");

        PacketPtr packet = makePacket();
        FramePtr frame = makeFrame();
        bool got = false;
        for (int attempts = 0; attempts < 64 && !got; ++attempts) {
            const int read = av_read_frame(raw, packet.get());
            if (read < 0) {
                avcodec_send_packet(decoder.get(), nullptr); // drain
            } else if (packet->stream_index != index) {
                av_packet_unref(packet.get());
                continue;
            } else {
                avcodec_send_packet(decoder.get(), packet.get());
                av_packet_unref(packet.get());
            }
            got = avcodec_receive_frame(decoder.get(), frame.get()) >= 0;
            if (read < 0) break;
        }
        if (!got || frame->width <= 0 || frame->height <= 0) {
            error = "could not be decoded (corrupt or cut short)";
            return {};
        }
        double scale = 1.0;
        if (maxSide > 0 && std::max(frame->width, frame->height) > maxSide)
            scale = static_cast<double>(maxSide) / std::max(frame->width, frame->height);
        const int width = std::max(1, static_cast<int>(frame->width * scale));
        const int height = std::max(1, static_cast<int>(frame->height * scale));
        SwsPtr converter(sws_getContext(frame->width, frame->height,
                                        static_cast<AVPixelFormat>(frame->format), width, height,
                                        AV_PIX_FMT_BGRA, SWS_AREA, nullptr, nullptr, nullptr));
        if (!converter) {
            error = "has a pixel format that cannot be converted";
            return {};
        }
        cv::Mat bgra(height, width, CV_8UC4);
        uint8_t* dst[4] = {bgra.data, nullptr, nullptr, nullptr};
        const int dstStride[4] = {static_cast<int>(bgra.step), 0, 0, 0};
        sws_scale(converter.get(), frame->data, frame->linesize, 0, frame->height, dst, dstStride);
        return bgra;
    } catch (const std::exception& e) {
        error = e.what();
        return {};
    }
}

} // namespace hawker::capture
