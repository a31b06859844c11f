#pragma once
// A stinger: a short clip with an alpha channel (a branded wipe) played over
// a take. Read with FFmpeg's own decoders: QuickTime Animation (qtrle) or PNG
// in .mov, ProRes 4444, and VP9 with alpha in .webm (through libvpx-vp9, the
// only decoder of FFmpeg 5.1 that keeps VP9's alpha). Stingers are short, so
// the whole clip is decoded once, before the show, and never on the
// compositor's thread.

#include <cstdint>
#include <functional>
#include <string>

#include <opencv2/core.hpp>

namespace hawker::capture {

/// What a stinger file's header says, read without decoding it (but for the
/// first frame FFmpeg may need to learn the pixel format).
struct StingerClipInfo {
    int width = 0, height = 0;
    int64_t durationMs = 0;
    double fps = 0;     ///< the stream's average frame rate; 0: not given
    std::string codec;  ///< FFmpeg's name of the decoder chosen
    bool alpha = false; ///< the decoded pictures carry alpha
};

/// Limits a stinger must stay within; each is checked before the work it
/// limits: the length and the size of the decoded frames from the header,
/// before anything is decoded, and again at every frame, before it is decoded.
struct StingerClipLimits {
    int64_t maxDurationMs = 5000;
    /// The decoded frames at their output size, 4 bytes a pixel (what the caller
    /// keeps is at most this: it may crop each frame to where it is not clear).
    int64_t maxBytes = int64_t{1} << 30;
};

/// Reads the header of the stinger at `path`. Throws std::runtime_error
/// naming what is wrong: no such file, no video, no alpha, no duration.
StingerClipInfo probeStingerClip(const std::string& path);

/// One decoded picture of the clip, 8-bit BGRA (straight alpha) at the size
/// asked for, and its time from the clip's first picture (ms, rounded down,
/// so a clip at the program's frame rate lands on its ticks exactly).
using StingerFrameSink = std::function<void(const cv::Mat& bgra, int64_t ptsMs)>;

/// Decodes every picture of the stinger at `path`, scaled (stretched) to
/// `size`, and hands each to `sink` in order; returns the number of frames.
/// Throws std::runtime_error naming the file's fault or the limit it passes
/// (probeStingerClip's checks first).
int decodeStingerClip(const std::string& path, cv::Size size, const StingerClipLimits& limits,
                      const StingerFrameSink& sink);

} // namespace hawker::capture
