#pragma once
// One of the program's encodes as operators see it: its settings, which
// outputs it feeds, and how it keeps up (the Outputs panel, GET /outputs).

#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "hawker/capture/encoder.hpp"
#include "hawker/capture/encoder_settings.hpp"

namespace hawker::studio {

/// One encode as operators see it (the Outputs panel, GET /outputs, the status line).
struct EncodeStatus {
    std::string id; ///< "program" for the show's [encoder]; else its first output's id
    capture::EncoderSettings settings;
    std::vector<std::string> outputs; ///< the show outputs it feeds, in show order
    bool scaled = false;              ///< a rendition scaled from the canvas
    cv::Rect placed;                  ///< where the canvas sits in its frame (bars around it)
    capture::EncoderStats encoder;
    /// Program frames this encode lost: dropped by its rendition's queue or its encoder's.
    uint64_t dropped = 0;
    double scaleMsMedian = -1; ///< its rendition's scale time; -1 at the canvas's size
};

/// The most program frames any one encode lost: what the viewers of the worst-served destination
/// missed (the engine's `dropped`, which the frames_dropped alert reads).
inline uint64_t mostDropped(const std::vector<EncodeStatus>& encodes) {
    uint64_t most = 0;
    for (const EncodeStatus& encode : encodes)
        most = most > encode.dropped ? most : encode.dropped;
    return most;
}

} // namespace hawker::studio
