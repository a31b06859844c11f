#include "hawker/capture/av_util.hpp"

#include <pthread.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavcodec/bsf.h>
#include <libavformat/avformat.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

namespace hawker::capture {

std::string avErrorText(int code) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, buf, sizeof(buf));
    return buf;
}

FfmpegError::FfmpegError(const std::string& call, int code)
    : std::runtime_error(call + ": " + avErrorText(code)), m_code(code) {}

int checkAv(int result, const char* call) {
    if (result < 0) throw FfmpegError(call, result);
    return result;
}

void FormatInputDeleter::operator()(AVFormatContext* ctx) const {
    avformat_close_input(&ctx);
}
void FormatOutputDeleter::operator()(AVFormatContext* ctx) const {
    if (!ctx) return;
    if (ctx->pb && !(ctx->oformat->flags & AVFMT_NOFILE)) avio_closep(&ctx->pb);
    avformat_free_context(ctx);
}
void CodecContextDeleter::operator()(AVCodecContext* ctx) const {
    avcodec_free_context(&ctx);
}
void FrameDeleter::operator()(AVFrame* frame) const {
    av_frame_free(&frame);
}
void PacketDeleter::operator()(AVPacket* packet) const {
    av_packet_free(&packet);
}
void SwsDeleter::operator()(SwsContext* ctx) const {
    sws_freeContext(ctx);
}
void SwrDeleter::operator()(SwrContext* ctx) const {
    swr_free(&ctx);
}
void BsfDeleter::operator()(AVBSFContext* ctx) const {
    av_bsf_free(&ctx);
}

FramePtr makeFrame() {
    FramePtr frame(av_frame_alloc());
    if (!frame) throw std::bad_alloc();
    return frame;
}

PacketPtr makePacket() {
    PacketPtr packet(av_packet_alloc());
    if (!packet) throw std::bad_alloc();
    return packet;
}

AvOptions::~AvOptions() {
    av_dict_free(&m_dict);
}

void AvOptions::set(const std::string& key, const std::string& value) {
    av_dict_set(&m_dict, key.c_str(), value.c_str(), 0);
}

std::string AvOptions::leftoverKeys() const {
    std::string keys;
    const AVDictionaryEntry* entry = nullptr;
    while ((entry = av_dict_get(m_dict, "", entry, AV_DICT_IGNORE_SUFFIX))) {
        if (!keys.empty()) keys += ", ";
        keys += entry->key;
    }
    return keys;
}

namespace {
int interruptCallback(void* opaque) {
    return static_cast<InterruptGuard*>(opaque)->shouldInterrupt() ? 1 : 0;
}
} // namespace

void InterruptGuard::install(AVFormatContext* ctx) {
    ctx->interrupt_callback.callback = &interruptCallback;
    ctx->interrupt_callback.opaque = this;
}

void setThreadName(const std::string& name) {
    pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
}

} // namespace hawker::capture
