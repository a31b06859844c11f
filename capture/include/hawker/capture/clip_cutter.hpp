#pragma once
// Cuts one clip out of a recording, frame-accurately and fast: the frames
// from the cut's start to the recording's next keyframe are decoded and
// encoded again (the clip must start on a keyframe of its own), and from that
// keyframe on the recording's packets are copied as they are. Hawker's
// encoder makes no B-frames, so a copy can end on any frame. Audio is decoded
// and encoded again over the whole clip, so it starts and ends on the exact
// sample. The clip is an MP4 (what the platforms take for uploads).
//
// A clip whose frames must change (a card burnt in) or whose recording has
// B-frames or is not H.264 is encoded again whole.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include <opencv2/core/mat.hpp>

namespace hawker::capture {

struct ClipCut {
    std::string input;  ///< the recording
    std::string output; ///< the clip (.mp4); written beside as NAME.part, then renamed
    /// The cut, on the recording's own timestamps (ms); `toMs` is exclusive.
    int64_t fromMs = 0, toMs = 0;
    /// Called with each frame (BGR) and its time on the recording before it
    /// is encoded; set, the whole clip is encoded again.
    std::function<void(cv::Mat& bgr, int64_t fileMs)> drawOnFrame;
    /// 0 … 1 as the cut goes on.
    std::function<void(double)> progress;
    /// Set by another thread: the cut stops and leaves no file.
    const std::atomic<bool>* cancel = nullptr;
};

struct ClipCutResult {
    int64_t frames = 0;         ///< video frames in the clip
    int64_t encodedFrames = 0;  ///< of which encoded again
    int64_t copiedFrames = 0;   ///< of which copied from the recording
    int64_t firstFrameMs = 0;   ///< the recording time of the clip's first frame
    double durationSeconds = 0; ///< frames ÷ frame rate
    int width = 0, height = 0;
    bool audio = false;
};

/// Throws std::runtime_error naming the reason (no such file, the cut is
/// outside the recording, FFmpeg's error, cancelled); no clip is left then.
ClipCutResult cutClip(const ClipCut& cut);

/// The recording's frame shown at `fileMs` (the last one at or before it), as
/// BGR; decodes from the keyframe before it. Throws when there is none.
cv::Mat grabFrame(const std::string& path, int64_t fileMs);

/// The recording's first and last timestamps (ms) of its video stream.
struct RecordingSpan {
    int64_t firstMs = 0, endMs = 0; ///< endMs: the end of its last frame
    int width = 0, height = 0;
};
RecordingSpan probeRecording(const std::string& path);

} // namespace hawker::capture
