#pragma once
// The show's stinger ([stinger]) as the compositor plays it: every picture of
// the clip decoded once, before the show (ProgramEngine::prepare), cropped to
// where it is not clear and kept as a YUVA bitmap, so a tick only blends.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "hawker/overlay/yuv_image.hpp"
#include "hawker/overlay/yuva_bitmap.hpp"
#include "hawker/studio/show/show_state.hpp"

namespace hawker::studio {

class StingerLayer {
public:
    /// Decodes the clip at the canvas's size; throws std::runtime_error naming the file and its fault.
    StingerLayer(const StingerSpec& spec, cv::Size canvas);

    /// The scene under the clip at program time `nowMs`: the one left until the point, then the new one.
    const std::string& sceneUnder(const ActiveTransition& active, int64_t nowMs) const;
    /// Blends the clip's picture `elapsedMs` after its start over `canvas`:
    /// the last picture due by then, to the ms (program time, so offline runs are exact);
    /// nothing before the start or from the clip's end on.
    void drawOver(overlay::YuvImage& canvas, int64_t elapsedMs) const;

    size_t frameCount() const { return m_frames.size(); }
    int64_t bytes() const { return m_bytes; }

private:
    struct Frame {
        std::shared_ptr<const overlay::YuvaBitmap> bitmap; ///< null: the picture is clear
        cv::Point at;
        int64_t ptsMs = 0;
    };
    std::vector<Frame> m_frames; ///< in time order
    int m_pointMs = 0, m_durationMs = 0;
    int64_t m_bytes = 0;
};

} // namespace hawker::studio
