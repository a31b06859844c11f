#pragma once
// What a stream really is, read from its packets: the figures a platform's
// ingest judges (resolution, frame rate, keyframe spacing, bitrate over 1 s
// windows, profile and level, the audio's codec, rate, channels and bitrate,
// and how far audio and video run apart in the file). `hawker preflight`
// measures what the program's encode wrote to a local file with this, never
// the settings it asked for.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hawker::capture {

struct StreamMeasure {
    // Video
    std::string videoCodec;   ///< "h264"
    std::string videoProfile; ///< "high", "main", "constrained baseline"
    double videoLevel = 0;    ///< 4.0, 4.2; 0 when the stream does not say
    int width = 0, height = 0;
    int64_t videoFrames = 0;
    double fps = 0;       ///< frames over the span of their timestamps
    double durationS = 0; ///< first to last video frame, plus one frame
    int64_t keyframes = 0;
    double keyintMaxS = 0; ///< the longest gap between two keyframes (the span when there is one)
    double keyintMeanS = 0;
    double videoKbps = 0;                   ///< over the whole run
    std::vector<double> videoKbpsPerSecond; ///< each whole 1 s window from the first frame
    // Audio (empty codec: no audio stream)
    std::string audioCodec; ///< "aac"
    int audioRate = 0, audioChannels = 0;
    double audioKbps = 0;
    /// The most the two streams' decode times ran apart between neighbouring packets of the file (ms).
    double interleaveMs = 0;
};

/// Reads every packet of `path` (nothing is decoded). Throws std::runtime_error when the file cannot be
/// read or holds no video.
StreamMeasure measureStream(const std::string& path);

} // namespace hawker::capture
