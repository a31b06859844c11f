#pragma once
// A decoded picture as capture hands it out: I420 planes plus timing.

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include <opencv2/core.hpp>

namespace hawker::capture {

/// A region of the source scaled to a size: what a layer needs of a camera.
struct Rendition {
    cv::Rect crop; ///< in source pixels, even-aligned
    cv::Size size; ///< output size, even
    bool operator==(const Rendition&) const = default;
};

/// Y, U and V planes of a 4:2:0 picture (each may have its own stride).
using PlaneSet = std::array<cv::Mat, 3>;

/// A rendition's picture: planes in a pooled buffer that `owner` keeps alive.
struct RenditionPicture {
    Rendition rendition;
    PlaneSet planes;
    std::shared_ptr<void> owner;
};

struct VideoFrame {
    PlaneSet planes;       ///< native size; may wrap decoder memory kept alive by `owner`
    int64_t ptsUs = 0;     ///< source time, from 0, monotonic across loops and reconnects
    int64_t arrivalUs = 0; ///< steady clock when the frame was published
    uint64_t sequence = 0; ///< counts frames of this source
    std::shared_ptr<void> owner;
    /// Scaled copies made on the decode thread for the renditions requested
    /// when the frame was decoded, so the compositor only copies them.
    std::vector<RenditionPicture> renditions;

    int width() const { return planes[0].cols; }
    int height() const { return planes[0].rows; }
    /// The whole picture at its own size (a camera filling a canvas of its
    /// size): the frame's own planes serve it, so nobody scales or copies it.
    bool isWholePicture(const Rendition& r) const {
        return r.crop == cv::Rect(0, 0, width(), height()) && r.size == r.crop.size();
    }
    const PlaneSet* findRendition(const Rendition& wanted) const {
        if (isWholePicture(wanted)) return &planes;
        for (const RenditionPicture& picture : renditions)
            if (picture.rendition == wanted) return &picture.planes;
        return nullptr;
    }
};

using VideoFramePtr = std::shared_ptr<const VideoFrame>;

} // namespace hawker::capture
