#include "clip_codecs.hpp"

#include <stdexcept>
#include <string>

namespace hawker::capture::clip {

CodecContextPtr openDecoder(const AVStream* stream) {
    const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!codec)
        throw std::runtime_error(std::string("no decoder for ") +
                                 avcodec_get_name(stream->codecpar->codec_id));
    CodecContextPtr context(avcodec_alloc_context3(codec));
    if (!context) throw std::bad_alloc();
    checkAv(avcodec_parameters_to_context(context.get(), stream->codecpar), "decoder parameters");
    context->pkt_timebase = stream->time_base;
    context->thread_count = 0;
    checkAv(avcodec_open2(context.get(), codec, nullptr), "open decoder");
    return context;
}

AVRational frameRateOf(const AVStream* stream) {
    for (AVRational rate : {stream->avg_frame_rate, stream->r_frame_rate})
        if (rate.num > 0 && rate.den > 0 && av_q2d(rate) >= 1 && av_q2d(rate) <= 240) return rate;
    return AVRational{30, 1};
}

CodecContextPtr openVideoEncoder(const AVCodecParameters* source, AVRational rate, int spsId, int profileIdc,
                                 int levelIdc, int keyframeSeconds) {
    const AVCodec* x264 = avcodec_find_encoder_by_name("libx264");
    if (!x264) throw std::runtime_error("FFmpeg was built without libx264");
    CodecContextPtr context(avcodec_alloc_context3(x264));
    if (!context) throw std::bad_alloc();
    AVCodecContext* v = context.get();
    v->width = source->width;
    v->height = source->height;
    v->pix_fmt = AV_PIX_FMT_YUV420P;
    v->time_base = AVRational{rate.den, rate.num};
    v->framerate = rate;
    v->sample_aspect_ratio = AVRational{1, 1};
    v->max_b_frames = 0; // as the recording: decode order is display order
    v->gop_size = keyframeSeconds > 0 ? static_cast<int>(av_q2d(rate) * keyframeSeconds + 0.5) : 100000;
    v->keyint_min = v->gop_size;
    v->thread_count = 0;
    v->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    v->color_range = source->color_range;
    v->colorspace = source->color_space;
    v->color_primaries = source->color_primaries;
    v->color_trc = source->color_trc;
    if (levelIdc > 0) v->level = levelIdc;
    AvOptions options;
    options.set("preset", "veryfast");
    // Near-transparent: the encoded frames sit next to copied ones of the
    // recording's own quality, and a clip is uploaded, not streamed.
    options.set("crf", "16");
    if (profileIdc == 66)
        options.set("profile", "baseline");
    else if (profileIdc == 77)
        options.set("profile", "main");
    else if (profileIdc == 100)
        options.set("profile", "high");
    options.set("x264-params", "scenecut=0:sps-id=" + std::to_string(spsId));
    checkAv(avcodec_open2(v, x264, options.get()), "open libx264");
    return context;
}

CodecContextPtr openAudioEncoder(const AVCodecContext* decoder, int64_t bitRate) {
    const AVCodec* aac = avcodec_find_encoder(AV_CODEC_ID_AAC);
    if (!aac) throw std::runtime_error("FFmpeg has no AAC encoder");
    CodecContextPtr context(avcodec_alloc_context3(aac));
    if (!context) throw std::bad_alloc();
    AVCodecContext* a = context.get();
    a->sample_rate = decoder->sample_rate;
    a->sample_fmt = AV_SAMPLE_FMT_FLTP;
    checkAv(av_channel_layout_copy(&a->ch_layout, &decoder->ch_layout), "channel layout");
    a->bit_rate = bitRate > 0 ? bitRate : 128000;
    a->time_base = AVRational{1, decoder->sample_rate};
    a->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    checkAv(avcodec_open2(a, aac, nullptr), "open AAC encoder");
    return context;
}

} // namespace hawker::capture::clip
