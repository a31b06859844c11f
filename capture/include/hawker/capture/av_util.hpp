#pragma once
// RAII owners for FFmpeg objects and a typed error for failed calls.

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

extern "C" {
struct AVFormatContext;
struct AVCodecContext;
struct AVFrame;
struct AVPacket;
struct SwsContext;
struct SwrContext;
struct AVBSFContext;
struct AVDictionary;
struct AVIOInterruptCB;
}

namespace hawker::capture {

/// @brief FFmpeg's text for an AVERROR code.
std::string avErrorText(int code);

/// An FFmpeg call that failed, naming the call and FFmpeg's reason.
class FfmpegError : public std::runtime_error {
public:
    FfmpegError(const std::string& call, int code);
    int code() const { return m_code; }

private:
    int m_code;
};

/// Throws FfmpegError when an FFmpeg call returns a negative AVERROR.
int checkAv(int result, const char* call);

struct FormatInputDeleter {
    void operator()(AVFormatContext* ctx) const;
};
struct FormatOutputDeleter {
    void operator()(AVFormatContext* ctx) const;
};
struct CodecContextDeleter {
    void operator()(AVCodecContext* ctx) const;
};
struct FrameDeleter {
    void operator()(AVFrame* frame) const;
};
struct PacketDeleter {
    void operator()(AVPacket* packet) const;
};
struct SwsDeleter {
    void operator()(SwsContext* ctx) const;
};
struct SwrDeleter {
    void operator()(SwrContext* ctx) const;
};
struct BsfDeleter {
    void operator()(AVBSFContext* ctx) const;
};

using InputFormatPtr = std::unique_ptr<AVFormatContext, FormatInputDeleter>;
using OutputFormatPtr = std::unique_ptr<AVFormatContext, FormatOutputDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsPtr = std::unique_ptr<SwsContext, SwsDeleter>;
using SwrPtr = std::unique_ptr<SwrContext, SwrDeleter>;
using BsfPtr = std::unique_ptr<AVBSFContext, BsfDeleter>;

FramePtr makeFrame();
PacketPtr makePacket();

/// Owns an AVDictionary of options; hands FFmpeg a pointer and frees what is left.
class AvOptions {
public:
    AvOptions() = default;
    AvOptions(const AvOptions&) = delete;
    AvOptions& operator=(const AvOptions&) = delete;
    ~AvOptions();
    void set(const std::string& key, const std::string& value);
    AVDictionary** get() { return &m_dict; }
    /// Keys FFmpeg did not consume (misspelled options), comma separated.
    std::string leftoverKeys() const;

private:
    AVDictionary* m_dict = nullptr;
};

/// Makes every blocking FFmpeg call on one context interruptible: by an abort
/// flag (stop() returns promptly) and by a deadline that the owner re-arms
/// before each call, so a silent network peer cannot hang a thread.
class InterruptGuard {
public:
    /// `drop` (optional) interrupts too, without counting as the abort: a
    /// source's "reconnect now".
    explicit InterruptGuard(const std::atomic<bool>& abort, const std::atomic<bool>* drop = nullptr)
        : m_abort(abort), m_drop(drop) {}
    void arm(std::chrono::milliseconds timeout) {
        m_deadline.store(std::chrono::steady_clock::now() + timeout);
    }
    void install(AVFormatContext* ctx);
    bool shouldInterrupt() const {
        return m_abort.load() || (m_drop && m_drop->load()) ||
               std::chrono::steady_clock::now() > m_deadline.load();
    }
    bool timedOut() const { return !m_abort.load() && std::chrono::steady_clock::now() > m_deadline.load(); }

private:
    const std::atomic<bool>& m_abort;
    const std::atomic<bool>* m_drop;
    std::atomic<std::chrono::steady_clock::time_point> m_deadline{
        std::chrono::steady_clock::time_point::max()};
};

/// Names the calling thread (15 characters at most) so that top -H and
/// debuggers show which source, encoder or output it is.
void setThreadName(const std::string& name);

/// Microseconds on the steady clock; the one time base for ages and latencies.
inline int64_t steadyMicros() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace hawker::capture
