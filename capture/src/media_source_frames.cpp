// What a decoded frame becomes: a time on the source's own clock, the
// compositor's I420 picture (shared with the decoder when it already is one)
// with the renditions asked for, and stereo float audio at the mix rate.

#include "hawker/capture/media_source.hpp"

#include <chrono>
#include <mutex>
#include <stdexcept>

#include "hawker/capture/capture_log.hpp"
#include "hawker/capture/frame_pool.hpp"
#include "media_connection.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/pixdesc.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

namespace hawker::capture {

namespace {

constexpr auto kRenditionExpiry = std::chrono::seconds(3);

} // namespace

int64_t MediaSource::sourceTimeUs(Connection& conn, int streamIndex, int64_t timestamp, int64_t fallbackUs) {
    if (timestamp == AV_NOPTS_VALUE) return fallbackUs;
    const AVStream* stream = conn.input->streams[streamIndex];
    const int64_t rawUs = av_rescale_q(timestamp, stream->time_base, AVRational{1, 1000000});
    if (!conn.baseUs) {
        // A new connection (or a new loop of a file) starts where the last
        // one left off, so the source's clock never jumps back.
        conn.baseUs = rawUs;
        if (m_lastPtsUs >= 0) m_timeOffsetUs = m_lastPtsUs + conn.frameDurationUs;
    }
    return rawUs - *conn.baseUs + m_timeOffsetUs;
}

void MediaSource::handleVideo(Connection& conn, AVFrame* frame) {
    int64_t ptsUs = sourceTimeUs(conn, conn.videoIndex, frame->best_effort_timestamp,
                                 m_lastPtsUs < 0 ? 0 : m_lastPtsUs + conn.frameDurationUs);
    if (ptsUs <= m_lastPtsUs) ptsUs = m_lastPtsUs + 1; // never let time run backwards
    m_lastPtsUs = ptsUs;
    pace(conn, ptsUs);
    if (m_abort) return;

    auto out = std::make_shared<VideoFrame>();
    const int width = frame->width & ~1;
    const int height = frame->height & ~1;
    if (width <= 0 || height <= 0) {
        ++m_framesDropped;
        return;
    }
    const auto format = static_cast<AVPixelFormat>(frame->format);
    if ((format == AV_PIX_FMT_YUV420P || format == AV_PIX_FMT_YUVJ420P) && frame->linesize[0] > 0) {
        // Already what the compositor wants: share the decoder's buffer.
        AVFrame* ref = av_frame_clone(frame);
        if (!ref) throw std::bad_alloc();
        out->owner = std::shared_ptr<AVFrame>(ref, [](AVFrame* f) { av_frame_free(&f); });
        out->planes = {
            cv::Mat(height, width, CV_8UC1, ref->data[0], static_cast<size_t>(ref->linesize[0])),
            cv::Mat(height / 2, width / 2, CV_8UC1, ref->data[1], static_cast<size_t>(ref->linesize[1])),
            cv::Mat(height / 2, width / 2, CV_8UC1, ref->data[2], static_cast<size_t>(ref->linesize[2]))};
    } else {
        conn.toI420.reset(sws_getCachedContext(conn.toI420.release(), frame->width, frame->height, format,
                                               width, height, AV_PIX_FMT_YUV420P, SWS_BILINEAR, nullptr,
                                               nullptr, nullptr));
        if (!conn.toI420)
            throw std::runtime_error(
                "cannot convert pixel format " +
                std::string(av_get_pix_fmt_name(format) ? av_get_pix_fmt_name(format) : "?"));
        if (!conn.converted || conn.converted->width() != width || conn.converted->height() != height)
            conn.converted = FramePool::create(width, height);
        std::shared_ptr<cv::Mat> buffer = conn.converted->acquire();
        out->planes = i420Planes(*buffer, width, height);
        out->owner = buffer;
        uint8_t* dst[4] = {out->planes[0].data, out->planes[1].data, out->planes[2].data, nullptr};
        int dstStride[4] = {width, width / 2, width / 2, 0};
        sws_scale(conn.toI420.get(), frame->data, frame->linesize, 0, frame->height, dst, dstStride);
    }

    // Scale each requested rendition here, on this source's own thread.
    std::vector<Rendition> wanted;
    {
        const auto now = std::chrono::steady_clock::now();
        std::lock_guard lock(m_mutex);
        std::erase_if(m_renditions,
                      [&](const RenditionRequest& r) { return now - r.lastUsed > kRenditionExpiry; });
        for (const auto& request : m_renditions)
            wanted.push_back(request.rendition);
        m_width = width;
        m_height = height;
    }
    for (const Rendition& r : wanted)
        if (auto scaled = conn.scaler.scale(out->planes, r)) out->renditions.push_back(std::move(*scaled));

    out->ptsUs = ptsUs;
    out->sequence = ++m_sequence;
    out->arrivalUs = steadyMicros();
    ++m_framesDecoded;
    m_lastArrivalUs = out->arrivalUs;
    {
        std::unique_lock lock(m_mutex);
        const bool wasReady = m_gotPicture;
        m_readyOrFailed = true;
        m_gotPicture = true;
        if (!wasReady) m_wake.notify_all();
        if (m_state != SourceState::Live) {
            lock.unlock();
            setState(SourceState::Live);
        }
    }
    m_slot.publish(std::move(out), m_abort);
}

void MediaSource::handleAudio(Connection& conn, AVFrame* frame) {
    if (!m_audio) return;
    if (!conn.resampler) {
        AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
        AVChannelLayout inLayout;
        if (frame->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
            av_channel_layout_default(&inLayout, frame->ch_layout.nb_channels);
        else
            av_channel_layout_copy(&inLayout, &frame->ch_layout);
        SwrContext* swr = nullptr;
        const int made =
            swr_alloc_set_opts2(&swr, &stereo, AV_SAMPLE_FMT_FLTP, m_config.audioRate, &inLayout,
                                static_cast<AVSampleFormat>(frame->format), frame->sample_rate, 0, nullptr);
        av_channel_layout_uninit(&inLayout);
        if (made < 0 || swr_init(swr) < 0) {
            swr_free(&swr);
            log(LogLevel::Warning, "source " + m_config.id + ": cannot resample its audio");
            std::lock_guard lock(m_mutex);
            m_hasAudio = false;
            return;
        }
        conn.resampler.reset(swr);
    }
    const int capacity = swr_get_out_samples(conn.resampler.get(), frame->nb_samples);
    if (capacity <= 0) return;
    conn.audioL.resize(static_cast<size_t>(capacity));
    conn.audioR.resize(static_cast<size_t>(capacity));
    uint8_t* out[2] = {reinterpret_cast<uint8_t*>(conn.audioL.data()),
                       reinterpret_cast<uint8_t*>(conn.audioR.data())};
    const int converted = swr_convert(conn.resampler.get(), out, capacity,
                                      const_cast<const uint8_t**>(frame->extended_data), frame->nb_samples);
    if (converted <= 0) return;

    const int64_t ptsUs =
        sourceTimeUs(conn, conn.audioIndex, frame->best_effort_timestamp, m_lastPtsUs < 0 ? 0 : m_lastPtsUs);
    if (conn.videoIndex < 0) {
        // Audio-only: the audio clock is the source clock.
        if (ptsUs > m_lastPtsUs) m_lastPtsUs = ptsUs;
        pace(conn, ptsUs);
    }
    const int64_t startSample = av_rescale(ptsUs, m_config.audioRate, 1000000);
    m_audio->write(conn.audioL.data(), conn.audioR.data(), converted, startSample, m_abort);
    // Live, the camera's pictures wait for sound that comes after them (lip sync, and no gaps).
    if (conn.videoIndex >= 0) m_slot.soundArrived(ptsUs, steadyMicros());
    if (conn.videoIndex < 0) {
        std::unique_lock lock(m_mutex);
        if (!m_gotPicture) {
            m_readyOrFailed = true;
            m_gotPicture = true;
            m_wake.notify_all();
        }
        if (m_state != SourceState::Live) {
            lock.unlock();
            setState(SourceState::Live);
        }
    }
}

} // namespace hawker::capture
