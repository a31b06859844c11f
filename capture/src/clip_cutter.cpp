#include "hawker/capture/clip_cutter.hpp"

#include <cmath>
#include <filesystem>
#include <optional>
#include <stdexcept>

extern "C" {
#include <libswscale/swscale.h>
}

#include <opencv2/core.hpp>

#include "clip_codecs.hpp"
#include "h264_parameter_sets.hpp"

namespace hawker::capture {

namespace {

constexpr AVRational kMs{1, 1000};

int64_t toMs(int64_t ts, AVRational base) {
    return av_rescale_q(ts, base, kMs);
}

int64_t timeOf(const AVPacket* packet) {
    return packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
}

int64_t timeOf(const AVFrame* frame) {
    return frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
}

struct Recording {
    InputFormatPtr format;
    AVStream* video = nullptr;
    AVStream* audio = nullptr;
};

Recording openRecording(const std::string& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) throw std::runtime_error("no recording at " + path);
    Recording r;
    AVFormatContext* raw = nullptr;
    const int opened = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
    if (opened < 0) throw std::runtime_error("cannot open " + path + ": " + avErrorText(opened));
    r.format.reset(raw);
    checkAv(avformat_find_stream_info(raw, nullptr), "read the recording's streams");
    const int video = av_find_best_stream(raw, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (video < 0) throw std::runtime_error(path + " has no video");
    r.video = raw->streams[video];
    const int audio = av_find_best_stream(raw, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (audio >= 0) r.audio = raw->streams[audio];
    return r;
}

void seekBefore(const Recording& r, int64_t fileMs) {
    const int64_t target = av_rescale_q(fileMs, kMs, r.video->time_base);
    checkAv(av_seek_frame(r.format.get(), r.video->index, target, AVSEEK_FLAG_BACKWARD), "seek");
}

/// YUV 4:2:0 frames to BGR and back, for drawing on them and for pictures.
class FrameConverter {
public:
    cv::Mat toBgr(const AVFrame* frame) {
        m_toBgr.reset(sws_getCachedContext(
            m_toBgr.release(), frame->width, frame->height, static_cast<AVPixelFormat>(frame->format),
            frame->width, frame->height, AV_PIX_FMT_BGR24, SWS_BILINEAR, nullptr, nullptr, nullptr));
        if (!m_toBgr) throw std::runtime_error("cannot convert the recording's pictures");
        // swscale's vector code may write past a row's end: each row gets room to spare.
        cv::Mat buffer(frame->height + 1, frame->width + 32, CV_8UC3);
        cv::Mat bgr = buffer(cv::Rect(0, 0, frame->width, frame->height));
        uint8_t* planes[1] = {bgr.data};
        int strides[1] = {static_cast<int>(bgr.step)};
        sws_scale(m_toBgr.get(), frame->data, frame->linesize, 0, frame->height, planes, strides);
        return bgr;
    }
    void fromBgr(const cv::Mat& bgr, AVFrame* frame) {
        m_fromBgr.reset(sws_getCachedContext(m_fromBgr.release(), bgr.cols, bgr.rows, AV_PIX_FMT_BGR24,
                                             bgr.cols, bgr.rows, static_cast<AVPixelFormat>(frame->format),
                                             SWS_BILINEAR, nullptr, nullptr, nullptr));
        if (!m_fromBgr) throw std::runtime_error("cannot convert the drawn pictures");
        const uint8_t* planes[1] = {bgr.data};
        const int strides[1] = {static_cast<int>(bgr.step)};
        sws_scale(m_fromBgr.get(), planes, strides, 0, bgr.rows, frame->data, frame->linesize);
    }

private:
    SwsPtr m_toBgr, m_fromBgr;
};

/// One cut in progress: the recording, its decoders, the clip's encoders and muxer.
class Cutter {
public:
    explicit Cutter(const ClipCut& cut) : m_cut(cut), m_in(openRecording(cut.input)) {}

    ClipCutResult run(const std::string& partPath) {
        if (m_cut.toMs <= m_cut.fromMs) throw std::runtime_error("the cut is empty");
        prepare(partPath);
        seekBefore(m_in, m_cut.fromMs);
        PacketPtr packet = makePacket();
        bool videoDone = false, audioDone = !m_audioDecoder;
        while (!(videoDone && audioDone)) {
            if (m_cut.cancel && m_cut.cancel->load()) throw std::runtime_error("cancelled");
            const int read = av_read_frame(m_in.format.get(), packet.get());
            if (read == AVERROR_EOF) break;
            checkAv(read, "read the recording");
            if (packet->stream_index == m_in.video->index && !videoDone) {
                videoDone = onVideo(packet.get());
            } else if (m_in.audio && packet->stream_index == m_in.audio->index && !audioDone) {
                audioDone = onAudio(packet.get());
            }
            av_packet_unref(packet.get());
        }
        if (!m_copying) drainVideoDecoder();
        flushVideoEncoder();
        if (m_audioDecoder) {
            if (!audioDone) decodeAudio(nullptr);
            finishAudio();
        }
        if (m_result.frames == 0) throw std::runtime_error("the recording has no frame in the cut");
        checkAv(av_write_trailer(m_out.get()), "finish the clip");
        m_result.durationSeconds = static_cast<double>(m_result.frames) / av_q2d(m_rate);
        m_result.width = m_in.video->codecpar->width;
        m_result.height = m_in.video->codecpar->height;
        m_result.audio = m_audioEncoder != nullptr;
        return m_result;
    }

private:
    void prepare(const std::string& partPath) {
        const AVCodecParameters* par = m_in.video->codecpar;
        m_rate = clip::frameRateOf(m_in.video);
        if (par->codec_id == AV_CODEC_ID_H264)
            m_source = h264::parseExtradata(par->extradata, static_cast<size_t>(par->extradata_size));
        // Copying needs the recording's parameter sets and no reordering.
        m_smart = !m_cut.drawOnFrame && m_source && par->video_delay == 0;
        int id = 1, profile = 0, level = 0;
        if (m_source) {
            id = (h264::spsId(m_source->sps.front()).value_or(0) + 1) % 32;
            profile = h264::profileOf(m_source->sps.front());
            level = h264::levelOf(m_source->sps.front());
        }
        m_videoDecoder = clip::openDecoder(m_in.video);
        m_videoEncoder = clip::openVideoEncoder(par, m_rate, id, profile, level, m_smart ? 0 : 2);
        const auto own = h264::parseExtradata(m_videoEncoder->extradata,
                                              static_cast<size_t>(m_videoEncoder->extradata_size));
        if (!own) throw std::runtime_error("libx264 gave no parameter sets");
        m_lengthSize = m_smart ? m_source->lengthSize : 4;
        m_sourceAnnexB = m_smart && h264::isAnnexB(par->extradata, static_cast<size_t>(par->extradata_size));
        std::vector<const h264::ParameterSets*> sets = {&*own};
        if (m_smart) sets.insert(sets.begin(), &*m_source);
        const h264::Bytes avcC = h264::buildAvcC(sets, m_lengthSize);

        AVFormatContext* raw = nullptr;
        checkAv(avformat_alloc_output_context2(&raw, nullptr, "mp4", partPath.c_str()), "clip format");
        m_out.reset(raw);
        AVStream* video = avformat_new_stream(raw, nullptr);
        if (!video) throw std::bad_alloc();
        checkAv(avcodec_parameters_from_context(video->codecpar, m_videoEncoder.get()), "clip video");
        av_freep(&video->codecpar->extradata);
        video->codecpar->extradata =
            static_cast<uint8_t*>(av_mallocz(avcC.size() + AV_INPUT_BUFFER_PADDING_SIZE));
        if (!video->codecpar->extradata) throw std::bad_alloc();
        std::copy(avcC.begin(), avcC.end(), video->codecpar->extradata);
        video->codecpar->extradata_size = static_cast<int>(avcC.size());
        video->codecpar->profile = profile > 0 ? profile : video->codecpar->profile;
        video->time_base = m_videoEncoder->time_base;
        video->avg_frame_rate = m_rate;
        m_videoOut = video;
        if (m_in.audio) {
            m_audioDecoder = clip::openDecoder(m_in.audio);
            if (m_audioDecoder->sample_fmt != AV_SAMPLE_FMT_FLTP)
                throw std::runtime_error("the recording's audio is not in the format Hawker records");
            m_audioEncoder = clip::openAudioEncoder(m_audioDecoder.get(), m_in.audio->codecpar->bit_rate);
            AVStream* audio = avformat_new_stream(raw, nullptr);
            if (!audio) throw std::bad_alloc();
            checkAv(avcodec_parameters_from_context(audio->codecpar, m_audioEncoder.get()), "clip audio");
            audio->time_base = m_audioEncoder->time_base;
            m_audioOut = audio;
            m_fifo.reset(av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, m_audioEncoder->ch_layout.nb_channels,
                                             m_audioEncoder->frame_size * 4));
            if (!m_fifo) throw std::bad_alloc();
        }
        checkAv(avio_open(&raw->pb, partPath.c_str(), AVIO_FLAG_WRITE), "open the clip file");
        AvOptions options;
        options.set("movflags", "+faststart"); // the index first: a platform's uploader reads it first
        checkAv(avformat_write_header(raw, options.get()), "write the clip header");
    }

    /// Index of a frame at recording time `ms` in the clip, counted from its first frame.
    int64_t frameIndex(int64_t ms) const {
        return av_rescale_q_rnd(ms - m_result.firstFrameMs, kMs, AVRational{m_rate.den, m_rate.num},
                                AV_ROUND_NEAR_INF);
    }

    /// True once the video of the cut is all handled.
    bool onVideo(AVPacket* packet) {
        const int64_t ms = toMs(timeOf(packet), m_in.video->time_base);
        if (ms >= m_cut.toMs) {
            if (!m_copying) drainVideoDecoder();
            return true;
        }
        report(ms);
        if (!m_copying && m_smart && (packet->flags & AV_PKT_FLAG_KEY) && ms >= m_cut.fromMs) {
            // The recording's own keyframe: from here on its packets are the clip's.
            drainVideoDecoder();
            flushVideoEncoder();
            m_copying = true;
        }
        if (m_copying) {
            copyPacket(packet, ms);
            return false;
        }
        checkAv(avcodec_send_packet(m_videoDecoder.get(), packet), "decode the recording");
        receiveVideoFrames();
        return false;
    }

    void drainVideoDecoder() {
        if (m_decoderDrained) return;
        m_decoderDrained = true;
        avcodec_send_packet(m_videoDecoder.get(), nullptr);
        receiveVideoFrames();
    }

    void receiveVideoFrames() {
        FramePtr frame = makeFrame();
        for (;;) {
            const int got = avcodec_receive_frame(m_videoDecoder.get(), frame.get());
            if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return;
            checkAv(got, "decode the recording");
            const int64_t ms = toMs(timeOf(frame.get()), m_in.video->time_base);
            if (ms >= m_cut.fromMs && ms < m_cut.toMs) encodeFrame(frame.get(), ms);
            av_frame_unref(frame.get());
        }
    }

    void startAt(int64_t ms) {
        if (m_started) return;
        m_started = true;
        m_result.firstFrameMs = ms;
        m_audioStart = av_rescale(ms, m_audioDecoder ? m_audioDecoder->sample_rate : 1, 1000);
    }

    void encodeFrame(AVFrame* frame, int64_t ms) {
        startAt(ms);
        FramePtr own;
        AVFrame* input = frame;
        if (m_cut.drawOnFrame) {
            cv::Mat bgr = m_converter.toBgr(frame);
            m_cut.drawOnFrame(bgr, ms);
            own = makeFrame();
            own->format = AV_PIX_FMT_YUV420P;
            own->width = frame->width;
            own->height = frame->height;
            checkAv(av_frame_get_buffer(own.get(), 0), "frame buffer");
            m_converter.fromBgr(bgr, own.get());
            input = own.get();
        }
        input->pts = frameIndex(ms);
        input->pict_type = m_result.encodedFrames == 0 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
        checkAv(avcodec_send_frame(m_videoEncoder.get(), input), "encode the clip");
        ++m_result.encodedFrames;
        ++m_result.frames;
        receiveVideoPackets();
    }

    void flushVideoEncoder() {
        if (m_encoderFlushed) return;
        m_encoderFlushed = true;
        if (m_result.encodedFrames == 0) return;
        avcodec_send_frame(m_videoEncoder.get(), nullptr);
        receiveVideoPackets();
    }

    void receiveVideoPackets() {
        PacketPtr packet = makePacket();
        for (;;) {
            const int got = avcodec_receive_packet(m_videoEncoder.get(), packet.get());
            if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return;
            checkAv(got, "encode the clip");
            // libx264 writes start codes; the clip's samples carry lengths.
            PacketPtr out = lengthPrefixed(packet.get());
            out->pts = packet->pts;
            out->dts = packet->dts;
            out->duration = 1;
            out->flags = packet->flags;
            av_packet_unref(packet.get());
            write(out.get(), m_videoOut, m_videoEncoder->time_base);
        }
    }

    /// A new packet holding `packet`'s Annex B NAL units with length prefixes (timestamps not set).
    PacketPtr lengthPrefixed(const AVPacket* packet) const {
        const h264::Bytes nals =
            h264::annexBToLengthPrefixed(packet->data, static_cast<size_t>(packet->size), m_lengthSize);
        PacketPtr out = makePacket();
        checkAv(av_new_packet(out.get(), static_cast<int>(nals.size())), "clip packet");
        std::copy(nals.begin(), nals.end(), out->data);
        return out;
    }

    void copyPacket(AVPacket* packet, int64_t ms) {
        startAt(ms);
        PacketPtr out = makePacket();
        if (m_sourceAnnexB)
            out = lengthPrefixed(packet);
        else
            checkAv(av_packet_ref(out.get(), packet), "clip packet");
        out->pts = out->dts = frameIndex(ms);
        out->duration = 1;
        out->flags = packet->flags & AV_PKT_FLAG_KEY;
        out->pos = -1;
        ++m_result.copiedFrames;
        ++m_result.frames;
        write(out.get(), m_videoOut, m_videoEncoder->time_base);
    }

    /// True once the audio of the cut is all handled.
    bool onAudio(AVPacket* packet) {
        if (toMs(timeOf(packet), m_in.audio->time_base) >= m_cut.toMs + 100) return true;
        return decodeAudio(packet);
    }

    bool decodeAudio(AVPacket* packet) {
        const int sent = avcodec_send_packet(m_audioDecoder.get(), packet);
        if (sent < 0 && sent != AVERROR_EOF) return false; // a damaged audio packet: skip it
        FramePtr frame = makeFrame();
        bool done = false;
        for (;;) {
            const int got = avcodec_receive_frame(m_audioDecoder.get(), frame.get());
            if (got < 0) break;
            done = takeSamples(frame.get()) || done;
            av_frame_unref(frame.get());
        }
        return done;
    }

    /// Keeps the samples of a decoded frame that fall in the cut; true past its end.
    bool takeSamples(AVFrame* frame) {
        const int rate = m_audioDecoder->sample_rate;
        int64_t first = av_rescale_q(timeOf(frame), m_in.audio->time_base, AVRational{1, rate});
        // Matroska stores milliseconds: a frame within 10 ms of where the last
        // one ended follows it, sample for sample.
        if (m_nextSample && std::llabs(first - *m_nextSample) < rate / 100) first = *m_nextSample;
        m_nextSample = first + frame->nb_samples;
        const int64_t end = av_rescale(m_cut.toMs, rate, 1000);
        if (!m_started) return first >= end;
        const int64_t from = std::max(first, m_audioStart + m_samplesQueued);
        const int64_t to = std::min(first + frame->nb_samples, end);
        if (from < to) {
            // A hole in the recording's audio is filled with silence.
            const int64_t gap = from - (m_audioStart + m_samplesQueued);
            if (gap > 0 && gap < rate) queueSilence(static_cast<int>(gap));
            const int offset = static_cast<int>(from - first), count = static_cast<int>(to - from);
            void* planes[AV_NUM_DATA_POINTERS] = {};
            for (int c = 0; c < frame->ch_layout.nb_channels && c < AV_NUM_DATA_POINTERS; ++c)
                planes[c] = reinterpret_cast<float*>(frame->extended_data[c]) + offset;
            if (av_audio_fifo_write(m_fifo.get(), planes, count) < count) throw std::bad_alloc();
            m_samplesQueued += count;
            encodeQueuedAudio(false);
        }
        return first + frame->nb_samples >= end;
    }

    void queueSilence(int count) {
        FramePtr silence = makeFrame();
        silence->format = AV_SAMPLE_FMT_FLTP;
        silence->nb_samples = count;
        av_channel_layout_copy(&silence->ch_layout, &m_audioEncoder->ch_layout);
        checkAv(av_frame_get_buffer(silence.get(), 0), "silence");
        av_samples_set_silence(silence->extended_data, 0, count, silence->ch_layout.nb_channels,
                               AV_SAMPLE_FMT_FLTP);
        av_audio_fifo_write(m_fifo.get(), reinterpret_cast<void**>(silence->extended_data), count);
        m_samplesQueued += count;
    }

    void encodeQueuedAudio(bool all) {
        const int size = m_audioEncoder->frame_size;
        while (av_audio_fifo_size(m_fifo.get()) >= size || (all && av_audio_fifo_size(m_fifo.get()) > 0)) {
            const int count = std::min(size, av_audio_fifo_size(m_fifo.get()));
            FramePtr frame = makeFrame();
            frame->format = AV_SAMPLE_FMT_FLTP;
            frame->nb_samples = count;
            frame->sample_rate = m_audioEncoder->sample_rate;
            av_channel_layout_copy(&frame->ch_layout, &m_audioEncoder->ch_layout);
            checkAv(av_frame_get_buffer(frame.get(), 0), "audio frame");
            av_audio_fifo_read(m_fifo.get(), reinterpret_cast<void**>(frame->extended_data), count);
            frame->pts = m_samplesEncoded;
            m_samplesEncoded += count;
            checkAv(avcodec_send_frame(m_audioEncoder.get(), frame.get()), "encode the clip's audio");
            receiveAudioPackets();
        }
    }

    void finishAudio() {
        encodeQueuedAudio(true);
        avcodec_send_frame(m_audioEncoder.get(), nullptr);
        receiveAudioPackets();
    }

    void receiveAudioPackets() {
        PacketPtr packet = makePacket();
        while (avcodec_receive_packet(m_audioEncoder.get(), packet.get()) >= 0) {
            write(packet.get(), m_audioOut, m_audioEncoder->time_base);
            av_packet_unref(packet.get());
        }
    }

    void write(AVPacket* packet, AVStream* stream, AVRational base) {
        packet->stream_index = stream->index;
        av_packet_rescale_ts(packet, base, stream->time_base);
        checkAv(av_interleaved_write_frame(m_out.get(), packet), "write the clip");
    }

    void report(int64_t ms) {
        if (!m_cut.progress) return;
        const double done =
            static_cast<double>(ms - m_cut.fromMs) / static_cast<double>(m_cut.toMs - m_cut.fromMs);
        if (done - m_reported >= 0.01) {
            m_reported = done;
            m_cut.progress(std::clamp(done, 0.0, 1.0));
        }
    }

    const ClipCut& m_cut;
    Recording m_in;
    AVRational m_rate{30, 1};
    std::optional<h264::ParameterSets> m_source;
    bool m_smart = false, m_sourceAnnexB = false, m_copying = false, m_started = false;
    bool m_decoderDrained = false, m_encoderFlushed = false;
    int m_lengthSize = 4;
    CodecContextPtr m_videoDecoder, m_videoEncoder, m_audioDecoder, m_audioEncoder;
    OutputFormatPtr m_out;
    AVStream* m_videoOut = nullptr;
    AVStream* m_audioOut = nullptr;
    clip::AudioFifoPtr m_fifo;
    int64_t m_audioStart = 0, m_samplesQueued = 0, m_samplesEncoded = 0;
    std::optional<int64_t> m_nextSample;
    FrameConverter m_converter;
    ClipCutResult m_result;
    double m_reported = 0;
};

} // namespace

ClipCutResult cutClip(const ClipCut& cut) {
    const std::string part = cut.output + ".part";
    std::error_code ignored;
    try {
        ClipCutResult result;
        {
            Cutter cutter(cut);
            result = cutter.run(part);
        } // the file is closed here
        std::filesystem::rename(part, cut.output);
        if (cut.progress) cut.progress(1.0);
        return result;
    } catch (...) {
        std::filesystem::remove(part, ignored);
        throw;
    }
}

cv::Mat grabFrame(const std::string& path, int64_t fileMs) {
    Recording r = openRecording(path);
    CodecContextPtr decoder = clip::openDecoder(r.video);
    seekBefore(r, fileMs);
    PacketPtr packet = makePacket();
    FramePtr frame = makeFrame();
    FrameConverter converter;
    cv::Mat last;
    bool past = false;
    auto receive = [&] {
        while (!past && avcodec_receive_frame(decoder.get(), frame.get()) >= 0) {
            if (toMs(timeOf(frame.get()), r.video->time_base) > fileMs)
                past = true;
            else
                last = converter.toBgr(frame.get());
            av_frame_unref(frame.get());
        }
    };
    while (!past && av_read_frame(r.format.get(), packet.get()) >= 0) {
        if (packet->stream_index == r.video->index) {
            avcodec_send_packet(decoder.get(), packet.get());
            receive();
        }
        av_packet_unref(packet.get());
    }
    if (!past) {
        avcodec_send_packet(decoder.get(), nullptr);
        receive();
    }
    if (last.empty())
        throw std::runtime_error("no frame of " + path + " at " + std::to_string(fileMs) + " ms");
    return last;
}

RecordingSpan probeRecording(const std::string& path) {
    Recording r = openRecording(path);
    RecordingSpan span;
    span.width = r.video->codecpar->width;
    span.height = r.video->codecpar->height;
    const AVRational rate = clip::frameRateOf(r.video);
    const int64_t frameMs = static_cast<int64_t>(std::llround(1000.0 / av_q2d(rate)));
    // A recording cut short by a crash has no duration in its header: its
    // packets are read to find the end.
    PacketPtr packet = makePacket();
    bool any = false;
    const AVFormatContext* format = r.format.get();
    const bool finished = format->duration > 0 && format->start_time != AV_NOPTS_VALUE;
    while (av_read_frame(r.format.get(), packet.get()) >= 0) {
        if (packet->stream_index == r.video->index) {
            const int64_t ms = toMs(timeOf(packet.get()), r.video->time_base);
            if (!any) span.firstMs = ms;
            span.firstMs = std::min(span.firstMs, ms);
            span.endMs = std::max(span.endMs, ms + frameMs);
            any = true;
            if (finished) {
                // A finished file says how long it runs: its first frame is all that is read.
                span.endMs = av_rescale(format->start_time + format->duration, 1000, AV_TIME_BASE);
                break;
            }
        }
        av_packet_unref(packet.get());
    }
    if (!any) throw std::runtime_error(path + " has no video frames");
    return span;
}

} // namespace hawker::capture
